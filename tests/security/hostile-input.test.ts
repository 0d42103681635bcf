import { beforeAll, describe, expect, it, vi } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import { databaseChecksum } from "../helpers/database-checksum";
import { TEST_PASSWORD } from "../helpers/factories";
import { describeEachDatabase } from "../helpers/test-database";
import { routeKey, type HttpMethod } from "./app-routes";
import { callRoute, loadRoutes, type CallSpec, type LoadedRoute } from "./call-route";
import { createFixtureWorld, FIXTURE_TEXT, type FixtureWorld } from "./fixture-world";
import {
  DOCUMENTED_4XX,
  fieldMutations,
  hostileAuthorization,
  hostileQueries,
  malformedBodies,
  unknownIds,
  type HostileCase,
} from "./hostile-inputs";

// As in the matrix: without a bearer token a request here has no session (no Next request scope).
vi.mock("@/lib/auth/session-actor", () => ({ sessionUser: async () => null, sessionActor: async () => null }));

/** What a route is given when it is not being attacked: ids that exist, a query and body it accepts. */
interface Inputs {
  params?: Record<string, string>;
  query?: string;
  /** Whether the route reads its query string (routes that ignore it are not sent hostile queries). */
  readsQuery?: boolean;
  body?: Record<string, unknown>;
  /** A route that takes no input at all answers this to everything (the public health check). */
  ignoresInput?: number;
}

interface Targets {
  world: FixtureWorld;
  articleId: string;
  revisionId: string;
  claimId: string;
  attributionId: string;
  userId: string;
  tokenId: string;
}

/**
 * Every route and method, with the inputs its hostile variants are made from. A route without an
 * entry fails the coverage test below, like the authorization matrix.
 */
const ROUTES: Record<string, ((t: Targets) => Inputs | Promise<Inputs>) | { inBrowser: string }> = {
  "GET /api/health": () => ({ ignoresInput: 200 }),
  "GET /api/openapi.json": () => ({ ignoresInput: 200 }),
  "GET /api/me": () => ({}),
  "GET /api/articles": () => ({ query: "q=alpha", readsQuery: true }),
  "POST /api/articles": () => ({ body: { title: "Hostile", format: "text", content: "Body." } }),
  "GET /api/articles/[id]": (t) => ({ params: { id: t.articleId } }),
  "GET /api/articles/[id]/export": (t) => ({ params: { id: t.articleId }, query: "format=json", readsQuery: true }),
  "POST /api/articles/[id]/revisions": (t) => ({
    params: { id: t.articleId },
    body: {
      baseRevisionId: t.revisionId,
      doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `${FIXTURE_TEXT} More.` }] }] },
    },
  }),
  "GET /api/articles/[id]/revisions": (t) => ({ params: { id: t.articleId } }),
  // A step that applies: a hostile variant that got through would change the text.
  "POST /api/articles/[id]/steps": (t) => ({
    params: { id: t.articleId },
    body: { version: 0, clientId: "hostile", steps: [{ stepType: "replace", from: 1, to: 1, slice: { content: [{ type: "text", text: "More " }] } }] },
  }),
  "GET /api/articles/[id]/steps": (t) => ({ params: { id: t.articleId }, query: "since=0", readsQuery: true }),
  // A variant that got through would open a stream (200); none may.
  "GET /api/articles/[id]/events": (t) => ({ params: { id: t.articleId }, query: "after=0", readsQuery: true }),
  "POST /api/articles/[id]/presence": (t) => ({
    params: { id: t.articleId },
    body: { clientId: "hostile", version: 0, from: 1, to: 6, activity: "reviewing" },
  }),
  "GET /api/articles/[id]/revisions/compare": (t) => ({ params: { id: t.articleId }, query: "from=1&to=1", readsQuery: true }),
  "POST /api/articles/[id]/annotations": (t) => ({
    params: { id: t.articleId },
    body: { revisionId: t.revisionId, kind: "claim", from: 7, to: 11, note: "n", attributes: { checkWorthy: true } },
  }),
  "PATCH /api/annotations/[id]": (t) => ({
    params: { id: t.claimId },
    body: { version: 1, note: "n", from: 1, to: 6, attributes: { checkWorthy: false } },
  }),
  "DELETE /api/annotations/[id]": (t) => ({ params: { id: t.claimId }, query: "version=1", readsQuery: true }),
  "POST /api/annotations/[id]/links": (t) => ({ params: { id: t.attributionId }, body: { type: "attributes", targetId: t.claimId } }),
  // The link exists, so a hostile request that got through would change the database.
  "DELETE /api/annotations/[id]/links/[targetId]": async (t) => {
    await t.world.link({ id: t.attributionId, articleId: t.articleId, version: 1 }, { id: t.claimId, articleId: t.articleId, version: 1 });
    return { params: { id: t.attributionId, targetId: t.claimId }, query: "type=attributes", readsQuery: true };
  },
  "POST /api/annotations/[id]/review": (t) => ({ params: { id: t.claimId }, body: { version: 1, decision: "reject", note: "Why" } }),
  "GET /api/annotations/[id]/history": (t) => ({ params: { id: t.claimId } }),
  "GET /api/review/queue": () => ({ query: "kind=claim", readsQuery: true }),
  "GET /api/export": () => ({ query: "format=jsonl", readsQuery: true }),
  "GET /api/users": () => ({}),
  "POST /api/users": () => ({ body: { email: "hostile-new@newsmark.test", name: "New", role: "editor", password: "long enough password" } }),
  "PATCH /api/users/[id]": (t) => ({ params: { id: t.userId }, body: { name: "Renamed", role: "reviewer", disabled: false } }),
  "POST /api/users/[id]/password-setup": (t) => ({ params: { id: t.userId } }),
  "GET /api/tokens": () => ({ query: "all=true", readsQuery: true }),
  "POST /api/tokens": () => ({ body: { name: "Hostile", expiresInDays: 30 } }),
  "DELETE /api/tokens/[id]": (t) => ({ params: { id: t.tokenId } }),
  "POST /api/me/password": () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: "hostile new password" } }),
  // Signed out, so the header cases send this body as it is: a well-formed link that names nobody,
  // since a real one would be spent by the first case.
  "POST /api/password-setup": () => ({ body: { token: `nms_${"A".repeat(43)}`, password: "long enough password" } }),
  "GET /api/auth/[...nextauth]": { inBrowser: "tests/e2e/hostile-sign-in.spec.ts" },
  "POST /api/auth/[...nextauth]": { inBrowser: "tests/e2e/hostile-sign-in.spec.ts" },
};

