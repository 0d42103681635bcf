import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import { FOUR_EYES_REFUSALS } from "@/lib/review/four-eyes";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { pendingForReviewer, type QueuePage } from "@/lib/server/review/review-queue";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, auditEvents, expectError, expectJson, locate, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { correct } from "./corrections";
import { reviewApi, tag } from "./review-api";

const LEAD = "The mayor said the council would cut the transport budget by 12 per cent next year.";
const SECOND = "Officials expect the cut to close two bus depots, according to a leaked memo.";
const QUOTE = "the council would cut the transport budget by 12 per cent";

/**
 * The four-eyes rule on substance: whoever decided what an annotation says (kind, span, attributes,
 * re-attachment, or the words under it) since its last review may not approve or reject it.
 */
describeEachDatabase("four-eyes on an annotation's substance", (db) => {
  let editor: TestUser;
  let first: TestUser;
  let second: TestUser;
  let admin: TestUser;
  const tokens = {} as Record<"editor" | "first" | "second" | "admin", string>;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    first = await createTestUser(db.prisma, { role: "reviewer" });
    second = await createTestUser(db.prisma, { role: "reviewer" });
    admin = await createTestUser(db.prisma, { role: "admin" });
    for (const [name, user] of Object.entries({ editor, first, second, admin }) as [keyof typeof tokens, TestUser][]) {
      tokens[name] = await createTestToken(db.prisma, user.email);
    }
  });

  const fresh = async (title: string): Promise<{ article: TestArticle; claim: AnnotationJson }> => {
    const article = await makeArticle(db.prisma, editor, [LEAD, SECOND], title);
    return { article, claim: await tag(db.prisma, editor, article, QUOTE) };
  };
  const patch = async (token: string, id: string, body: Record<string, unknown>) => expectJson(await api.patch(token, id, body), 200);
  const review = (token: string, a: AnnotationJson, decision: "approve" | "reject") =>
    reviewApi.review(token, a.id, { version: a.version, decision, ...(decision === "reject" ? { note: "The memo does not say this" } : {}) });

  it("refuses the reviewer who turned an editor's claim into a hedge, and lets a second reviewer approve it", async () => {
    const { claim } = await fresh("Claim made a hedge");
    const changed = await patch(tokens.first, claim.id, { version: claim.version, kind: "hedge" });
    expect(changed).toMatchObject({ kind: "hedge", status: "pending", substanceBy: { id: first.id, name: first.name }, createdBy: { id: editor.id } });

    const refused = await expectError(await review(tokens.first, changed, "approve"), 403, "forbidden");
    expect(refused.error.message).toBe(FOUR_EYES_REFUSALS.changed);
    await expectError(await review(tokens.first, changed, "reject"), 403, "forbidden");
    expect(await db.prisma.annotation.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ status: "pending", reviewedById: null, version: changed.version });

    const approved = await expectJson(await review(tokens.second, changed, "approve"), 200);
    expect(approved).toMatchObject({ status: "approved", reviewedBy: { id: second.id }, substanceBy: { id: first.id } });
  });

  it("records who decided the substance in the audit history", async () => {
    const { claim } = await fresh("Audited substance");
    await patch(tokens.first, claim.id, { version: claim.version, attributes: { checkWorthy: true } });
    const [update] = await auditEvents(db.prisma, claim.id, "annotation.update");
    expect(update!.actorId).toBe(first.id);
    expect(update!.before).toMatchObject({ substanceBy: { id: editor.id } });
    expect(update!.after).toMatchObject({ substanceBy: { id: first.id, name: first.name } });
  });

  it("sends an approved annotation back to pending when another reviewer changes its span, and keeps that reviewer from deciding it", async () => {
    const { article, claim } = await fresh("Moved span");
    const approved = await expectJson(await review(tokens.first, claim, "approve"), 200);
    const shorter = locate(article.text, "cut the transport budget");
    const moved = await patch(tokens.admin, claim.id, { version: approved.version, from: shorter.from, to: shorter.to });
    expect(moved).toMatchObject({ status: "pending", reviewedBy: null, substanceBy: { id: admin.id }, quote: { exact: "cut the transport budget" } });
    await expectError(await review(tokens.admin, moved, "approve"), 403, "forbidden");
    // The first reviewer approved the old span, not this one: they may decide the new one.
    await expectJson(await review(tokens.first, moved, "approve"), 200);
  });

  it("does not count a change of note alone as substance", async () => {
    const { claim } = await fresh("Note only");
    const noted = await patch(tokens.first, claim.id, { version: claim.version, note: "Check the budget papers" });
    expect(noted.substanceBy).toEqual({ id: editor.id, name: editor.name });
    await expectJson(await review(tokens.first, noted, "approve"), 200);
  });

  it("binds only until the next review: after another reviewer decides, the one who changed it may review it again", async () => {
    const { claim } = await fresh("Later review");
    const changed = await patch(tokens.first, claim.id, { version: claim.version, kind: "hedge" });
    const approved = await expectJson(await review(tokens.second, changed, "approve"), 200);
    const rejected = await expectJson(await review(tokens.first, approved, "reject"), 200);
    expect(rejected).toMatchObject({ status: "rejected", reviewedBy: { id: first.id } });
  });

  it("keeps the reviewer who corrected the words under an annotation from approving it", async () => {
    const { article, claim } = await fresh("Corrected words");
    const approved = await expectJson(await review(tokens.second, claim, "approve"), 200);
    const saved = await correct(tokens.first, article.id, article.revisionId, [LEAD.replace("12 per cent", "14 per cent"), SECOND]);
    const after = saved.annotations.find((a) => a.id === claim.id)!;
    expect(after).toMatchObject({ status: "pending", substanceBy: { id: first.id } });
    expect(after.version).toBeGreaterThan(approved.version);
    const refused = await expectError(await review(tokens.first, after, "approve"), 403, "forbidden");
    expect(refused.error.message).toBe(FOUR_EYES_REFUSALS.changed);
    await expectJson(await review(tokens.second, after, "approve"), 200);
  });

  describe("the queue", () => {
    it("shows the change's author and leaves the item out of that reviewer's pending count", async () => {
      const { article, claim } = await fresh("Queue substance");
      const before = await pendingForReviewer(db.prisma, first);
      await patch(tokens.first, claim.id, { version: claim.version, kind: "hedge" });
      expect(await pendingForReviewer(db.prisma, first)).toBe(before - 1);
      const page = await expectJson<QueuePage>(await reviewApi.queue(tokens.first, { articleId: article.id }), 200);
      expect(page.items.map((i) => [i.id, i.substanceBy.id])).toEqual([[claim.id, first.id]]);
    });
  });
});
