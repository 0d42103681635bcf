import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { queueFilterOptions } from "@/lib/server/review/queue-filter-options";
import { pendingForReviewer } from "@/lib/server/review/review-queue";
import { createEditorAndReviewer, createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, auditEvents, detailPaths, expectError, expectJson, locate, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { CLAIM, CLAIM_QUOTE, correct, STEVEN, THIRD, WITKOFF, type SavedRevision } from "./corrections";
import { reviewApi, type QueueItem, type QueuePage } from "./review-api";

describeEachDatabase("orphaned and corrected annotations in the review queue", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let editorToken: string;
  let reviewerToken: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    ({ editor, reviewer, token: editorToken, reviewerToken } = await createEditorAndReviewer(db.prisma));
  });

  interface Corrected {
    article: TestArticle;
    corrected: SavedRevision;
    /** Approved on "Steve Witkoff", then re-anchored to "Steven Witkoff" by the correction. */
    attribution: AnnotationJson;
    /** Pending on the deleted paragraph: orphaned by the correction. */
    claim: AnnotationJson;
    /** Pending on words the correction left alone. */
    hedge: AnnotationJson;
  }

  const create = async (article: TestArticle, kind: string, exact: string) =>
    expectJson(await api.create(editorToken, article.id, { revisionId: article.revisionId, kind, quote: { exact } }), 201);

  /** The Witkoff article after the name correction that also deleted the claim's paragraph. */
  async function correctedArticle(title = "Security guarantees"): Promise<Corrected> {
    const article = await makeArticle(db.prisma, editor, [WITKOFF, CLAIM, THIRD], title);
    const attribution = await create(article, "attribution", "US special envoy Steve Witkoff");
    await expectJson(await reviewApi.review(reviewerToken, attribution.id, { version: 1, decision: "approve" }), 200);
    const claim = await create(article, "claim", CLAIM_QUOTE);
    const hedge = await create(article, "hedge", "rose slightly");
    const corrected = await correct(editorToken, article.id, article.revisionId, [STEVEN, THIRD]);
    expect(corrected.outcomes).toEqual({ [attribution.id]: "changed", [claim.id]: "orphaned", [hedge.id]: "moved" });
    const find = (id: string) => corrected.annotations.find((a) => a.id === id)!;
    return { article, corrected, attribution: find(attribution.id), claim: find(claim.id), hedge: find(hedge.id) };
  }

  async function queue(query: Record<string, string>, token = reviewerToken): Promise<QueuePage> {
    return expectJson<QueuePage>(await reviewApi.queue(token, query), 200);
  }

  const itemOf = (page: QueuePage, id: string): QueueItem | undefined => page.items.find((i) => i.id === id);

  describe("orphaned annotations", () => {
    it("are listed with their status, old quote and old revision; pending and orphaned are counted apart", async () => {
      const { article, claim, attribution, hedge } = await correctedArticle();
      const page = await queue({ articleId: article.id });
      expect(page.items.map((i) => i.id).sort()).toEqual([attribution.id, claim.id, hedge.id].sort());
      expect(page.total).toBe(2);
      expect(page.orphaned).toBe(1);

      const orphan = itemOf(page, claim.id)!;
      expect(orphan).toMatchObject({
        status: "orphaned",
        revisionId: article.revisionId,
        quote: { exact: CLAIM_QUOTE },
        article: { id: article.id, title: "Security guarantees" },
        previousQuote: null,
      });
      // The old quote and offsets still describe the text it was orphaned from.
      expect([...article.text].slice(orphan.start, orphan.end).join("")).toBe(CLAIM_QUOTE);
      expect(article.text).toContain(orphan.quote.prefix + orphan.quote.exact + orphan.quote.suffix);
    });

    it("do not count as pending for the header", async () => {
      const other = await makeArticle(db.prisma, editor, [WITKOFF, CLAIM], "Second story");
      const lonely = await create(other, "claim", CLAIM_QUOTE);
      const before = await pendingForReviewer(db.prisma, reviewer);
      await correct(editorToken, other.id, other.revisionId, [WITKOFF]);
      expect((await db.prisma.annotation.findUniqueOrThrow({ where: { id: lonely.id } })).status).toBe("orphaned");
      expect(await pendingForReviewer(db.prisma, reviewer)).toBe(before - 1);
      expect(await queue({ articleId: other.id })).toMatchObject({ items: [{ id: lonely.id }], total: 0, orphaned: 1 });
    });

    it("make their article (and author) a choice of the queue's filters even when nothing else there is pending", async () => {
      const author = await createTestUser(db.prisma, { role: "editor" });
      const authorToken = await createTestToken(db.prisma, author.email);
      const only = await makeArticle(db.prisma, author, [WITKOFF, CLAIM], "Only an orphan left");
      const claim = await expectJson(await api.create(authorToken, only.id, { revisionId: only.revisionId, kind: "claim", quote: { exact: CLAIM_QUOTE } }), 201);
      await correct(authorToken, only.id, only.revisionId, [WITKOFF]);
      expect((await db.prisma.annotation.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("orphaned");
      const options = await queueFilterOptions(db.prisma, reviewer);
      expect(options.articles.map((a) => a.id)).toContain(only.id);
      expect(options.authors.map((a) => a.id)).toContain(author.id);
      expect(await queue({ authorId: author.id })).toMatchObject({ items: [{ id: claim.id, status: "orphaned" }], total: 0, orphaned: 1 });
    });

    it("approving one is refused with 409 and a clear message; nothing changes", async () => {
      const { claim } = await correctedArticle();
      const body = await expectError(await reviewApi.review(reviewerToken, claim.id, { version: claim.version, decision: "approve" }), 409, "conflict");
      expect(body.error.message).toContain("Re-attach it to text before approving");
      expect(await db.prisma.annotation.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ status: "orphaned", version: claim.version, reviewedById: null });
      expect((await auditEvents(db.prisma, claim.id)).map((e) => e.action)).toEqual(["annotation.create", "annotation.orphan"]);
    });

    it("rejecting one with a reason dismisses it: it leaves the queue and the article's status follows", async () => {
      const { article, claim, attribution, hedge } = await correctedArticle();
      const rejected = await expectJson(
        await reviewApi.review(reviewerToken, claim.id, { version: claim.version, decision: "reject", note: "The paragraph was cut; not needed" }),
        200,
      );
      expect(rejected).toMatchObject({ status: "rejected", reviewedBy: { id: reviewer.id }, reviewNote: "The paragraph was cut; not needed", version: claim.version + 1 });
      const events = await auditEvents(db.prisma, claim.id, "annotation.reject");
      expect(events).toHaveLength(1);
      expect(events[0]!.before).toMatchObject({ status: "orphaned" });
      expect(events[0]!.after).toMatchObject({ status: "rejected" });

      const page = await queue({ articleId: article.id });
      expect(itemOf(page, claim.id)).toBeUndefined();
      expect(page).toMatchObject({ total: 2, orphaned: 0 });

      // With the orphan dismissed and the rest approved, nothing in the article waits any more.
      const status = async () => (await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).status;
      expect(await status()).toBe("in_review");
      for (const a of [attribution, hedge]) await expectJson(await reviewApi.review(reviewerToken, a.id, { version: a.version, decision: "approve" }), 200);
      expect(await status()).toBe("reviewed");
    });

    it("a rejected orphan cannot be approved later: its words are still not in the text", async () => {
      const { claim } = await correctedArticle();
      const rejected = await expectJson<{ version: number }>(
        await reviewApi.review(reviewerToken, claim.id, { version: claim.version, decision: "reject", note: "Cut with its paragraph" }),
        200,
      );
      const body = await expectError(await reviewApi.review(reviewerToken, claim.id, { version: rejected.version, decision: "approve" }), 409, "conflict");
      expect(body.error.message).toContain("Re-attach it to text before approving");
      expect(await db.prisma.annotation.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ status: "rejected", version: rejected.version });
    });

    it("rejecting one without a reason → 400, like any rejection", async () => {
      const { claim } = await correctedArticle();
      const body = await expectError(await reviewApi.review(reviewerToken, claim.id, { version: claim.version, decision: "reject" }), 400, "validation_failed");
      expect(detailPaths(body)).toContain("note");
      expect((await db.prisma.annotation.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("orphaned");
    });
  });

  describe("previousQuote: words changed by a correction", () => {
    it("is the old quote for an annotation whose words a correction changed, and null for one the correction only moved", async () => {
      const { article, attribution, hedge } = await correctedArticle();
      const page = await queue({ articleId: article.id });
      expect(itemOf(page, attribution.id)).toMatchObject({
        status: "pending",
        quote: { exact: "US special envoy Steven Witkoff" },
        previousQuote: "US special envoy Steve Witkoff",
      });
      expect(itemOf(page, hedge.id)).toMatchObject({ status: "pending", quote: { exact: "rose slightly" }, previousQuote: null });
    });

    it("is null for an annotation no correction touched", async () => {
      const article = await makeArticle(db.prisma, editor, [WITKOFF, THIRD], "Untouched");
      const claim = await create(article, "claim", "Putin had agreed to security guarantees");
      expect(itemOf(await queue({ articleId: article.id }), claim.id)).toMatchObject({ status: "pending", previousQuote: null });
    });

    it("counts only corrections since the last review, and holds the words before the first of them", async () => {
      const { article, corrected, attribution } = await correctedArticle();
      // Two corrections in a row: the reviewer is shown what it was before both.
      const stephen = STEVEN.replace("Steven Witkoff", "Stephen Witkoff");
      const second = await correct(editorToken, article.id, corrected.revision.id, [stephen, THIRD]);
      expect(itemOf(await queue({ articleId: article.id }), attribution.id)).toMatchObject({
        quote: { exact: "US special envoy Stephen Witkoff" },
        previousQuote: "US special envoy Steve Witkoff",
      });

      // Reviewed, then corrected again: only the words since that review count.
      const current = second.annotations.find((a) => a.id === attribution.id)!;
      await expectJson(await reviewApi.review(reviewerToken, attribution.id, { version: current.version, decision: "approve" }), 200);
      expect(itemOf(await queue({ articleId: article.id }), attribution.id)).toBeUndefined();
      await correct(editorToken, article.id, second.revision.id, [stephen.replace("Stephen Witkoff", "Steven C. Witkoff"), THIRD]);
      expect(itemOf(await queue({ articleId: article.id }), attribution.id)).toMatchObject({
        status: "pending",
        quote: { exact: "US special envoy Steven C. Witkoff" },
        previousQuote: "US special envoy Stephen Witkoff",
      });
    });

    it("is null again once the correction is undone", async () => {
      const { article, corrected, attribution } = await correctedArticle();
      await correct(editorToken, article.id, corrected.revision.id, [WITKOFF, THIRD]);
      expect(itemOf(await queue({ articleId: article.id }), attribution.id)).toMatchObject({
        quote: { exact: "US special envoy Steve Witkoff" },
        previousQuote: null,
      });
    });

    it("is the orphan's old quote once it is re-attached to new words", async () => {
      const { article, corrected, claim } = await correctedArticle();
      const span = locate(corrected.revision.text, "Putin had agreed to security guarantees");
      await expectJson(await api.patch(editorToken, claim.id, { version: claim.version, revisionId: corrected.revision.id, from: span.from, to: span.to }), 200);
      const page = await queue({ articleId: article.id });
      expect(itemOf(page, claim.id)).toMatchObject({ status: "pending", quote: { exact: "Putin had agreed to security guarantees" }, previousQuote: CLAIM_QUOTE });
      expect(page).toMatchObject({ total: 3, orphaned: 0 });
    });

    it("is computed for every item of a page, across pages", async () => {
      const fixtures = [await correctedArticle("Page one"), await correctedArticle("Page two")];
      const ids = new Set(fixtures.flatMap((f) => [f.attribution.id, f.hedge.id, f.claim.id]));
      const seen = new Map<string, QueueItem>();
      let cursor: string | null = null;
      do {
        const page: QueuePage = await queue({ limit: "2", ...(cursor ? { cursor } : {}) });
        for (const item of page.items) if (ids.has(item.id)) seen.set(item.id, item);
        cursor = page.nextCursor;
      } while (cursor);
      for (const f of fixtures) {
        expect(seen.get(f.attribution.id)?.previousQuote).toBe("US special envoy Steve Witkoff");
        expect(seen.get(f.hedge.id)?.previousQuote).toBeNull();
        expect(seen.get(f.claim.id)).toMatchObject({ status: "orphaned", previousQuote: null });
      }
    });
  });
});