/** Every hostile variant of one route's inputs. Each case sends the admin's token unless it attacks the header. */
function casesFor(inputs: Inputs): (HostileCase & { anonymous?: boolean })[] {
  // GET routes take no body (fetch refuses one); they are attacked through ids, queries and headers.
  const base: CallSpec = { params: inputs.params, query: inputs.query };
  const cases: (HostileCase & { anonymous?: boolean })[] = [];
  for (const c of hostileAuthorization()) cases.push({ ...c, anonymous: true, spec: { ...base, body: inputs.body, ...c.spec } });
  if (inputs.params) {
    for (const name of Object.keys(inputs.params)) {
      for (const { name: label, id } of unknownIds()) {
        cases.push({ name: `[${name}] ${label}`, spec: { ...base, body: inputs.body, params: { ...inputs.params, [name]: id } } });
      }
    }
  }
  if (inputs.readsQuery || inputs.ignoresInput) {
    for (const c of hostileQueries(inputs.query ?? "")) cases.push({ ...c, spec: { ...base, body: inputs.body, query: c.spec.query } });
  }
  if (inputs.body) {
    for (const c of [...malformedBodies(inputs.body), ...fieldMutations(inputs.body)]) cases.push({ ...c, spec: { ...base, ...c.spec } });
  }
  return cases;
}

describe("hostile input: the table covers the app", () => {
  it("has an entry for every exported method of every route", async () => {
    const routes = await loadRoutes();
    const missing = routes.flatMap((r) => r.methods.map((m) => routeKey(m, r.pattern))).filter((key) => !(key in ROUTES));
    expect(missing, "Add entries to ROUTES in tests/security/hostile-input.test.ts for").toEqual([]);
  });
});

describeEachDatabase("hostile input", (db) => {
  let world: FixtureWorld;
  let routes: Map<string, LoadedRoute>;
  let tried = 0;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, notifications: db.notifications });
    world = await createFixtureWorld(db.prisma);
    routes = new Map((await loadRoutes()).map((r) => [r.pattern, r]));
  });

  async function targets(): Promise<Targets> {
    const article = await world.article();
    const claim = await world.annotation("claim", article, { from: 1, to: 6 });
    const attribution = await world.annotation("attribution", article, { from: 7, to: 11 });
    const user = await world.user();
    const tokenId = await world.accessTokenId();
    return { world, articleId: article.id, revisionId: article.revisionId, claimId: claim.id, attributionId: attribution.id, userId: user.id, tokenId };
  }

  for (const [key, entry] of Object.entries(ROUTES)) {
    if ("inBrowser" in entry) continue;
    const [method, pattern] = key.split(" ") as [HttpMethod, string];
    it(`${key}: only documented 4xx answers, nothing written, still serving`, async () => {
      const route = routes.get(pattern)!;
      const inputs = await entry(await targets());
      const cases = casesFor(inputs);
      expect(cases.length).toBeGreaterThan(0);
      const adminToken = world.tokens.admin!;
      const before = await databaseChecksum(db.prisma);
      for (const c of cases) {
        const res = await callRoute(route, method, c.spec, c.anonymous ? undefined : adminToken);
        // An event stream never ends: one that opened is closed at once (and the status fails the case).
        const streamed = /^text\/event-stream/.test(res.headers.get("content-type") ?? "");
        const text = streamed ? (await res.body?.cancel(), "(an open event stream)") : await res.text();
        const label = `${key} with ${c.name}: ${res.status} ${text.slice(0, 300)}`;
        if (inputs.ignoresInput) {
          expect(res.status, label).toBe(inputs.ignoresInput);
        } else {
          expect(DOCUMENTED_4XX as readonly number[], label).toContain(res.status);
          const body = JSON.parse(text) as { error: { code: string; message: string } };
          expect(Object.keys(body), label).toEqual(["error"]);
          expect(body.error.message.length, label).toBeGreaterThan(0);
        }
        expect(await databaseChecksum(db.prisma), `${label} changed the database`).toEqual(before);
        tried += 1;
      }
      // Still serving: the same route answers a plain request, and a write elsewhere goes through.
      const me = routes.get("/api/me")!;
      expect((await callRoute(me, "GET", {}, adminToken)).status).toBe(200);
      const createArticle = routes.get("/api/articles")!;
      const created = await callRoute(createArticle, "POST", { body: { title: "After the storm", format: "text", content: "Fine." } }, adminToken);
      expect(created.status).toBe(201);
    });
  }

  it("counts what it tried", () => {
    console.log(`hostile inputs tried on ${db.kind}: ${tried}`);
    expect(tried).toBeGreaterThan(0);
  });
});
