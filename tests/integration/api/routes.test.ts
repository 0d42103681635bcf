import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getArticleRouteHandler } from "@/app/api/articles/[id]/route";
import { GET as listArticlesRouteHandler, POST as createArticleRouteHandler } from "@/app/api/articles/route";
import { GET as healthRouteHandler } from "@/app/api/health/route";
import { GET as meRouteHandler } from "@/app/api/me/route";
import { useDatabase } from "@/lib/server/database/app-database";
import { hashToken } from "@/lib/server/tokens/token-secret";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const getArticleRoute = documented("GET", "/api/articles/[id]", getArticleRouteHandler);
const listArticlesRoute = documented("GET", "/api/articles", listArticlesRouteHandler);
const createArticleRoute = documented("POST", "/api/articles", createArticleRouteHandler);
const healthRoute = documented("GET", "/api/health", healthRouteHandler);
const meRoute = documented("GET", "/api/me", meRouteHandler);

const BASE = "http://localhost";
const TWO_MB = 2 * 1024 * 1024;
const noParams = { params: Promise.resolve({}) };

interface RequestOptions {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: string | ReadableStream<Uint8Array>;
}

function request(path: string, { method = "GET", token, headers = {}, body }: RequestOptions = {}): NextRequest {
  const all = new Headers(headers);
  if (token) all.set("authorization", `Bearer ${token}`);
  // Node's fetch needs duplex "half" to send a stream; the DOM typings do not know the option yet.
  const init = { method, headers: all, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) };
  return new NextRequest(`${BASE}${path}`, init as ConstructorParameters<typeof NextRequest>[1]);
}

const postJson = (token: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  createArticleRoute(request("/api/articles", { method: "POST", token, headers, body }), noParams);

/** A body of `size` bytes sent in chunks, with no Content-Length. */
function streamOf(size: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(chunk, size - sent);
      controller.enqueue(new Uint8Array(n).fill(0x61));
      sent += n;
    },
  });
}

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

