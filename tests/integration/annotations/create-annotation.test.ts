import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import { ZodError } from "zod";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { AppError } from "@/lib/server/errors";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import {
  api,
  auditEvents,
  cps,
  detailPaths,
  expectError,
  expectJson,
  expectQuoteInvariant,
  fetchArticle,
  locate,
  makeArticle,
  snapshotCounts,
  type Located,
  type TestArticle,
} from "./annotation-api";

const SAMPLE = [
  "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.",
  "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.",
];

// Flags and skin tones are two code points each, 𝒳 and 😀 one code point of two UTF-16 units.
const UNICODE = [
  "Tokyo 🇯🇵 talks: 東京の会議で特使は安全保障について語った 👍🏽 and the envoy said “peace 𝒳 is near”.",
  "Émilie’s 😀 note: the summit in 北京 ended early, officials said.",
];

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`Expected a rejection, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
}

describeEachDatabase("POST /api/articles/:id/annotations", (db) => {
  let editor: TestUser;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    token = await createTestToken(db.prisma, editor.email);
    const other = await createTestUser(db.prisma, { role: "editor" });
    otherToken = await createTestToken(db.prisma, other.email);
  });

  const newArticle = (paragraphs: string[] = SAMPLE) => makeArticle(db.prisma, editor, paragraphs);

  describe("targets", () => {
    let article: TestArticle;
    beforeAll(async () => {
      article = await newArticle();
    });

    it("creates from editor positions: 201, code-point offsets, quote with context, and one audit event", async () => {
      const want = locate(article.text, "US special envoy Steve Witkoff");
      const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "attribution", from: want.from, to: want.to, note: "Who?" });
      const body = await expectJson(res, 201);
      expect(body).toMatchObject({
        articleId: article.id,
        revisionId: article.revisionId,
        kind: "attribution",
        from: want.from,
        to: want.to,
        start: want.start,
        end: want.end,
        note: "Who?",
        attributes: {},
        status: "pending",
        version: 1,
        createdBy: { id: editor.id, name: editor.name },
        reviewedBy: null,
        reviewedAt: null,
        links: [],
      });
      expect(body.quote).toEqual({
        exact: "US special envoy Steve Witkoff",
        prefix: "Following the Alaska meeting, ",
        suffix: " stated that Putin had agreed to",
      });
      expect(cps(body.quote.suffix)).toHaveLength(32);
      expectQuoteInvariant(article.text, body);

      const row = await db.prisma.annotation.findUniqueOrThrow({ where: { id: body.id } });
      expect(row).toMatchObject({ start: want.start, end: want.end, quoteExact: body.quote.exact, createdById: editor.id, deletedAt: null });
      const events = await auditEvents(db.prisma, body.id);
      expect(events.map((e) => e.action)).toEqual(["annotation.create"]);
      expect(events[0]!.actorId).toBe(editor.id);
      expect(events[0]!.after).toMatchObject({ id: body.id, quote: { exact: body.quote.exact }, version: 1 });
    });

    it("keeps at most 32 code points of context on each side", async () => {
      const want = locate(article.text, "security guarantees");
      const body = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", from: want.from, to: want.to }), 201);
      expect(cps(body.quote.prefix)).toHaveLength(32);
      expect(body.quote.prefix).toBe("stated that Putin had agreed to ");
      expect(body.quote.suffix).toBe(" for Ukraine.\n\nOfficials in Kyiv");
      expectQuoteInvariant(article.text, body);
    });

    it("creates from code-point offsets {start, end}", async () => {
      const want = locate(article.text, "Officials in Kyiv");
      const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "attribution", start: want.start, end: want.end });
      const body = await expectJson(res, 201);
      expect(body).toMatchObject({ start: want.start, end: want.end, from: want.from, to: want.to, quote: { exact: "Officials in Kyiv" } });
      expectQuoteInvariant(article.text, body);
    });

    it("creates from a unique quote", async () => {
      const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "Putin had agreed" } });
      const body = await expectJson(res, 201);
      const want = locate(article.text, "Putin had agreed");
      expect(body).toMatchObject({ start: want.start, end: want.end, from: want.from, to: want.to, quote: { exact: "Putin had agreed" } });
      expectQuoteInvariant(article.text, body);
    });

    it("refuses an ambiguous quote with 400 asking for a prefix or suffix, writing nothing", async () => {
      const before = await snapshotCounts(db.prisma);
      const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "guarantees" } });
      const body = await expectError(res, 400, "validation_failed");
      expect(body.error.message).toMatch(/prefix/);
      expect(body.error.message).toMatch(/suffix/);
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });

    it("refuses a quote that does not occur with 400, writing nothing", async () => {
      const before = await snapshotCounts(db.prisma);
      const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "Putin had refused" } });
      const body = await expectError(res, 400, "validation_failed");
      expect(detailPaths(body).join(" ")).toContain("quote");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });

    it("picks the occurrence a prefix or suffix points at", async () => {
      const second = locate(article.text, "guarantees", 1);
      const byPrefix = await expectJson(
        await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "guarantees", prefix: "Kyiv said the " } }),
        201,
      );
      expect(byPrefix).toMatchObject({ start: second.start, end: second.end });
      expectQuoteInvariant(article.text, byPrefix);

      const first = locate(article.text, "guarantees", 0);
      const bySuffix = await expectJson(
        await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "guarantees", suffix: " for Ukraine" } }),
        201,
      );
      expect(bySuffix).toMatchObject({ start: first.start, end: first.end });
      expect(first.start).not.toBe(second.start);
    });

    it("trims leading and trailing whitespace from the span", async () => {
      const inner = locate(article.text, "Steve Witkoff");
      const byPositions = await expectJson(
        await api.create(token, article.id, { revisionId: article.revisionId, kind: "attribution", from: inner.from - 1, to: inner.to + 1 }),
        201,
      );
      expect(byPositions).toMatchObject({ from: inner.from, to: inner.to, start: inner.start, end: inner.end, quote: { exact: "Steve Witkoff" } });

      // Across the paragraph break: "Ukraine.\n\n" loses its newlines.
      const ukraine = locate(article.text, "Ukraine.");
      const byOffsets = await expectJson(
        await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", start: ukraine.start - 1, end: ukraine.end + 2 }),
        201,
      );
      expect(byOffsets).toMatchObject({ start: ukraine.start, end: ukraine.end, quote: { exact: "Ukraine." } });

      const byQuote = await expectJson(
        await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: " stated that " } }),
        201,
      );
      expect(byQuote.quote.exact).toBe("stated that");
      for (const body of [byPositions, byOffsets, byQuote]) expectQuoteInvariant(article.text, body);
    });
  });

  describe("refuses bad positions with 400 and writes nothing", () => {
    let article: TestArticle;
    let size: number;
    beforeAll(async () => {
      article = await newArticle();
      // Paragraph-only document: positions run from 0 to UTF-16 length + 2.
      size = article.text.length + 2;
    });

    const whitespace = () => {
      const at = article.text.indexOf("\n\n");
      return { from: at + 1, to: at + 3 };
    };

    it.each([
      ["from equal to to", () => ({ from: 5, to: 5 })],
      ["from after to", () => ({ from: 9, to: 5 })],
      ["a negative from", () => ({ from: -1, to: 5 })],
      ["a fractional to", () => ({ from: 1, to: 1.5 })],
      ["a position past the end", () => ({ from: 1, to: size + 1 })],
      ["positions far past the end", () => ({ from: size + 10, to: size + 20 })],
      ["a huge position", () => ({ from: 1, to: 2 ** 40 })],
      ["a string position", () => ({ from: "1", to: 5 })],
      ["a null position (what NaN becomes in JSON)", () => ({ from: Number.NaN, to: 5 })],
      ["only one end", () => ({ from: 1 })],
      ["a whitespace-only selection", whitespace],
      ["a single space", () => ({ from: article.text.indexOf(" ") + 1, to: article.text.indexOf(" ") + 2 })],
      ["start equal to end", () => ({ start: 3, end: 3 })],
      ["start after end", () => ({ start: 7, end: 3 })],
      ["a negative start", () => ({ start: -2, end: 3 })],
      ["a fractional start", () => ({ start: 1.5, end: 3 })],
      ["an end past the text", () => ({ start: 0, end: cps(article.text).length + 1 })],
      ["whitespace-only offsets", () => ({ start: locate(article.text, "\n\n").start, end: locate(article.text, "\n\n").end })],
      ["two kinds of target at once", () => ({ from: 1, to: 5, start: 0, end: 4 })],
      ["a whitespace-only quote", () => ({ quote: { exact: "\n\n" } })],
      ["an empty quote", () => ({ quote: { exact: "" } })],
      ["no target at all", () => ({})],
    ])("%s", async (_, target) => {
      const before = await snapshotCounts(db.prisma);
      const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", ...target() });
      await expectError(res, 400, "validation_failed");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
      expect((await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).status).toBe("draft");
    });

    it("a literal NaN in the body is not JSON: 400", async () => {
      const before = await snapshotCounts(db.prisma);
      const raw = `{"revisionId":"${article.revisionId}","kind":"claim","from":NaN,"to":5}`;
      await expectError(await api.create(token, article.id, raw), 400, "validation_failed");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });

    it("the data layer refuses NaN and infinite positions too", async () => {
      const before = await snapshotCounts(db.prisma);
      for (const target of [{ from: Number.NaN, to: 5 }, { from: 1, to: Number.POSITIVE_INFINITY }, { start: Number.NaN, end: 4 }]) {
        const err = await rejection(createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, kind: "claim", ...target }));
        expect(err instanceof ZodError || (err instanceof AppError && err.code === "validation_failed"), String(err)).toBe(true);
      }
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });

    it("a body over 64 KB → 413", async () => {
      const before = await snapshotCounts(db.prisma);
      const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", from: 1, to: 5, note: "n".repeat(70 * 1024) });
      await expectError(res, 413, "payload_too_large");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });

    it("a note over 5,000 characters or an unknown field → 400", async () => {
      const before = await snapshotCounts(db.prisma);
      const long = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", from: 1, to: 5, note: "n".repeat(5001) });
      expect(detailPaths(await expectError(long, 400, "validation_failed"))).toContain("note");
      const extra = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", from: 1, to: 5, status: "approved" });
      await expectError(extra, 400, "validation_failed");
      const kind = await api.create(token, article.id, { revisionId: article.revisionId, kind: "opinion", from: 1, to: 5 });
      expect(detailPaths(await expectError(kind, 400, "validation_failed"))).toContain("kind");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });
  });

  describe("article and revision", () => {
    it("a revisionId that is not the current revision → 409 with the current one, writing nothing", async () => {
      const article = await newArticle();
      const before = await snapshotCounts(db.prisma);
      const res = await api.create(token, article.id, { revisionId: randomUUID(), kind: "claim", from: 1, to: 10 });
      const body = await expectError(res, 409, "conflict");
      expect(body.error.details).toEqual({ currentRevisionId: article.revisionId });
      // Another article's revision is not this article's either.
      const other = await newArticle();
      await expectError(await api.create(token, article.id, { revisionId: other.revisionId, kind: "claim", from: 1, to: 10 }), 409, "conflict");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });

    it("an unknown, malformed or deleted article → 404", async () => {
      const article = await newArticle();
      const before = await snapshotCounts(db.prisma);
      for (const id of [randomUUID(), "not-a-uuid"]) {
        await expectError(await api.create(token, id, { revisionId: article.revisionId, kind: "claim", from: 1, to: 10 }), 404, "not_found");
      }
      await db.prisma.article.update({ where: { id: article.id }, data: { deletedAt: new Date() } });
      await expectError(await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", from: 1, to: 10 }), 404, "not_found");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });

    it("no token → 401", async () => {
      const article = await newArticle();
      const res = await api.create(`nmk_${"z".repeat(43)}`, article.id, { revisionId: article.revisionId, kind: "claim", from: 1, to: 10 });
      await expectError(res, 401, "unauthorized");
      expect(await db.prisma.annotation.count({ where: { articleId: article.id } })).toBe(0);
    });

    it("the article goes from draft to in_review, and the annotation is listed", async () => {
      const article = await newArticle();
      expect((await fetchArticle(token, article.id)).article.status).toBe("draft");
      const created = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind: "hedge", quote: { exact: "as yet" } }), 201);
      const detail = await fetchArticle(token, article.id);
      expect(detail.article.status).toBe("in_review");
      expect(detail.annotations.map((a) => a.id)).toEqual([created.id]);
      expect(detail.annotations[0]).toEqual(created);
    });
  });

  describe("kind-specific attributes", () => {
    let article: TestArticle;
    beforeAll(async () => {
      article = await newArticle();
    });
    const create = (kind: string, attributes: unknown) =>
      api.create(token, article.id, { revisionId: article.revisionId, kind, quote: { exact: "Steve Witkoff" }, attributes });

    it.each(["person", "organisation", "document", "anonymous"])("stores an attribution with sourceType %s", async (sourceType) => {
      const body = await expectJson(await create("attribution", { sourceName: "  Steve Witkoff  ", sourceType }), 201);
      expect(body.attributes).toEqual({ sourceName: "Steve Witkoff", sourceType });
      const row = await db.prisma.annotation.findUniqueOrThrow({ where: { id: body.id } });
      expect(row.attributes).toEqual({ sourceName: "Steve Witkoff", sourceType });
    });

    it("stores checkWorthy on a claim", async () => {
      const body = await expectJson(await create("claim", { checkWorthy: true }), 201);
      expect(body.attributes).toEqual({ checkWorthy: true });
    });

    it.each([
      ["an unknown sourceType", "attribution", { sourceType: "government" }, "sourceType"],
      ["a sourceType of the wrong type", "attribution", { sourceType: 3 }, "sourceType"],
      ["an unknown attribute key on an attribution", "attribution", { sourceName: "Witkoff", role: "envoy" }, ""],
      ["an attribution's key on a claim", "claim", { sourceType: "person" }, ""],
      ["any attribute on a hedge", "hedge", { checkWorthy: true }, ""],
      ["checkWorthy that is not a boolean", "claim", { checkWorthy: "yes" }, "checkWorthy"],
      ["attributes that are not an object", "claim", ["checkWorthy"], "attributes"],
    ])("%s → 400, nothing written", async (_, kind, attributes, path) => {
      const before = await snapshotCounts(db.prisma);
      const body = await expectError(await create(kind, attributes), 400, "validation_failed");
      if (path) expect(detailPaths(body).join(" ")).toContain(path);
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });
  });

  describe("idempotent create with a client id", () => {
    let article: TestArticle;
    beforeAll(async () => {
      article = await newArticle();
    });

    it("repeating the request answers 200 with the same annotation: one row, one audit event", async () => {
      const id = randomUUID();
      const input = { id, revisionId: article.revisionId, kind: "claim", quote: { exact: "talks would continue next week" } };
      const first = await expectJson(await api.create(token, article.id, input), 201);
      expect(first.id).toBe(id);
      const second = await expectJson(await api.create(token, article.id, input), 200);
      expect(second).toEqual(first);
      expect(await db.prisma.annotation.count({ where: { id } })).toBe(1);
      expect(await db.prisma.annotation.count({ where: { articleId: article.id, quoteExact: "talks would continue next week" } })).toBe(1);
      expect(await auditEvents(db.prisma, id)).toHaveLength(1);
    });

    it("two identical requests at once make one annotation: one 201, one 200", async () => {
      const id = randomUUID();
      const input = { id, revisionId: article.revisionId, kind: "claim", quote: { exact: "unconfirmed" } };
      const responses = await Promise.all([api.create(token, article.id, input), api.create(token, article.id, input)]);
      const statuses = responses.map((r) => r.status).sort();
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ id: string }>));
      expect(statuses, JSON.stringify(bodies)).toEqual([200, 201]);
      expect(bodies.map((b) => b.id)).toEqual([id, id]);
      expect(await db.prisma.annotation.count({ where: { id } })).toBe(1);
      expect(await auditEvents(db.prisma, id, "annotation.create")).toHaveLength(1);
    });

    it("the same id from another user → 409, the annotation untouched", async () => {
      const id = randomUUID();
      const first = await expectJson(await api.create(token, article.id, { id, revisionId: article.revisionId, kind: "claim", quote: { exact: "Officials in Kyiv" } }), 201);
      const res = await api.create(otherToken, article.id, { id, revisionId: article.revisionId, kind: "hedge", quote: { exact: "as yet" } });
      await expectError(res, 409, "conflict");
      const row = await db.prisma.annotation.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ createdById: editor.id, kind: "claim", version: first.version, quoteExact: "Officials in Kyiv" });
      expect(await auditEvents(db.prisma, id)).toHaveLength(1);
    });

    it("the same id on another article → 409", async () => {
      const id = randomUUID();
      await expectJson(await api.create(token, article.id, { id, revisionId: article.revisionId, kind: "claim", quote: { exact: "Alaska meeting" } }), 201);
      const other = await newArticle();
      const before = await snapshotCounts(db.prisma);
      await expectError(await api.create(token, other.id, { id, revisionId: other.revisionId, kind: "claim", quote: { exact: "Alaska meeting" } }), 409, "conflict");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
      expect((await db.prisma.annotation.findUniqueOrThrow({ where: { id } })).articleId).toBe(article.id);
    });

    it("creating a deleted annotation's id again restores it: pending, newer version, listed again", async () => {
      const own = await newArticle();
      const id = randomUUID();
      const created = await expectJson(await api.create(token, own.id, { id, revisionId: own.revisionId, kind: "claim", quote: { exact: "Putin had agreed" } }), 201);
      expect((await api.remove(token, id, `version=${created.version}`)).status).toBe(204);
      expect((await fetchArticle(token, own.id)).article.status).toBe("draft");

      const restored = await expectJson(await api.create(token, own.id, { id, revisionId: own.revisionId, kind: "claim", quote: { exact: "Putin had agreed" } }), 201);
      expect(restored.id).toBe(id);
      expect(restored.status).toBe("pending");
      expect(restored.version).toBe(created.version + 2);
      expectQuoteInvariant(own.text, restored);
      const detail = await fetchArticle(token, own.id);
      expect(detail.annotations.map((a) => a.id)).toEqual([id]);
      expect(detail.article.status).toBe("in_review");
      const row = await db.prisma.annotation.findUniqueOrThrow({ where: { id } });
      expect(row.deletedAt).toBeNull();
      expect((await auditEvents(db.prisma, id)).map((e) => e.action).sort()).toEqual(["annotation.create", "annotation.delete", "annotation.restore"]);
    });

    it("restoring a deleted, reviewed annotation sends it back to review", async () => {
      const own = await newArticle();
      const reviewer = await createTestUser(db.prisma, { role: "reviewer" });
      const reviewerToken = await createTestToken(db.prisma, reviewer.email);
      const id = randomUUID();
      const input = { id, revisionId: own.revisionId, kind: "claim", quote: { exact: "security guarantees" } };
      await expectJson(await api.create(token, own.id, input), 201);
      await db.prisma.annotation.update({
        where: { id },
        data: { status: "approved", reviewedById: reviewer.id, reviewedAt: new Date(), reviewNote: "Checked" },
      });
      const approved = await db.prisma.annotation.findUniqueOrThrow({ where: { id } });
      expect((await api.remove(reviewerToken, id, `version=${approved.version}`)).status).toBe(204);
      const restored = await expectJson(await api.create(token, own.id, input), 201);
      expect(restored).toMatchObject({ status: "pending", reviewedBy: null, reviewedAt: null, reviewNote: null, version: approved.version + 2 });
    });
  });

  describe("code points", () => {
    let article: TestArticle;
    beforeAll(async () => {
      article = await newArticle(UNICODE);
      // The fixture really has characters outside the BMP: offsets differ between UTF-16 and code points.
      expect(cps(article.text).length).toBeLessThan(article.text.length - 4);
    });

    type TargetOf = (w: Located, needle: string) => Record<string, unknown>;
    it.each<[string, TargetOf]>([
      ["by positions", (w) => ({ from: w.from, to: w.to })],
      ["by offsets", (w) => ({ start: w.start, end: w.end })],
      ["by quote", (_, needle) => ({ quote: { exact: needle } })],
    ])("counts offsets in code points (%s)", async (_, target) => {
      for (const needle of ["said “peace 𝒳 is near”", "東京の会議で特使は安全保障について語った 👍🏽", "😀 note", "北京 ended early"]) {
        const want = locate(article.text, needle);
        const body = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", ...target(want, needle) }), 201);
        expect(body, needle).toMatchObject({ start: want.start, end: want.end, from: want.from, to: want.to, quote: { exact: needle } });
        expect(cps(article.text).slice(body.start, body.end).join("")).toBe(needle);
        expectQuoteInvariant(article.text, body);
      }
    });

    it("counts 32 code points of context, not UTF-16 units", async () => {
      const body = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "and the envoy" } }), 201);
      expect(cps(body.quote.prefix)).toHaveLength(32);
      expect(body.quote.prefix.length).toBeGreaterThan(32);
      expect(body.quote.prefix.endsWith("👍🏽 ")).toBe(true);
      expectQuoteInvariant(article.text, body);
    });

    it("a selection that splits a surrogate pair is pulled inward, never keeping half a character", async () => {
      const emoji = article.text.indexOf("😀");
      const note = locate(article.text, "note");
      // From between the two halves of 😀 to the end of "note".
      const body = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", from: emoji + 2, to: note.to }), 201);
      expect(body.quote.exact).toBe("note");
      expect(body).toMatchObject({ start: note.start, end: note.end });

      const x = article.text.indexOf("𝒳");
      const peace = locate(article.text, "peace");
      // From "peace" to between the two halves of 𝒳.
      const cut = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", from: peace.from, to: x + 2 }), 201);
      expect(cut.quote.exact).toBe("peace");
      for (const b of [body, cut]) {
        expect(b.quote.exact).not.toMatch(/[\uD800-\uDFFF]/u);
        expectQuoteInvariant(article.text, b);
      }
    });
  });

  describe("quote invariant over arbitrary ranges", () => {
    const FIXTURE = [...SAMPLE, ...UNICODE, "A line with a break,\nand  double  spaces around the  end ."];
    let article: TestArticle;
    let points: string[];
    beforeAll(async () => {
      article = await newArticle(FIXTURE);
      points = cps(article.text);
    });

    /** Independent oracle: the trimmed span of a code-point range. */
    function expected(start: number, end: number) {
      const raw = points.slice(start, end).join("");
      const lead = cps(raw).length - cps(raw.trimStart()).length;
      const exact = raw.trim();
      return { exact, start: start + lead, end: start + lead + cps(exact).length };
    }

    it("{start, end}: 201 exactly when the range has non-whitespace text, with the trimmed span", async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: points.length + 1 }), fc.nat({ max: points.length + 1 }), async (a, b) => {
          const len = points.length;
          const [start, end] = a <= b ? [a, b] : [b, a];
          const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", start, end });
          const valid = start < end && end <= len && expected(start, end).exact !== "";
          if (!valid) {
            await expectError(res, 400, "validation_failed");
            return;
          }
          const body = await expectJson(res, 201);
          const want = expected(start, end);
          expect(body).toMatchObject({ start: want.start, end: want.end, quote: { exact: want.exact } });
          expectQuoteInvariant(article.text, body);
        }),
        { numRuns: 60 },
      );
    });

    it("{from, to}: any accepted range satisfies the invariant and lies inside the selection", async () => {
      const size = article.text.length + 2;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: -2, max: size + 2 }), fc.integer({ min: -2, max: size + 2 }), async (from, to) => {
          const res = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", from, to });
          if (from < 0 || to > size || from >= to) {
            await expectError(res, 400, "validation_failed");
            return;
          }
          // Oracle: position p is UTF-16 index p - 1 (clamped); split surrogate pairs round inward.
          const clamp = (p: number) => Math.max(0, Math.min(article.text.length, p - 1));
          let head = clamp(from);
          let tail = clamp(to);
          if (head > 0 && head < article.text.length && /[\uDC00-\uDFFF]/u.test(article.text[head]!) && /[\uD800-\uDBFF]/u.test(article.text[head - 1]!)) head++;
          if (tail > 0 && tail < article.text.length && /[\uDC00-\uDFFF]/u.test(article.text[tail]!) && /[\uD800-\uDBFF]/u.test(article.text[tail - 1]!)) tail--;
          const exact = head < tail ? article.text.slice(head, tail).trim() : "";
          if (exact === "") {
            await expectError(res, 400, "validation_failed");
            return;
          }
          const body = await expectJson(res, 201);
          expect(body.quote.exact).toBe(exact);
          expect(body.from).toBeGreaterThanOrEqual(from);
          expect(body.to).toBeLessThanOrEqual(to);
          expectQuoteInvariant(article.text, body);
        }),
        { numRuns: 60 },
      );
    });

    it("every annotation stored for the article satisfies the invariant", async () => {
      const rows = await db.prisma.annotation.findMany({ where: { articleId: article.id } });
      expect(rows.length).toBeGreaterThan(10);
      for (const row of rows) {
        expectQuoteInvariant(article.text, { start: row.start, end: row.end, from: row.from, to: row.to, quote: { exact: row.quoteExact, prefix: row.quotePrefix, suffix: row.quoteSuffix } });
      }
      const events = await db.prisma.auditEvent.count({ where: { entityType: "annotation", action: "annotation.create", entityId: { in: rows.map((r) => r.id) } } });
      expect(events).toBe(rows.length);
    });
  });
});
