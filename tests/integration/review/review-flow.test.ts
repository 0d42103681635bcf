import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, auditEvents, detailPaths, expectError, expectJson, fetchArticle, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { reviewApi, type Conflict, type HistoryEntry } from "./review-api";

const SAMPLE = [
  "The council announced that rents in the district would fall by ten percent, according to a spokesperson.",
  "Tenants' groups said the cut was probably smaller than promised and would not reach older buildings.",
];

describeEachDatabase("reviewing annotations", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let secondReviewer: TestUser;
  let editorToken: string;
  let reviewerToken: string;
  let secondReviewerToken: string;
  let article: TestArticle;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    secondReviewer = await createTestUser(db.prisma, { role: "reviewer" });
    editorToken = await createTestToken(db.prisma, editor.email);
    reviewerToken = await createTestToken(db.prisma, reviewer.email);
    secondReviewerToken = await createTestToken(db.prisma, secondReviewer.email);
    article = await makeArticle(db.prisma, editor, SAMPLE, "Rents to fall");
  });

  /** A new pending annotation by the editor, created through the API. */
  async function annotate(quote = "rents in the district would fall by ten percent", kind = "claim", on: TestArticle = article): Promise<AnnotationJson> {
    return expectJson(await api.create(editorToken, on.id, { revisionId: on.revisionId, kind, quote: { exact: quote } }), 201);
  }

  const row = (id: string) => db.prisma.annotation.findUniqueOrThrow({ where: { id } });
  const history = async (id: string, token = reviewerToken) => expectJson<HistoryEntry[]>(await reviewApi.history(token, id), 200);
  const statusOf = async (on: TestArticle) => (await fetchArticle(editorToken, on.id)).article.status;

  describe("decisions", () => {
    it("approve: the annotation is approved by the reviewer, and the history lists create then approve with names", async () => {
      const created = await annotate();
      const approved = await expectJson(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "approve" }), 200);
      expect(approved).toMatchObject({
        id: created.id,
        status: "approved",
        version: 2,
        reviewedBy: { id: reviewer.id, name: reviewer.name },
        reviewNote: null,
        note: created.note,
        kind: created.kind,
        quote: created.quote,
      });
      expect(Date.parse(approved.reviewedAt!)).not.toBeNaN();
      expect(await row(created.id)).toMatchObject({ status: "approved", version: 2, reviewedById: reviewer.id });

      const entries = await history(created.id, editorToken);
      expect(entries.map((e) => e.action)).toEqual(["annotation.create", "annotation.approve"]);
      expect(entries.map((e) => e.actor)).toEqual([
        { id: editor.id, name: editor.name },
        { id: reviewer.id, name: reviewer.name },
      ]);
      expect(entries[0]!.before).toBeNull();
      expect(entries[0]!.after).toMatchObject({ id: created.id, status: "pending", version: 1 });
      expect(entries[1]!.before).toMatchObject({ status: "pending", version: 1, reviewedBy: null });
      expect(entries[1]!.after).toMatchObject({ status: "approved", version: 2, reviewedBy: { id: reviewer.id } });
      expect(Date.parse(entries[0]!.at)).toBeLessThanOrEqual(Date.parse(entries[1]!.at));
    });

    it.each([
      ["without a note", {}],
      ["with an empty note", { note: "" }],
      ["with a blank note", { note: "   " }],
    ])("reject %s → 400 on the note, nothing changes", async (_, note) => {
      const created = await annotate();
      const body = await expectError(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "reject", ...note }), 400, "validation_failed");
      expect(detailPaths(body)).toContain("note");
      expect(await row(created.id)).toMatchObject({ status: "pending", version: 1, reviewedById: null, reviewNote: null });
      expect((await auditEvents(db.prisma, created.id)).map((e) => e.action)).toEqual(["annotation.create"]);
    });

    it("reject with a note: rejected, the note stored and shown, recorded as a rejection", async () => {
      const created = await annotate("probably smaller than promised", "hedge");
      const note = "A hedge needs the hedging word only, not the whole clause.";
      const rejected = await expectJson(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "reject", note }), 200);
      expect(rejected).toMatchObject({ status: "rejected", version: 2, reviewNote: note, reviewedBy: { id: reviewer.id, name: reviewer.name } });
      expect(await row(created.id)).toMatchObject({ status: "rejected", reviewNote: note, reviewedById: reviewer.id });
      const entries = await history(created.id);
      expect(entries.map((e) => e.action)).toEqual(["annotation.create", "annotation.reject"]);
      expect(entries[1]!.after).toMatchObject({ status: "rejected", reviewNote: note });
    });

    it.each([
      ["an unknown decision", { version: 1, decision: "maybe" }],
      ["a missing version", { decision: "approve" }],
      ["an unknown field", { version: 1, decision: "approve", status: "approved" }],
      ["a note over 2,000 characters", { version: 1, decision: "reject", note: "n".repeat(2001) }],
    ])("%s → 400, nothing changes", async (_, body) => {
      const created = await annotate();
      await expectError(await reviewApi.review(reviewerToken, created.id, body), 400, "validation_failed");
      expect(await row(created.id)).toMatchObject({ status: "pending", version: 1 });
    });

    it("a second review with the old version → 409 with the current annotation", async () => {
      const created = await annotate();
      const approved = await expectJson(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "approve" }), 200);
      const res = await reviewApi.review(secondReviewerToken, created.id, { version: 1, decision: "reject", note: "I disagree" });
      const body = (await expectError(res, 409, "conflict")) as Conflict;
      expect(body.error.details.current).toEqual(approved);
      expect(await row(created.id)).toMatchObject({ status: "approved", version: 2, reviewedById: reviewer.id, reviewNote: null });
      expect((await history(created.id)).map((e) => e.action)).toEqual(["annotation.create", "annotation.approve"]);

      // At the current version, a second reviewer may overturn the decision.
      const overturned = await expectJson(
        await reviewApi.review(secondReviewerToken, created.id, { version: 2, decision: "reject", note: "I disagree" }),
        200,
      );
      expect(overturned).toMatchObject({ status: "rejected", version: 3, reviewedBy: { id: secondReviewer.id }, reviewNote: "I disagree" });
    });

    it("two reviewers approving at the same moment: exactly one 200 and one 409, one review in the history", async () => {
      const created = await annotate();
      const responses = await Promise.all([
        reviewApi.review(reviewerToken, created.id, { version: 1, decision: "approve" }),
        reviewApi.review(secondReviewerToken, created.id, { version: 1, decision: "approve" }),
      ]);
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<unknown>));
      expect(responses.map((r) => r.status).sort(), JSON.stringify(bodies)).toEqual([200, 409]);
      const winner = bodies[responses.findIndex((r) => r.status === 200)] as AnnotationJson;
      const loser = bodies[responses.findIndex((r) => r.status === 409)] as Conflict;
      expect(loser.error.code).toBe("conflict");
      expect(loser.error.details.current).toMatchObject({ version: 2, status: "approved", reviewedBy: winner.reviewedBy });
      expect([reviewer.id, secondReviewer.id]).toContain(winner.reviewedBy?.id);
      expect(await row(created.id)).toMatchObject({ version: 2, status: "approved", reviewedById: winner.reviewedBy!.id });

      const entries = await history(created.id);
      const reviews = entries.filter((e) => e.action === "annotation.approve" || e.action === "annotation.reject");
      expect(reviews).toHaveLength(1);
      expect(reviews[0]!.actor?.id).toBe(winner.reviewedBy!.id);
    });

    it("approving an orphaned annotation → 409, nothing changes", async () => {
      const created = await annotate();
      await db.prisma.annotation.update({ where: { id: created.id }, data: { status: "orphaned" } });
      const body = await expectError(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "approve", note: "Checked" }), 409, "conflict");
      expect(body.error.message).toContain("Re-attach it to text before approving");
      expect(await row(created.id)).toMatchObject({ status: "orphaned", version: 1, reviewedById: null });
      expect((await auditEvents(db.prisma, created.id)).map((e) => e.action)).toEqual(["annotation.create"]);
    });

    it("an unknown, malformed or deleted annotation → 404", async () => {
      for (const id of [randomUUID(), "not-a-uuid"]) {
        await expectError(await reviewApi.review(reviewerToken, id, { version: 1, decision: "approve" }), 404, "not_found");
      }
      const created = await annotate();
      expect((await api.remove(editorToken, created.id, "version=1")).status).toBe(204);
      await expectError(await reviewApi.review(reviewerToken, created.id, { version: 2, decision: "approve" }), 404, "not_found");
      expect(await row(created.id)).toMatchObject({ status: "pending", version: 2 });
    });
  });

  describe("after a decision", () => {
    it("the author editor can no longer edit an approved annotation (403), nor delete it", async () => {
      const created = await annotate();
      await expectJson(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "approve" }), 200);
      await expectError(await api.patch(editorToken, created.id, { version: 2, note: "Sneaky edit" }), 403, "forbidden");
      await expectError(await api.patch(editorToken, created.id, { version: 2, kind: "hedge" }), 403, "forbidden");
      await expectError(await api.remove(editorToken, created.id, "version=2"), 403, "forbidden");
      expect(await row(created.id)).toMatchObject({ status: "approved", version: 2, note: "", kind: "claim", deletedAt: null });
    });

    it("a reviewer changing the kind of an approved annotation sends it back to pending with the review cleared", async () => {
      const own = await makeArticle(db.prisma, editor, SAMPLE, "Kind change");
      const created = await annotate(undefined, "claim", own);
      await expectJson(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "approve" }), 200);
      expect(await statusOf(own)).toBe("reviewed");
      const changed = await expectJson(await api.patch(secondReviewerToken, created.id, { version: 2, kind: "hedge" }), 200);
      expect(changed).toMatchObject({ kind: "hedge", status: "pending", version: 3, reviewedBy: null, reviewedAt: null, reviewNote: null });
      expect(await row(created.id)).toMatchObject({ status: "pending", reviewedById: null, reviewedAt: null });
      expect(await statusOf(own)).toBe("in_review");
      // Back in the queue: it can be reviewed again, at its new version.
      const again = await expectJson(await reviewApi.review(reviewerToken, created.id, { version: 3, decision: "approve" }), 200);
      expect(again).toMatchObject({ status: "approved", version: 4 });
    });

    it("a note-only change by a reviewer keeps an approved annotation approved, its review intact", async () => {
      const created = await annotate();
      const approved = await expectJson(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "approve" }), 200);
      const noted = await expectJson(await api.patch(secondReviewerToken, created.id, { version: 2, note: "Source: council press release" }), 200);
      expect(noted).toMatchObject({ status: "approved", version: 3, note: "Source: council press release", reviewedBy: { id: reviewer.id } });
      expect(noted.reviewedAt).toBe(approved.reviewedAt);
    });

    it("a rejected annotation whose kind changes returns to pending, its rejection note cleared", async () => {
      const created = await annotate();
      await expectJson(await reviewApi.review(reviewerToken, created.id, { version: 1, decision: "reject", note: "Wrong kind" }), 200);
      const changed = await expectJson(await api.patch(secondReviewerToken, created.id, { version: 2, kind: "attribution" }), 200);
      expect(changed).toMatchObject({ status: "pending", reviewedBy: null, reviewNote: null });
    });
  });

  describe("history", () => {
    it("records create, update, link, review and delete, oldest first, each with its actor", async () => {
      const own = await makeArticle(db.prisma, editor, SAMPLE, "Full history");
      const claim = await annotate("rents in the district would fall by ten percent", "claim", own);
      const source = await annotate("according to a spokesperson", "attribution", own);
      const updated = await expectJson(await api.patch(editorToken, source.id, { version: 1, note: "Unnamed council spokesperson" }), 200);
      await expectJson(await api.link(editorToken, source.id, { type: "attributes", targetId: claim.id }), 201);
      const approved = await expectJson(await reviewApi.review(reviewerToken, source.id, { version: updated.version, decision: "approve" }), 200);
      expect((await api.remove(secondReviewerToken, source.id, `version=${approved.version}`)).status).toBe(204);

      // A deleted annotation keeps its history.
      const entries = await history(source.id, editorToken);
      expect(entries.map((e) => e.action)).toEqual([
        "annotation.create",
        "annotation.update",
        "annotation.link",
        "annotation.approve",
        "annotation.delete",
      ]);
      expect(entries.map((e) => e.actor?.name)).toEqual([editor.name, editor.name, editor.name, reviewer.name, secondReviewer.name]);
      expect(entries.map((e) => e.actor?.id)).toEqual([editor.id, editor.id, editor.id, reviewer.id, secondReviewer.id]);
      const times = entries.map((e) => Date.parse(e.at));
      expect(times.every((t) => !Number.isNaN(t))).toBe(true);
      expect([...times].sort((a, b) => a - b)).toEqual(times);

      const [create, update, link, approve, remove] = entries;
      expect(create!.after).toMatchObject({ id: source.id, kind: "attribution", version: 1 });
      expect(update!.before).toMatchObject({ note: "", version: 1 });
      expect(update!.after).toMatchObject({ note: "Unnamed council spokesperson", version: 2 });
      expect(link!.after).toEqual({ type: "attributes", targetId: claim.id });
      expect(approve!.after).toMatchObject({ status: "approved", reviewedBy: { id: reviewer.id } });
      expect(remove!.before).toMatchObject({ id: source.id, status: "approved" });
      expect(remove!.after).toBeNull();

      // The claim's own history is separate.
      expect((await history(claim.id)).map((e) => e.action)).toEqual(["annotation.create"]);
    });

    it("an unknown or malformed annotation → 404", async () => {
      for (const id of [randomUUID(), "not-a-uuid"]) await expectError(await reviewApi.history(reviewerToken, id), 404, "not_found");
    });
  });

  describe("article status", () => {
    it("draft → in_review → reviewed once all are decided → in_review after a new annotation", async () => {
      const own = await makeArticle(db.prisma, editor, SAMPLE, "Status transitions");
      expect(await statusOf(own)).toBe("draft");

      const first = await annotate("rents in the district would fall by ten percent", "claim", own);
      expect(await statusOf(own)).toBe("in_review");
      const second = await annotate("probably", "hedge", own);
      expect(await statusOf(own)).toBe("in_review");

      await expectJson(await reviewApi.review(reviewerToken, first.id, { version: 1, decision: "approve" }), 200);
      // One is still pending.
      expect(await statusOf(own)).toBe("in_review");
      await expectJson(await reviewApi.review(reviewerToken, second.id, { version: 1, decision: "reject", note: "Not a hedge here" }), 200);
      expect(await statusOf(own)).toBe("reviewed");

      const third = await annotate("according to a spokesperson", "attribution", own);
      expect(await statusOf(own)).toBe("in_review");
      await expectJson(await reviewApi.review(secondReviewerToken, third.id, { version: 1, decision: "approve" }), 200);
      expect(await statusOf(own)).toBe("reviewed");
      expect((await db.prisma.article.findUniqueOrThrow({ where: { id: own.id } })).status).toBe("reviewed");
    });

    it("a refused review leaves the article's status as it was", async () => {
      const own = await makeArticle(db.prisma, editor, SAMPLE, "Refused review");
      const created = await annotate(undefined, "claim", own);
      await expectError(await reviewApi.review(reviewerToken, created.id, { version: 5, decision: "approve" }), 409, "conflict");
      await expectError(await reviewApi.review(editorToken, created.id, { version: 1, decision: "approve" }), 403, "forbidden");
      expect(await statusOf(own)).toBe("in_review");
    });
  });
});