describeEachDatabase("API routes", (db) => {
  let editor: TestUser;
  let token: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    token = await createTestToken(db.prisma, editor.email);
  });

  it("GET /api/health answers ok with the database kind, without authentication", async () => {
    const res = await healthRoute();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: db.kind, databaseReachable: true });
    // A load balancer polls it: never served from a cache, and too small to be worth compressing.
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
  });

  describe("GET /api/me", () => {
    it("answers the token's user, without secrets", async () => {
      const res = await meRoute(request("/api/me", { token }), noParams);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id: editor.id, email: editor.email, name: editor.name, role: "editor" });
    });

    it("answers 401 in the error envelope for a made-up token", async () => {
      for (const bogus of [`nmk_${"b".repeat(43)}`, "not-even-close"]) {
        const res = await meRoute(request("/api/me", { token: bogus }), noParams);
        const body = await expectError(res, 401, "unauthorized");
        expect(Object.keys(body)).toEqual(["error"]);
        expect(Object.keys(body.error).sort()).toEqual(["code", "message"]);
      }
    });

    it("answers 401 for a revoked token", async () => {
      const revoked = await createTestToken(db.prisma, editor.email);
      await db.prisma.accessToken.update({ where: { tokenHash: hashToken(revoked) }, data: { revokedAt: new Date() } });
      await expectError(await meRoute(request("/api/me", { token: revoked }), noParams), 401, "unauthorized");
      // The caller's other token still works: only the revoked one is refused.
      expect((await meRoute(request("/api/me", { token }), noParams)).status).toBe(200);
    });

    it("answers 401 for the token of a disabled user", async () => {
      const user = await createTestUser(db.prisma, { role: "reviewer" });
      const theirs = await createTestToken(db.prisma, user.email);
      expect((await meRoute(request("/api/me", { token: theirs }), noParams)).status).toBe(200);
      await db.prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
      await expectError(await meRoute(request("/api/me", { token: theirs }), noParams), 401, "unauthorized");
    });
  });

  describe("POST /api/articles", () => {
    it("imports an article and answers 201 with the article and its revision", async () => {
      const before = await db.prisma.article.count();
      const res = await postJson(token, JSON.stringify({ title: "From the API", format: "markdown", content: "Some *claim* here." }));
      expect(res.status).toBe(201);
      const body = (await res.json()) as {
        article: { id: string; title: string };
        revision: { number: number; text: string };
        annotations: unknown[];
      };
      expect(body.article.title).toBe("From the API");
      expect(body.revision).toMatchObject({ number: 1, text: "Some claim here." });
      expect(body.annotations).toEqual([]);
      expect(await db.prisma.article.count()).toBe(before + 1);
      const row = await db.prisma.article.findUniqueOrThrow({ where: { id: body.article.id } });
      expect(row.createdById).toBe(editor.id);
    });

    it("never answers 500 for a NUL character in the title or content", async () => {
      const cases = [
        { title: "Nul\u0000title", format: "text", content: "Body." },
        { title: "Nul text", format: "text", content: "Hello\u0000world." },
        { title: "Nul html", format: "html", content: "<p>Hello\u0000world.</p>" },
      ];
      for (const input of cases) {
        const before = await db.prisma.article.count();
        const res = await postJson(token, JSON.stringify(input));
        // Refusing (400) or storing it without the NUL (201) are both fine; a 500 is not.
        expect([400, 201], input.title).toContain(res.status);
        if (res.status === 400) expect(await db.prisma.article.count()).toBe(before);
        else expect(JSON.stringify(await res.json())).not.toContain("\\u0000");
      }
    });

    describe("refuses bad input with nothing written", () => {
      let before: number;
      beforeAll(async () => {
        before = await db.prisma.article.count();
      });
      const unchanged = async () => expect(await db.prisma.article.count()).toBe(before);

      it("malformed JSON → 400", async () => {
        await expectError(await postJson(token, '{"title": "x", '), 400, "validation_failed");
        await expectError(await postJson(token, ""), 400, "validation_failed");
        await expectError(await postJson(token, '["an", "array"]'), 400, "validation_failed");
        await unchanged();
      });

      it.each([
        ["wrong types", { title: 42, format: "text", content: "Body." }, "title"],
        ["missing fields", { title: "No content" }, "format"],
        ["unknown fields", { title: "Extra", format: "text", content: "Body.", status: "reviewed" }, "(body)"],
        ["content that does not parse", { title: "Empty", format: "text", content: " " }, "content"],
      ])("%s → 400 with details", async (_, input, path) => {
        const body = await expectError(await postJson(token, JSON.stringify(input)), 400, "validation_failed");
        expect(Array.isArray(body.error.details)).toBe(true);
        expect(body.error.details!.length).toBeGreaterThan(0);
        expect(body.error.details!.map((d) => d.path)).toContain(path);
        await unchanged();
      });

      it("a body that is not declared as JSON → 400", async () => {
        const json = JSON.stringify({ title: "Form", format: "text", content: "Body." });
        await expectError(await postJson(token, json, { "content-type": "text/plain" }), 400, "validation_failed");
        await expectError(await postJson(token, json, {}), 400, "validation_failed");
        await unchanged();
      });

      it("a body over 2 MB → 413, with or without Content-Length", async () => {
        const big = JSON.stringify({ title: "Huge", format: "text", content: "a".repeat(TWO_MB + 10) });
        const length = String(Buffer.byteLength(big));
        const json = { "content-type": "application/json" };
        const declared = request("/api/articles", { method: "POST", token, headers: { ...json, "content-length": length }, body: big });
        expect(declared.headers.get("content-length")).toBe(length);
        await expectError(await createArticleRoute(declared, noParams), 413, "payload_too_large");
        const undeclared = request("/api/articles", { method: "POST", token, headers: json, body: big });
        expect(undeclared.headers.get("content-length")).toBeNull();
        await expectError(await createArticleRoute(undeclared, noParams), 413, "payload_too_large");
        const streamed = request("/api/articles", { method: "POST", token, headers: json, body: streamOf(TWO_MB + 64 * 1024) });
        expect(streamed.headers.get("content-length")).toBeNull();
        await expectError(await createArticleRoute(streamed, noParams), 413, "payload_too_large");
        await unchanged();
      });

      it("a made-up token → 401", async () => {
        const json = JSON.stringify({ title: "Anon", format: "text", content: "Body." });
        await expectError(await postJson(`nmk_${"c".repeat(43)}`, json), 401, "unauthorized");
        await unchanged();
      });
    });
  });

  describe("GET /api/articles", () => {
    it("lists articles for a token holder", async () => {
      const res = await listArticlesRoute(request("/api/articles?q=from%20the%20api&limit=5", { token }), noParams);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { title: string }[]; nextCursor: string | null };
      expect(body.items.map((i) => i.title)).toEqual(["From the API"]);
      expect(body.nextCursor).toBeNull();
    });

    it("answers 400 with details for an unknown status", async () => {
      const res = await listArticlesRoute(request("/api/articles?status=bogus", { token }), noParams);
      const body = await expectError(res, 400, "validation_failed");
      expect(body.error.details!.map((d) => d.path)).toContain("status");
    });
  });

  describe("GET /api/articles/:id", () => {
    it("answers 404 for an unknown or malformed id", async () => {
      for (const id of [randomUUID(), "nope"]) {
        const res = await getArticleRoute(request(`/api/articles/${id}`, { token }), { params: Promise.resolve({ id }) });
        await expectError(res, 404, "not_found");
      }
    });

    it("answers the article for a known id", async () => {
      const article = await db.prisma.article.findFirstOrThrow({ where: { title: "From the API" } });
      const res = await getArticleRoute(request(`/api/articles/${article.id}`, { token }), { params: Promise.resolve({ id: article.id }) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { article: { id: string } }).article.id).toBe(article.id);
    });
  });
});
