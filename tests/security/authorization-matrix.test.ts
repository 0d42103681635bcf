import { beforeAll, describe, expect, it, vi } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import { databaseChecksum } from "../helpers/database-checksum";
import { TEST_PASSWORD } from "../helpers/factories";
import { describeEachDatabase } from "../helpers/test-database";
import { routeKey } from "./app-routes";
import { callRoute, loadRoutes, type CallSpec, type LoadedRoute } from "./call-route";
import { createFixtureWorld, FIXTURE_TEXT, type FixtureWorld } from "./fixture-world";
import { adminsOnly, everyone, PRINCIPALS, signedIn, type Expected } from "./principals";

/**
 * The authorization matrix of the API: one row per route and method, with the answer each
 * principal must get. The test walks the real route files, so a new route without a row fails
 * here. To add a row: the key `METHOD /pattern`, what to send (fresh objects per call, so one
 * principal's success cannot change another's answer) and the expected statuses.
 */
interface Row {
  expect: Expected;
  /** Builds the request for one principal's call. */
  call?: (world: FixtureWorld) => Promise<CallSpec>;
  /** Routes whose handler needs Next's request scope (next-auth) are checked in the browser matrix instead. */
  inBrowser?: string;
  /**
   * A success is an open stream of server-sent events: its first bytes are read and it is closed,
   * instead of reading a body that never ends.
   */
  stream?: true;
}

const changedDoc = {
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: `${FIXTURE_TEXT} Corrected.` }] }],
};

/** A step inserting text at the start of a fixture article's paragraph, as an editor page sends it. */
const insertStep = (text: string) => ({ stepType: "replace", from: 1, to: 1, slice: { content: [{ type: "text", text }] } });

