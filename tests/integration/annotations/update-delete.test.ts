import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createEditorAndReviewer, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, auditEvents, detailPaths, expectError, expectJson, expectQuoteInvariant, fetchArticle, locate, makeArticle, type TestArticle } from "./annotation-api";

const SAMPLE = [
  "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.",
  "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.",
];

interface Conflict {
  error: { code: string; message: string; details: { current: AnnotationJson | null } };
}

describeEachDatabase("PATCH and DELETE /api/annotations/:id", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let token: string;
  let reviewerToken: string;
  let article: TestArticle;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    ({ editor, reviewer, token, reviewerToken } = await createEditorAndReviewer(db.prisma));
    article = await makeArticle(db.prisma, editor, SAMPLE);
  });

  /** A new annotation by the editor on `on` (the shared article by default). */
  async function annotate(input: { kind?: string; quote?: string; attributes?: unknown; note?: string } = {}, on: TestArticle = article) {
    const { kind = "claim", quote = "Putin had agreed to security guarantees", attributes, note } = input;
    const res = await api.create(token, on.id, { revisionId: on.revisionId, kind, quote: { exact: quote }, attributes, note });
    return expectJson(res, 201);
  }

  const row = (id: string) => db.prisma.annotation.findUniqueOrThrow({ where: { id } });

  /** Marks an annotation as reviewed, as a reviewer's decision would. */
  async function review(id: string, status: "approved" | "rejected") {
    await db.prisma.annotation.update({
      where: { id },
      data: { status, reviewedById: reviewer.id, reviewedAt: new Date(), reviewNote: `Reviewed: ${status}` },
    });
    return row(id);
  }

  describe("PATCH", () => {
    it("changes the note: version + 1, the rest unchanged, audited with before and after", async () => {
      const created = await annotate({ note: "First thought" });
      const updated = await expectJson(await api.patch(token, created.id, { version: 1, note: "Second thought" }), 200);
      expect(updated).toMatchObject({ id: created.id, version: 2, note: "Second thought", kind: "claim", status: "pending" });
      expect({ ...updated, version: 1, note: "First thought", updatedAt: created.updatedAt }).toEqual(created);
      expect(await row(created.id)).toMatchObject({ version: 2, note: "Second thought" });

      const events = await auditEvents(db.prisma, created.id, "annotation.update");
      expect(events).toHaveLength(1);
      expect(events[0]!.actorId).toBe(editor.id);
      expect(events[0]!.before).toMatchObject({ id: created.id, note: "First thought", version: 1 });
      expect(events[0]!.after).toMatchObject({ id: created.id, note: "Second thought", version: 2 });
    });

    it("changes the kind", async () => {
      const created = await annotate();
      const updated = await expectJson(await api.patch(token, created.id, { version: 1, kind: "hedge" }), 200);
      expect(updated).toMatchObject({ version: 2, kind: "hedge" });
      expect((await row(created.id)).kind).toBe("hedge");
      const [event] = await auditEvents(db.prisma, created.id, "annotation.update");
      expect(event!.before).toMatchObject({ kind: "claim" });
      expect(event!.after).toMatchObject({ kind: "hedge" });
    });

    it("changes the attributes, validated for the kind", async () => {
      const created = await annotate({ kind: "attribution", quote: "US special envoy Steve Witkoff" });
      const updated = await expectJson(
        await api.patch(token, created.id, { version: 1, attributes: { sourceName: "Steve Witkoff", sourceType: "person" } }),
        200,
      );
      expect(updated).toMatchObject({ version: 2, attributes: { sourceName: "Steve Witkoff", sourceType: "person" } });
      const [event] = await auditEvents(db.prisma, created.id, "annotation.update");
      expect(event!.before).toMatchObject({ attributes: {} });
      expect(event!.after).toMatchObject({ attributes: { sourceType: "person" } });

      for (const attributes of [{ sourceType: "government" }, { sourceName: "x", mood: "tense" }]) {
        const body = await expectError(await api.patch(token, created.id, { version: 2, attributes }), 400, "validation_failed");
        expect(body.error.details).toBeDefined();
      }
      expect(await row(created.id)).toMatchObject({ version: 2, attributes: { sourceName: "Steve Witkoff", sourceType: "person" } });
      expect(await auditEvents(db.prisma, created.id, "annotation.update")).toHaveLength(1);
    });

    it("moves the span: offsets and quote recomputed and trimmed by the server", async () => {
      const created = await annotate();
      const target = locate(article.text, "talks would continue next week");
      const updated = await expectJson(await api.patch(token, created.id, { version: 1, from: target.from - 1, to: target.to }), 200);
      expect(updated).toMatchObject({
        version: 2,
        from: target.from,
        to: target.to,
        start: target.start,
        end: target.end,
        quote: { exact: "talks would continue next week", prefix: "Kyiv said the guarantees were, as yet, unconfirmed and that ".slice(-32), suffix: "." },
      });
      expectQuoteInvariant(article.text, updated);
      expect(await row(created.id)).toMatchObject({ start: target.start, end: target.end, quoteExact: "talks would continue next week" });
      const [event] = await auditEvents(db.prisma, created.id, "annotation.update");
      expect(event!.before).toMatchObject({ quote: { exact: "Putin had agreed to security guarantees" }, start: created.start });
      expect(event!.after).toMatchObject({ quote: { exact: "talks would continue next week" }, start: target.start });
    });

    it.each([
      ["a whitespace-only span", () => ({ from: article.text.indexOf("\n\n") + 1, to: article.text.indexOf("\n\n") + 3 })],
      ["a span past the end", () => ({ from: 1, to: article.text.length + 3 })],
      ["a reversed span", () => ({ from: 20, to: 10 })],
      ["a fractional position", () => ({ from: 1.5, to: 10 })],
      ["a negative position", () => ({ from: -1, to: 10 })],
      ["only one end", () => ({ from: 1 })],
      ["an unknown field", () => ({ status: "approved" })],
      ["an unknown kind", () => ({ kind: "opinion" })],
      ["a note over 5,000 characters", () => ({ note: "n".repeat(5001) })],
    ])("refuses %s with 400 and changes nothing", async (_, patch) => {
      const created = await annotate();
      const before = await row(created.id);
      await expectError(await api.patch(token, created.id, { version: 1, ...patch() }), 400, "validation_failed");
      expect(await row(created.id)).toEqual(before);
      expect(await auditEvents(db.prisma, created.id, "annotation.update")).toHaveLength(0);
    });

    it.each([
      ["a missing version", {}],
      ["a version that is not a number", { version: "1" }],
      ["a version of 0", { version: 0 }],
    ])("refuses %s with 400", async (_, version) => {
      const created = await annotate();
      const body = await expectError(await api.patch(token, created.id, { ...version, note: "x" }), 400, "validation_failed");
      expect(detailPaths(body)).toContain("version");
      expect((await row(created.id)).version).toBe(1);
    });

    it("a stale version → 409 with the current annotation, nothing changed", async () => {
      const created = await annotate();
      const current = await expectJson(await api.patch(token, created.id, { version: 1, note: "Newer" }), 200);
      const res = await api.patch(token, created.id, { version: 1, note: "Based on the old version" });
      const body = (await expectError(res, 409, "conflict")) as Conflict;
      expect(body.error.details.current).not.toBeNull();
      expect(body.error.details.current!.version).toBe(2);
      expect(body.error.details.current).toEqual(current);
      // A version from the future is just as stale.
      await expectError(await api.patch(token, created.id, { version: 7, note: "From the future" }), 409, "conflict");
      expect(await row(created.id)).toMatchObject({ version: 2, note: "Newer" });
      expect(await auditEvents(db.prisma, created.id, "annotation.update")).toHaveLength(1);
    });

    it("two concurrent edits at the same version: exactly one 200 and one 409", async () => {
      const created = await annotate();
      const responses = await Promise.all([
        api.patch(token, created.id, { version: 1, note: "Edit A" }),
        api.patch(reviewerToken, created.id, { version: 1, note: "Edit B", kind: "hedge" }),
      ]);
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<unknown>));
      expect(responses.map((r) => r.status).sort(), JSON.stringify(bodies)).toEqual([200, 409]);
      const winner = bodies[responses.findIndex((r) => r.status === 200)] as AnnotationJson;
      const loser = bodies[responses.findIndex((r) => r.status === 409)] as Conflict;
      expect(loser.error.code).toBe("conflict");
      expect(loser.error.details.current?.version).toBe(2);
      const stored = await row(created.id);
      expect(stored.version).toBe(2);
      expect(stored.note).toBe(winner.note);
      expect(stored.kind).toBe(winner.kind);
      expect(await auditEvents(db.prisma, created.id, "annotation.update")).toHaveLength(1);
    });

    it("a kind change drops attributes that do not fit the new kind", async () => {
      const attribution = await annotate({ kind: "attribution", quote: "Steve Witkoff", attributes: { sourceName: "Steve Witkoff", sourceType: "person" } });
      const toClaim = await expectJson(await api.patch(token, attribution.id, { version: 1, kind: "claim" }), 200);
      expect(toClaim).toMatchObject({ kind: "claim", attributes: {} });
      expect((await row(attribution.id)).attributes).toEqual({});

      const claim = await annotate({ attributes: { checkWorthy: true } });
      const toHedge = await expectJson(await api.patch(token, claim.id, { version: 1, kind: "hedge" }), 200);
      expect(toHedge).toMatchObject({ kind: "hedge", attributes: {} });

      // Without a kind change, attributes stay as they were.
      const kept = await annotate({ attributes: { checkWorthy: true } });
      const noted = await expectJson(await api.patch(token, kept.id, { version: 1, note: "Only a note" }), 200);
      expect(noted.attributes).toEqual({ checkWorthy: true });
    });

    it("attributes sent with a kind change are validated against the new kind", async () => {
      const claim = await annotate({ quote: "Steve Witkoff", attributes: { checkWorthy: true } });
      await expectError(await api.patch(token, claim.id, { version: 1, kind: "hedge", attributes: { checkWorthy: true } }), 400, "validation_failed");
      expect(await row(claim.id)).toMatchObject({ version: 1, kind: "claim", attributes: { checkWorthy: true } });
      const changed = await expectJson(await api.patch(token, claim.id, { version: 1, kind: "attribution", attributes: { sourceType: "person" } }), 200);
      expect(changed).toMatchObject({ version: 2, kind: "attribution", attributes: { sourceType: "person" } });
    });

    it("an unknown, malformed or deleted annotation → 404", async () => {
      for (const id of [randomUUID(), "not-a-uuid"]) await expectError(await api.patch(token, id, { version: 1, note: "x" }), 404, "not_found");
      const created = await annotate();
      expect((await api.remove(token, created.id, "version=1")).status).toBe(204);
      await expectError(await api.patch(token, created.id, { version: 2, note: "x" }), 404, "not_found");
      expect(await row(created.id)).toMatchObject({ version: 2, note: "" });
    });

    it("moving the span after the article got a newer revision → 409", async () => {
      const own = await makeArticle(db.prisma, editor, SAMPLE);
      const created = await annotate({}, own);
      const old = await db.prisma.revision.findUniqueOrThrow({ where: { id: own.revisionId } });
      const newer = await db.prisma.revision.create({
        data: { articleId: own.id, number: 2, doc: old.doc as object, text: old.text, createdById: editor.id },
      });
      await db.prisma.article.update({ where: { id: own.id }, data: { currentRevisionId: newer.id } });
      const target = locate(own.text, "Officials in Kyiv");
      await expectError(await api.patch(token, created.id, { version: 1, from: target.from, to: target.to }), 409, "conflict");
      expect(await row(created.id)).toMatchObject({ version: 1, start: created.start, revisionId: own.revisionId });
    });
  });

  describe("reviewed annotations", () => {
    it("a note-only change keeps an approved annotation approved", async () => {
      const own = await makeArticle(db.prisma, editor, SAMPLE);
      const created = await annotate({ attributes: { checkWorthy: true } }, own);
      const approved = await review(created.id, "approved");
      const updated = await expectJson(await api.patch(reviewerToken, created.id, { version: approved.version, note: "Context added" }), 200);
      expect(updated).toMatchObject({ status: "approved", note: "Context added", reviewedBy: { id: reviewer.id }, reviewNote: "Reviewed: approved" });
      expect(updated.version).toBe(approved.version + 1);
      expect(updated.reviewedAt).toBe(approved.reviewedAt!.toISOString());
      expect(await row(created.id)).toMatchObject({ status: "approved", reviewedById: reviewer.id });
      // Restating the same kind and attributes alongside a note is still not a substantive change.
      const restated = await expectJson(
        await api.patch(reviewerToken, created.id, { version: updated.version, note: "More context", kind: "claim", attributes: { checkWorthy: true } }),
        200,
      );
      expect(restated).toMatchObject({ status: "approved", note: "More context", reviewedBy: { id: reviewer.id } });
      // Its only annotation is approved: the article is reviewed.
      expect((await fetchArticle(token, own.id)).article.status).toBe("reviewed");
    });

    it("a kind change sends an approved annotation back to pending, clearing the review", async () => {
      const own = await makeArticle(db.prisma, editor, SAMPLE);
      const created = await annotate({}, own);
      const approved = await review(created.id, "approved");
      const updated = await expectJson(await api.patch(reviewerToken, created.id, { version: approved.version, kind: "hedge" }), 200);
      expect(updated).toMatchObject({ kind: "hedge", status: "pending", reviewedBy: null, reviewedAt: null, reviewNote: null });
      expect(await row(created.id)).toMatchObject({ status: "pending", reviewedById: null, reviewedAt: null, reviewNote: null });
      expect((await fetchArticle(token, own.id)).article.status).toBe("in_review");
    });

    it("restating the same values in another form keeps it approved: attributes with padding", async () => {
      const created = await annotate({ kind: "attribution", quote: "Steve Witkoff", attributes: { sourceName: "Steve Witkoff", sourceType: "person" } });
      const approved = await review(created.id, "approved");
      const patch = { version: approved.version, attributes: { sourceType: "person", sourceName: "  Steve Witkoff " } };
      const updated = await expectJson(await api.patch(reviewerToken, created.id, patch), 200);
      expect(updated).toMatchObject({ status: "approved", attributes: { sourceName: "Steve Witkoff", sourceType: "person" } });
    });

    it("restating the same span with surrounding whitespace is not a span change: it stays approved", async () => {
      const created = await annotate({ quote: "Steve Witkoff" });
      const approved = await review(created.id, "approved");
      // The selection includes the spaces around the words; the server trims it to the very same span.
      const patch = { version: approved.version, from: created.from - 1, to: created.to + 1 };
      const updated = await expectJson(await api.patch(reviewerToken, created.id, patch), 200);
      expect(updated).toMatchObject({ from: created.from, to: created.to, start: created.start, end: created.end, quote: created.quote });
      expect(updated).toMatchObject({ status: "approved", reviewedBy: { id: reviewer.id } });
    });

    it.each([
      ["attributes", { attributes: { checkWorthy: true } }],
      ["span", { from: 2, to: 10 }],
    ])("a %s change sends a rejected annotation back to pending", async (_, patch) => {
      const created = await annotate();
      const rejected = await review(created.id, "rejected");
      const updated = await expectJson(await api.patch(reviewerToken, created.id, { version: rejected.version, ...patch }), 200);
      expect(updated).toMatchObject({ status: "pending", reviewedBy: null, reviewedAt: null, reviewNote: null, version: rejected.version + 1 });
    });
  });

  describe("DELETE", () => {
    it("deletes at the right version: 204, gone from the article, audited; again → 404", async () => {
      const own = await makeArticle(db.prisma, editor, SAMPLE);
      const keep = await annotate({ quote: "Officials in Kyiv", kind: "attribution" }, own);
      const created = await annotate({}, own);
      expect((await fetchArticle(token, own.id)).annotations.map((a) => a.id).sort()).toEqual([keep.id, created.id].sort());

      const res = await api.remove(token, created.id, "version=1");
      expect(res.status).toBe(204);
      expect(await res.text()).toBe("");
      const detail = await fetchArticle(token, own.id);
      expect(detail.annotations.map((a) => a.id)).toEqual([keep.id]);
      expect(detail.article.status).toBe("in_review");
      const stored = await row(created.id);
      expect(stored.deletedAt).not.toBeNull();
      expect(stored.version).toBe(2);
      const events = await auditEvents(db.prisma, created.id, "annotation.delete");
      expect(events).toHaveLength(1);
      expect(events[0]!.actorId).toBe(editor.id);
      expect(events[0]!.before).toMatchObject({ id: created.id, version: 1 });

      await expectError(await api.remove(token, created.id, "version=2"), 404, "not_found");
      await expectError(await api.remove(token, created.id, "version=1"), 404, "not_found");
      expect(await auditEvents(db.prisma, created.id, "annotation.delete")).toHaveLength(1);

      // Deleting the last one returns the article to draft.
      expect((await api.remove(token, keep.id, "version=1")).status).toBe(204);
      const empty = await fetchArticle(token, own.id);
      expect(empty.annotations).toEqual([]);
      expect(empty.article.status).toBe("draft");
    });

    it("a stale version → 409 with the current annotation; nothing deleted", async () => {
      const created = await annotate();
      await expectJson(await api.patch(token, created.id, { version: 1, note: "Edited" }), 200);
      const body = (await expectError(await api.remove(token, created.id, "version=1"), 409, "conflict")) as Conflict;
      expect(body.error.details.current).toMatchObject({ id: created.id, version: 2, note: "Edited" });
      expect(await row(created.id)).toMatchObject({ version: 2, deletedAt: null });
      expect((await fetchArticle(token, article.id)).annotations.map((a) => a.id)).toContain(created.id);
      expect(await auditEvents(db.prisma, created.id, "annotation.delete")).toHaveLength(0);
    });

    it.each(["version=abc", "", "version=", "version=0", "version=1.5", "version=-1"])("?%s → 400, nothing deleted", async (query) => {
      const created = await annotate();
      const body = await expectError(await api.remove(token, created.id, query), 400, "validation_failed");
      expect(detailPaths(body)).toContain("version");
      expect(await row(created.id)).toMatchObject({ version: 1, deletedAt: null });
    });

    it("an unknown or malformed id → 404", async () => {
      for (const id of [randomUUID(), "not-a-uuid"]) await expectError(await api.remove(token, id, "version=1"), 404, "not_found");
    });

    it("a concurrent edit and delete at the same version: exactly one wins", async () => {
      const created = await annotate();
      const [patched, removed] = await Promise.all([
        api.patch(token, created.id, { version: 1, note: "Racing edit" }),
        api.remove(token, created.id, "version=1"),
      ]);
      const statuses = [patched.status, removed.status];
      const stored = await row(created.id);
      expect(stored.version).toBe(2);
      if (patched.status === 200) {
        expect(removed.status, JSON.stringify(statuses)).toBe(409);
        expect(stored).toMatchObject({ note: "Racing edit", deletedAt: null });
      } else {
        expect(removed.status, JSON.stringify(statuses)).toBe(204);
        expect([404, 409]).toContain(patched.status);
        expect(stored.deletedAt).not.toBeNull();
        expect(stored.note).toBe("");
      }
    });
  });
});
