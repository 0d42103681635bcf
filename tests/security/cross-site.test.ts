import { NextRequest } from "next/server";
import { beforeAll, expect, it, vi } from "vitest";
import { POST as createArticleRouteHandler } from "@/app/api/articles/route";
import { GET as meRouteHandler } from "@/app/api/me/route";
import { useDatabase } from "@/lib/server/database/app-database";
import type { Actor } from "@/lib/server/actor";
import { createTestToken, createTestUser } from "../helpers/factories";
import { describeEachDatabase } from "../helpers/test-database";
import { documented } from "../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const createArticleRoute = documented("POST", "/api/articles", createArticleRouteHandler);
const meRoute = documented("GET", "/api/me", meRouteHandler);

/**
 * The cross-site rule of withAuth: a write authenticated by the session cookie must come from our
 * origin; a bearer token is not ambient (a browser never attaches it by itself), so it is not
 * subject to the rule. The cookie session is stood in for here (next-auth needs Next's request
 * scope); tests/e2e/cross-site-requests.spec.ts checks real cookies on the real server.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session-actor", () => ({
  sessionUser: async () => (session.actor ? { actor: session.actor } : null),
  sessionActor: async () => session.actor,
}));

const noParams = { params: Promise.resolve({}) };
const body = () => JSON.stringify({ title: `Cross-site ${crypto.randomUUID()}`, format: "text", content: "Body." });

function post(headers: Record<string, string>): NextRequest {
  return new NextRequest("http://newsmark.example/api/articles", {
    method: "POST",
    headers: { host: "newsmark.example", "content-type": "application/json", ...headers },
    body: body(),
  });
}

describeEachDatabase("cross-site writes", (db) => {
  let token: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    const editor = await createTestUser(db.prisma, { role: "editor" });
    session.actor = { id: editor.id, email: editor.email, name: editor.name, role: editor.role };
    token = await createTestToken(db.prisma, editor.email);
  });

  it("refuses a cookie write from another origin and writes nothing", async () => {
    const before = await db.prisma.article.count();
    for (const origin of ["http://attacker.test", "https://newsmark.example.attacker.test", "null", "not a url"]) {
      const res = await createArticleRoute(post({ origin }), noParams);
      expect(res.status, origin).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
    expect(await db.prisma.article.count()).toBe(before);
  });

  it("accepts a cookie write from our own origin, and cookie reads from anywhere", async () => {
    expect((await createArticleRoute(post({ origin: "http://newsmark.example" }), noParams)).status).toBe(201);
    const read = new NextRequest("http://newsmark.example/api/me", { headers: { host: "newsmark.example", origin: "http://attacker.test" } });
    expect((await meRoute(read, noParams)).status).toBe(200);
  });

  it("leaves bearer tokens alone: a token write with a foreign Origin goes through", async () => {
    const res = await createArticleRoute(post({ origin: "http://attacker.test", authorization: `Bearer ${token}` }), noParams);
    expect(res.status).toBe(201);
  });
});