const MATRIX: Record<string, Row> = {
  "GET /api/health": { expect: everyone(200) },
  // The API's reference is public: it describes the API's shape, never data (its page, /api/docs, is in the page matrix).
  "GET /api/openapi.json": { expect: everyone(200) },
  "GET /api/me": { expect: signedIn(200) },
  "GET /api/articles": { expect: signedIn(200) },
  "POST /api/articles": {
    expect: signedIn(201),
    call: async () => ({ body: { title: "Matrix import", format: "text", content: "Imported by the matrix." } }),
  },
  "GET /api/articles/[id]": { expect: signedIn(200), call: async (w) => ({ params: { id: (await w.article()).id } }) },
  "GET /api/articles/[id]/export": {
    expect: signedIn(200),
    call: async (w) => ({ params: { id: (await w.article()).id }, query: "format=w3c" }),
  },
  "POST /api/articles/[id]/revisions": {
    expect: signedIn(201),
    call: async (w) => {
      const article = await w.article();
      return { params: { id: article.id }, body: { baseRevisionId: article.revisionId, doc: changedDoc } };
    },
  },
  "GET /api/articles/[id]/revisions": { expect: signedIn(200), call: async (w) => ({ params: { id: (await w.article()).id } }) },
  // Live collaboration: every role edits the shared text and sees the others' changes and carets.
  "POST /api/articles/[id]/steps": {
    expect: signedIn(200),
    call: async (w) => ({ params: { id: (await w.article()).id }, body: { version: 0, clientId: "matrix", steps: [insertStep("Matrix ")] } }),
  },
  "GET /api/articles/[id]/steps": {
    expect: signedIn(200),
    call: async (w) => {
      const article = await w.article();
      await w.sendSteps(article, [insertStep("Before ")]);
      return { params: { id: article.id }, query: "since=0" };
    },
  },
  "GET /api/articles/[id]/events": { expect: signedIn(200), stream: true, call: async (w) => ({ params: { id: (await w.article()).id }, query: "after=0" }) },
  "POST /api/articles/[id]/presence": {
    expect: signedIn(204),
    call: async (w) => ({ params: { id: (await w.article()).id }, body: { clientId: "matrix", version: 0, from: 1, to: 6, activity: "editing" } }),
  },
  // Two revisions are needed to compare: the call saves a correction first.
  "GET /api/articles/[id]/revisions/compare": {
    expect: signedIn(200),
    call: async (w) => {
      const article = await w.article();
      await w.revise(article, changedDoc);
      return { params: { id: article.id }, query: "from=1&to=2" };
    },
  },
  "POST /api/articles/[id]/annotations": {
    expect: signedIn(201),
    call: async (w) => {
      const article = await w.article();
      return { params: { id: article.id }, body: { revisionId: article.revisionId, kind: "claim", from: 7, to: 11 } };
    },
  },
  // Editors change only their own pending annotations; reviewers and admins any.
  "PATCH /api/annotations/[id]": {
    expect: signedIn(200, { otherEditor: 403 }),
    call: async (w) => {
      const a = await w.annotation();
      return { params: { id: a.id }, body: { version: a.version, note: "Changed by the matrix" } };
    },
  },
  "DELETE /api/annotations/[id]": {
    expect: signedIn(204, { otherEditor: 403 }),
    call: async (w) => {
      const a = await w.annotation();
      return { params: { id: a.id }, query: `version=${a.version}` };
    },
  },
  "POST /api/annotations/[id]/links": {
    expect: signedIn(201, { otherEditor: 403 }),
    call: async (w) => {
      const article = await w.article();
      const claim = await w.annotation("claim", article, { from: 1, to: 6 });
      const attribution = await w.annotation("attribution", article, { from: 7, to: 11 });
      return { params: { id: attribution.id }, body: { type: "attributes", targetId: claim.id } };
    },
  },
  "DELETE /api/annotations/[id]/links/[targetId]": {
    expect: signedIn(204, { otherEditor: 403 }),
    call: async (w) => {
      const article = await w.article();
      const claim = await w.annotation("claim", article, { from: 1, to: 6 });
      const attribution = await w.annotation("attribution", article, { from: 7, to: 11 });
      await w.link(attribution, claim);
      return { params: { id: attribution.id, targetId: claim.id } };
    },
  },
  // Four-eyes: editors never review, and nobody reviews their own work (the author is an editor here).
  "POST /api/annotations/[id]/review": {
    expect: signedIn(200, { author: 403, otherEditor: 403 }),
    call: async (w) => {
      const a = await w.annotation();
      return { params: { id: a.id }, body: { version: a.version, decision: "approve" } };
    },
  },
  "GET /api/annotations/[id]/history": {
    expect: signedIn(200),
    call: async (w) => ({ params: { id: (await w.annotation()).id } }),
  },
  "GET /api/review/queue": { expect: signedIn(200) },
  "GET /api/export": { expect: signedIn(200), call: async () => ({ query: "format=jsonl" }) },
  "GET /api/users": { expect: adminsOnly(200) },
  "POST /api/users": {
    expect: adminsOnly(201),
    call: async () => ({ body: { email: `matrix-${crypto.randomUUID()}@newsmark.test`, name: "Matrix user", role: "editor" } }),
  },
  "PATCH /api/users/[id]": {
    expect: adminsOnly(200),
    call: async (w) => ({ params: { id: (await w.user()).id }, body: { name: "Renamed by the matrix" } }),
  },
  "POST /api/users/[id]/password-setup": { expect: adminsOnly(201), call: async (w) => ({ params: { id: (await w.user()).id } }) },
  "GET /api/tokens": { expect: signedIn(200) },
  "POST /api/tokens": { expect: signedIn(201), call: async () => ({ body: { name: "Matrix token", expiresInDays: 7 } }) },
  // The author's token: someone else's is "not found" to a non-admin, so token ids reveal nothing.
  "DELETE /api/tokens/[id]": {
    expect: signedIn(204, { otherEditor: 404, reviewer: 404 }),
    call: async (w) => ({ params: { id: await w.accessTokenId() } }),
  },
  // Every fixture user has TEST_PASSWORD; each principal changes its own once.
  "POST /api/me/password": {
    expect: signedIn(204),
    call: async () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: "changed by the matrix" } }),
  },
  // Signed out by design: the one-time link in the body is the credential, whoever sends it.
  "POST /api/password-setup": {
    expect: everyone(204),
    call: async (w) => ({ body: { token: await w.setupSecret(), password: "chosen with the link" } }),
  },
  "GET /api/auth/[...nextauth]": { expect: everyone(200), inBrowser: "tests/e2e/page-access-matrix.spec.ts" },
  "POST /api/auth/[...nextauth]": { expect: everyone(200), inBrowser: "tests/e2e/hostile-sign-in.spec.ts and the sign-in specs" },
};

