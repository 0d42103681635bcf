import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { CLAIM, CLAIM_QUOTE, correct, STEVEN, THIRD, WITKOFF, type SavedRevision } from "../review/corrections";
import { reviewApi } from "../review/review-api";
import { api, auditEvents, detailPaths, expectError, expectJson, expectQuoteInvariant, fetchArticle, locate, makeArticle, type TestArticle } from "./annotation-api";

/** The words a re-attach points the orphaned claim at, in the corrected text. */
const NEW_WORDS = "Putin had agreed to security guarantees for Ukraine";

describeEachDatabase("re-attaching an orphaned annotation: PATCH /api/annotations/:id with revisionId", (db) => {
  let editor: TestUser;
  let otherEditor: TestUser;
  let reviewer: TestUser;
  let admin: TestUser;
  const tokens = {} as Record<"editor" | "otherEditor" | "reviewer" | "admin", string>;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    otherEditor = await createTestUser(db.prisma, { role: "editor" });
    reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    admin = await createTestUser(db.prisma, { role: "admin" });
    tokens.editor = await createTestToken(db.prisma, editor.email);
    tokens.otherEditor = await createTestToken(db.prisma, otherEditor.email);
    tokens.reviewer = await createTestToken(db.prisma, reviewer.email);
    tokens.admin = await createTestToken(db.prisma, admin.email);
  });

  interface Orphaned {
    article: TestArticle;
    /** The correction that removed the claim's paragraph (and fixed the envoy's name). */
    corrected: SavedRevision;
    orphan: AnnotationJson;
  }

  /**
   * An article whose claim (by `author`, approved first when asked) was orphaned by a correction
   * that deleted its paragraph.
   */
  async function orphanedClaim(author: TestUser = editor, approvedFirst = false): Promise<Orphaned> {
    const article = await makeArticle(db.prisma, author, [WITKOFF, CLAIM, THIRD], "Security guarantees");
    const authorToken = author === editor ? tokens.editor : tokens.otherEditor;
    let claim = await expectJson(await api.create(authorToken, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: CLAIM_QUOTE } }), 201);
    if (approvedFirst) claim = await expectJson(await reviewApi.review(tokens.reviewer, claim.id, { version: claim.version, decision: "approve" }), 200);
    const corrected = await correct(tokens.editor, article.id, article.revisionId, [STEVEN, THIRD]);
    expect(corrected.outcomes[claim.id]).toBe("orphaned");
    const orphan = corrected.annotations.find((a) => a.id === claim.id)!;
    expect(orphan).toMatchObject({ status: "orphaned", revisionId: article.revisionId, quote: { exact: CLAIM_QUOTE } });
    return { article, corrected, orphan };
  }

  const row = (id: string) => db.prisma.annotation.findUniqueOrThrow({ where: { id } });

  /** The body that re-attaches to `words` in the corrected revision. */
  function reattachBody({ corrected, orphan }: Orphaned, words = NEW_WORDS, extra: Record<string, unknown> = {}) {
    const span = locate(corrected.revision.text, words);
    return { version: orphan.version, revisionId: corrected.revision.id, from: span.from, to: span.to, ...extra };
  }

  describe("success", () => {
    it("the author re-attaches their orphan: pending again, on the current revision, offsets and quote from the new text", async () => {
      const fixture = await orphanedClaim();
      const { article, corrected, orphan } = fixture;
      const text = corrected.revision.text;
      const span = locate(text, NEW_WORDS);
      const updated = await expectJson(await api.patch(tokens.editor, orphan.id, reattachBody(fixture)), 200);

      expect(updated).toMatchObject({
        id: orphan.id,
        status: "pending",
        revisionId: corrected.revision.id,
        from: span.from,
        to: span.to,
        start: span.start,
        end: span.end,
        version: orphan.version + 1,
        reviewedBy: null,
        reviewedAt: null,
        reviewNote: null,
      });
      expect([...text].slice(updated.start, updated.end).join("")).toBe(updated.quote.exact);
      expect(updated.quote.exact).toBe(NEW_WORDS);
      expectQuoteInvariant(text, updated);
      expect(await row(orphan.id)).toMatchObject({ status: "pending", revisionId: corrected.revision.id, quoteExact: NEW_WORDS, start: span.start, end: span.end });

      // The editor, which shows only annotations of the current revision, now gets it back.
      const detail = await fetchArticle(tokens.editor, article.id);
      expect(detail.revision.id).toBe(corrected.revision.id);
      expect(detail.annotations.find((a) => a.id === orphan.id)).toMatchObject({ revisionId: detail.revision.id, status: "pending" });
    });

    it("records one annotation.reattach event with the old and the new revision, quote and status", async () => {
      const fixture = await orphanedClaim();
      const { article, corrected, orphan } = fixture;
      const before = (await auditEvents(db.prisma, orphan.id)).length;
      const updated = await expectJson(await api.patch(tokens.editor, orphan.id, reattachBody(fixture)), 200);

      const events = await auditEvents(db.prisma, orphan.id);
      expect(events.slice(before).map((e) => e.action)).toEqual(["annotation.reattach"]);
      const event = events.at(-1)!;
      expect(event.actorId).toBe(editor.id);
      expect(event.before).toEqual({ revisionId: article.revisionId, start: orphan.start, end: orphan.end, quote: CLAIM_QUOTE, status: "orphaned" });
      expect(event.after).toEqual({ revisionId: corrected.revision.id, start: updated.start, end: updated.end, quote: NEW_WORDS, status: "pending" });

      const history = await expectJson<{ action: string }[]>(await reviewApi.history(tokens.reviewer, orphan.id), 200);
      expect(history.map((e) => e.action)).toEqual(["annotation.create", "annotation.orphan", "annotation.reattach"]);
    });

    it("a note sent with the re-attach is applied and recorded as an update too", async () => {
      const fixture = await orphanedClaim();
      const updated = await expectJson(await api.patch(tokens.editor, fixture.orphan.id, reattachBody(fixture, NEW_WORDS, { note: "Moved after the correction" })), 200);
      expect(updated).toMatchObject({ note: "Moved after the correction", status: "pending", revisionId: fixture.corrected.revision.id });
      const actions = (await auditEvents(db.prisma, fixture.orphan.id)).map((e) => e.action);
      expect(actions.slice(-2).sort()).toEqual(["annotation.reattach", "annotation.update"]);
    });

    it("a reviewer re-attaches an orphan that had been approved: the old review is cleared and it waits for a new one", async () => {
      const fixture = await orphanedClaim(editor, true);
      // Orphaning keeps the earlier review on record until the annotation has words again.
      expect(await row(fixture.orphan.id)).toMatchObject({ status: "orphaned", reviewedById: reviewer.id });
      const updated = await expectJson(await api.patch(tokens.reviewer, fixture.orphan.id, reattachBody(fixture, "security guarantees for Ukraine")), 200);
      expect(updated).toMatchObject({ status: "pending", reviewedBy: null, reviewedAt: null, reviewNote: null, quote: { exact: "security guarantees for Ukraine" } });
      expect(await row(fixture.orphan.id)).toMatchObject({ status: "pending", reviewedById: null, reviewedAt: null, reviewNote: null });
    });

    it("an admin re-attaches another editor's orphan", async () => {
      const fixture = await orphanedClaim(otherEditor);
      const updated = await expectJson(await api.patch(tokens.admin, fixture.orphan.id, reattachBody(fixture)), 200);
      expect(updated).toMatchObject({ status: "pending", revisionId: fixture.corrected.revision.id, createdBy: { id: otherEditor.id } });
      expect((await auditEvents(db.prisma, fixture.orphan.id, "annotation.reattach"))[0]!.actorId).toBe(admin.id);
    });

    it("whitespace around the selection is trimmed: the quote has no spaces and still matches the offsets", async () => {
      const fixture = await orphanedClaim();
      const text = fixture.corrected.revision.text;
      const span = locate(text, ` ${NEW_WORDS}`);
      const updated = await expectJson(
        await api.patch(tokens.editor, fixture.orphan.id, { version: fixture.orphan.version, revisionId: fixture.corrected.revision.id, from: span.from, to: span.to }),
        200,
      );
      expect(updated.quote.exact).toBe(NEW_WORDS);
      expectQuoteInvariant(text, updated);
    });

    it("the article's status is refreshed: updatedAt moves, and it stays in review with the re-attached annotation pending", async () => {
      const fixture = await orphanedClaim();
      const before = await db.prisma.article.findUniqueOrThrow({ where: { id: fixture.article.id } });
      await expectJson(await api.patch(tokens.editor, fixture.orphan.id, reattachBody(fixture)), 200);
      const after = await db.prisma.article.findUniqueOrThrow({ where: { id: fixture.article.id } });
      expect(after.status).toBe("in_review");
      expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    });

    it("revisionId of the current revision on an annotation already there is a plain move (no re-attach event)", async () => {
      const { article, corrected } = await orphanedClaim();
      const hedge = await expectJson(await api.create(tokens.editor, article.id, { revisionId: corrected.revision.id, kind: "hedge", quote: { exact: "slightly" } }), 201);
      const span = locate(corrected.revision.text, "rose slightly");
      const moved = await expectJson(await api.patch(tokens.editor, hedge.id, { version: hedge.version, revisionId: corrected.revision.id, from: span.from, to: span.to }), 200);
      expect(moved).toMatchObject({ status: "pending", revisionId: corrected.revision.id, quote: { exact: "rose slightly" }, version: hedge.version + 1 });
      expect((await auditEvents(db.prisma, hedge.id)).map((e) => e.action)).toEqual(["annotation.create", "annotation.update"]);
    });
  });

  describe("refusals", () => {
    /** Asserts the annotation is exactly as the correction left it and nothing was recorded. */
    async function expectStillOrphaned(orphan: AnnotationJson, eventsBefore: number) {
      expect(await row(orphan.id)).toMatchObject({
        status: "orphaned",
        revisionId: orphan.revisionId,
        start: orphan.start,
        end: orphan.end,
        quoteExact: orphan.quote.exact,
        version: orphan.version,
      });
      expect(await auditEvents(db.prisma, orphan.id)).toHaveLength(eventsBefore);
    }

    it("a revisionId that is not the current revision → 409 naming the current one, nothing changes", async () => {
      const fixture = await orphanedClaim();
      const { article, corrected, orphan } = fixture;
      const events = (await auditEvents(db.prisma, orphan.id)).length;
      // The orphan's own old revision: its positions would point at text that is gone.
      const old = await expectError(await api.patch(tokens.editor, orphan.id, { ...reattachBody(fixture), revisionId: article.revisionId }), 409, "conflict");
      expect(old.error.message).toMatch(/older revision/);
      expect(old.error.details).toMatchObject({ currentRevisionId: corrected.revision.id, currentRevisionNumber: 2 });
      await expectError(await api.patch(tokens.editor, orphan.id, { ...reattachBody(fixture), revisionId: randomUUID() }), 409, "conflict");
      await expectStillOrphaned(orphan, events);

      // Someone saves another correction after the text was selected: the selection is stale.
      const third = await correct(tokens.reviewer, article.id, corrected.revision.id, [STEVEN, THIRD, "A late paragraph was added to the story."]);
      const stale = await expectError(await api.patch(tokens.editor, orphan.id, reattachBody(fixture)), 409, "conflict");
      expect(stale.error.details).toMatchObject({ currentRevisionId: third.revision.id, currentRevisionNumber: 3 });
      await expectStillOrphaned(orphan, events);
    });

    it.each([
      ["without from and to", {}],
      ["with only from", { from: 1 }],
      ["with only to", { to: 5 }],
    ])("revisionId %s → 400 on revisionId, nothing changes", async (_, span) => {
      const fixture = await orphanedClaim();
      const events = (await auditEvents(db.prisma, fixture.orphan.id)).length;
      const body = await expectError(
        await api.patch(tokens.editor, fixture.orphan.id, { version: fixture.orphan.version, revisionId: fixture.corrected.revision.id, ...span }),
        400,
        "validation_failed",
      );
      expect(detailPaths(body)).toContain("revisionId");
      await expectStillOrphaned(fixture.orphan, events);
    });

    it("a revisionId that is not a UUID → 400", async () => {
      const fixture = await orphanedClaim();
      const body = await expectError(await api.patch(tokens.editor, fixture.orphan.id, { ...reattachBody(fixture), revisionId: "latest" }), 400, "validation_failed");
      expect(detailPaths(body)).toContain("revisionId");
    });

    it("positions outside the current revision or on blank text → 400, nothing changes", async () => {
      const fixture = await orphanedClaim();
      const events = (await auditEvents(db.prisma, fixture.orphan.id)).length;
      const base = { version: fixture.orphan.version, revisionId: fixture.corrected.revision.id };
      await expectError(await api.patch(tokens.editor, fixture.orphan.id, { ...base, from: 5, to: 100_000 }), 400, "validation_failed");
      await expectError(await api.patch(tokens.editor, fixture.orphan.id, { ...base, from: 7, to: 7 }), 400, "validation_failed");
      await expectStillOrphaned(fixture.orphan, events);
    });

    it("an editor may not re-attach another editor's orphan → 403, nothing changes", async () => {
      const fixture = await orphanedClaim(otherEditor);
      const events = (await auditEvents(db.prisma, fixture.orphan.id)).length;
      const body = await expectError(await api.patch(tokens.editor, fixture.orphan.id, reattachBody(fixture)), 403, "forbidden");
      expect(body.error.message).toMatch(/annotations they created/);
      await expectStillOrphaned(fixture.orphan, events);
    });

    it("an editor still may not delete their own orphan: only re-attaching (editing) is opened to them", async () => {
      const fixture = await orphanedClaim();
      await expectError(await api.remove(tokens.editor, fixture.orphan.id, `version=${fixture.orphan.version}`), 403, "forbidden");
      expect(await row(fixture.orphan.id)).toMatchObject({ deletedAt: null, status: "orphaned" });
    });

    it("moving an orphan's span without revisionId → 409, as for any annotation of an older revision", async () => {
      const fixture = await orphanedClaim();
      const events = (await auditEvents(db.prisma, fixture.orphan.id)).length;
      const { version, from, to } = reattachBody(fixture);
      const body = await expectError(await api.patch(tokens.editor, fixture.orphan.id, { version, from, to }), 409, "conflict");
      expect(body.error.message).toMatch(/newer revision/);
      await expectStillOrphaned(fixture.orphan, events);
    });

    it("a stale version → 409 with the current state, nothing changes", async () => {
      const fixture = await orphanedClaim();
      const events = (await auditEvents(db.prisma, fixture.orphan.id)).length;
      const body = await expectError(await api.patch(tokens.editor, fixture.orphan.id, { ...reattachBody(fixture), version: 1 }), 409, "conflict");
      expect(body.error.details).toMatchObject({ current: { id: fixture.orphan.id, status: "orphaned", version: fixture.orphan.version } });
      await expectStillOrphaned(fixture.orphan, events);
    });
  });
});
