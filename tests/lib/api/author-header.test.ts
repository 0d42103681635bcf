import { NextRequest } from "next/server";
import { beforeAll, expect, it, vi } from "vitest";
import { POST as createAnnotationRouteHandler } from "@/app/api/articles/[id]/annotations/route";
import { POST as createArticleRouteHandler } from "@/app/api/articles/route";
import { AUTHOR_HEADER } from "@/lib/api/author-header";
import { useDatabase } from "@/lib/server/database/app-database";
import type { Actor } from "@/lib/server/actor";
import { createTestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const createAnnotationRoute = documented("POST", "/api/articles/[id]/annotations", createAnnotationRouteHandler);
const createArticleRoute = documented("POST", "/api/articles", createArticleRouteHandler);

/**
 * The editor names the author of the unsent changes it sends; withAuth refuses them under anyone
 * else's session, so a shared computer's next user never records the previous one's work. The
 * cookie session is stood in for, as in tests/security/cross-site.test.ts; the e2e spec
 * tests/e2e/unsent-work.spec.ts checks it with real sign-ins.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session-actor", () => ({
  sessionUser: async () => (session.actor ? { actor: session.actor } : null),
  sessionActor: async () => session.actor,
}));

const HOST = "newsmark.example";
const request = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new NextRequest(`http://${HOST}${url}`, {
    method: "POST",
    headers: { host: HOST, origin: `http://${HOST}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describeEachDatabase("the author header", (db) => {
  let editor: Actor;
  let reviewer: Actor;
  let articleId: string;
  let revisionId: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    const toActor = (u: Actor): Actor => ({ id: u.id, email: u.email, name: u.name, role: u.role });
    editor = toActor(await createTestUser(db.prisma, { role: "editor" }));
    reviewer = toActor(await createTestUser(db.prisma, { role: "reviewer" }));
    session.actor = editor;
    const res = await createArticleRoute(request("/api/articles", { title: `Author ${crypto.randomUUID()}`, format: "text", content: "Alpha beta gamma." }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { article: { id: string }; revision: { id: string } };
    articleId = created.article.id;
    revisionId = created.revision.id;
  });

  const tag = (headers: Record<string, string>) =>
    createAnnotationRoute(request(`/api/articles/${articleId}/annotations`, { id: crypto.randomUUID(), revisionId, kind: "claim", start: 0, end: 5 }, headers), {
      params: Promise.resolve({ id: articleId }),
    });

  it("refuses a change whose author is not the signed-in user, and writes nothing", async () => {
    session.actor = reviewer;
    const before = await db.prisma.annotation.count({ where: { articleId } });
    const res = await tag({ [AUTHOR_HEADER]: editor.id });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    expect(await db.prisma.annotation.count({ where: { articleId } })).toBe(before);
  });

  it("accepts it from its author, and requests that name nobody as before", async () => {
    session.actor = editor;
    const own = await tag({ [AUTHOR_HEADER]: editor.id });
    expect(own.status).toBe(201);
    expect(((await own.json()) as { createdBy: { id: string } }).createdBy.id).toBe(editor.id);
    session.actor = reviewer;
    expect((await tag({})).status).toBe(201);
  });
});