// Outside a real server next-auth cannot read cookies (it needs Next's request scope), so here a
// request without a bearer token is a request without a session, which is what getServerSession
// answers for a cookie-less request. The browser matrix checks real cookie sessions.
vi.mock("@/lib/auth/session-actor", () => ({ sessionUser: async () => null, sessionActor: async () => null }));

/** The first bytes of a streamed body, then the stream is cancelled (as a browser closing the page). */
async function firstChunk(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  try {
    const { value } = await reader.read();
    return new TextDecoder().decode(value);
  } finally {
    await reader.cancel();
  }
}

const ERROR_CODES: Record<number, string> = { 401: "unauthorized", 403: "forbidden", 404: "not_found" };

/** Exported for the closing count in the report; the matrix itself is the source of truth. */
export const MATRIX_KEYS = Object.keys(MATRIX);

describe("authorization matrix: the table covers the app", () => {
  it("has a row for every exported method of every route, and no row for a route that is gone", async () => {
    const routes = await loadRoutes();
    const actual = routes.flatMap((r) => r.methods.map((m) => routeKey(m, r.pattern)));
    const missing = actual.filter((key) => !(key in MATRIX));
    expect(missing, `Add rows to MATRIX in ${import.meta.filename.split("/tests/")[1]} for`).toEqual([]);
    expect(MATRIX_KEYS.filter((key) => !actual.includes(key)), "Rows for routes that no longer exist").toEqual([]);
  });
});

describeEachDatabase("authorization matrix", (db) => {
  let world: FixtureWorld;
  let routes: Map<string, LoadedRoute>;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, notifications: db.notifications });
    world = await createFixtureWorld(db.prisma);
    routes = new Map((await loadRoutes()).map((r) => [r.pattern, r]));
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    if (row.inBrowser) continue;
    const [method, pattern] = key.split(" ") as [LoadedRoute["methods"][number], string];
    it(`${key}: ${PRINCIPALS.map((p) => `${p} ${row.expect[p]}`).join(", ")}`, async () => {
      const route = routes.get(pattern);
      expect(route, `no route file for ${pattern}`).toBeDefined();
      for (const principal of PRINCIPALS) {
        const spec = row.call ? await row.call(world) : {};
        const before = await databaseChecksum(db.prisma);
        const res = await callRoute(route!, method, spec, world.tokens[principal]);
        const expected = row.expect[principal];
        if (row.stream && res.status < 300) {
          expect(res.status, `${key} as ${principal}`).toBe(expected);
          expect(res.headers.get("content-type"), `${key} as ${principal}`).toMatch(/^text\/event-stream/);
          await expect(firstChunk(res), `${key} as ${principal}`).resolves.toContain(": connected");
          continue;
        }
        const text = await res.text();
        expect(res.status, `${key} as ${principal}: ${text.slice(0, 300)}`).toBe(expected);
        if (expected >= 400) {
          expect(JSON.parse(text).error.code, `${key} as ${principal}`).toBe(ERROR_CODES[expected]);
          // A refused request leaves no trace: no row, no audit event.
          expect(await databaseChecksum(db.prisma), `${key} as ${principal} changed the database`).toEqual(before);
        }
      }
    });
  }
});
