import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as revisionRouteHandler } from "@/app/api/articles/[id]/revisions/route";
import { useDatabase } from "@/lib/server/database/app-database";
import { parsePlainText } from "@/lib/import/plain-text";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { reviewQueue } from "@/lib/server/review/review-queue";
import type { CreateRevisionResult } from "@/lib/server/revisions/create-revision";
import { createEditorAndReviewer, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { auditEvents, expectError, expectJson, expectQuoteInvariant, locate, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const revisionRoute = documented("POST", "/api/articles/[id]/revisions", revisionRouteHandler);

type SaveBody = Omit<CreateRevisionResult, "created">;

const WITKOFF = "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.";
const CLAIM = "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.";
const THIRD = "Markets in Europe rose slightly on the news, while analysts urged caution about the timeline.";

/** The document the editor would send for these paragraphs. */
const docOf = (paragraphs: string[]) => parsePlainText(paragraphs.join("\n\n")).toJSON() as Record<string, unknown>;

/** POST /api/articles/:id/revisions, called as Next.js would call it. */
function save(token: string, articleId: string, body: unknown): Promise<Response> {
  const req = new NextRequest(`http://localhost/api/articles/${articleId}/revisions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return revisionRoute(req, { params: Promise.resolve({ id: articleId }) });
}

/** Every placed annotation's offsets must point at its quote in the text it now belongs to. */
function expectPlaced(text: string, annotations: AnnotationJson[], revisionId: string): void {
  for (const annotation of annotations.filter((a) => a.status !== "orphaned")) {
    expect(annotation.revisionId).toBe(revisionId);
    expect([...text].slice(annotation.start, annotation.end).join("")).toBe(annotation.quote.exact);
    expectQuoteInvariant(text, annotation);
  }
}

describeEachDatabase("POST /api/articles/:id/revisions", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let token: string;
  let reviewerToken: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    ({ editor, reviewer, token, reviewerToken } = await createEditorAndReviewer(db.prisma));
  });

  /** An article with an approved attribution on "Steve Witkoff" and a pending claim on paragraph 2. */
  async function annotatedArticle(): Promise<{ article: TestArticle; attributionId: string; claimId: string }> {
    const article = await makeArticle(db.prisma, editor, [WITKOFF, CLAIM, THIRD]);
    const name = locate(article.text, "Steve Witkoff");
    const { annotation: attribution } = await createAnnotation(db.prisma, editor, article.id, {
      revisionId: article.revisionId,
      kind: "attribution",
      from: name.from,
      to: name.to,
    });
    await db.prisma.annotation.update({
      where: { id: attribution.id },
      data: { status: "approved", reviewedById: reviewer.id, reviewedAt: new Date(), reviewNote: "Checked" },
    });
    const claimSpan = locate(article.text, "the guarantees were, as yet, unconfirmed");
    const { annotation: claim } = await createAnnotation(db.prisma, editor, article.id, {
      revisionId: article.revisionId,
      kind: "claim",
      from: claimSpan.from,
      to: claimSpan.to,
    });
    return { article, attributionId: attribution.id, claimId: claim.id };
  }

  it("re-anchors an edited name for review and orphans a claim whose paragraph was deleted", async () => {
    const { article, attributionId, claimId } = await annotatedArticle();
    const edited = WITKOFF.replace("Steve Witkoff", "Steven Witkoff");
    const res = await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([edited, THIRD]) });
    const body = await expectJson<SaveBody>(res, 201);

    expect(body.revision.number).toBe(2);
    expect(body.revision.text).toBe([edited, THIRD].join("\n\n"));
    const stored = await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.currentRevisionId).toBe(body.revision.id);
    expect(stored.status).toBe("in_review");

    const attribution = body.annotations.find((a) => a.id === attributionId)!;
    expect(body.outcomes[attributionId]).toBe("changed");
    expect(attribution).toMatchObject({ status: "pending", reviewedBy: null, reviewedAt: null, reviewNote: null, revisionId: body.revision.id });
    expect(attribution.quote.exact).toBe("Steven Witkoff");
    const events = await auditEvents(db.prisma, attributionId, "annotation.reanchor");
    expect(events).toHaveLength(1);
    expect(events[0]!.before).toMatchObject({ quote: "Steve Witkoff", status: "approved", revisionId: article.revisionId });
    expect(events[0]!.after).toMatchObject({ quote: "Steven Witkoff", status: "pending", revisionId: body.revision.id });

    expect(body.outcomes[claimId]).toBe("orphaned");
    expect(body.orphaned.map((a) => a.id)).toEqual([claimId]);
    const claim = await db.prisma.annotation.findUniqueOrThrow({ where: { id: claimId } });
    expect(claim).toMatchObject({ status: "orphaned", revisionId: article.revisionId, quoteExact: "the guarantees were, as yet, unconfirmed", version: 2 });
    // Its offsets still describe the old text, not some other words of the new one.
    expect([...article.text].slice(claim.start, claim.end).join("")).toBe(claim.quoteExact);
    expect(await auditEvents(db.prisma, claimId, "annotation.orphan")).toHaveLength(1);

    const revisionEvents = await db.prisma.auditEvent.findMany({ where: { action: "revision.create", entityId: body.revision.id } });
    expect(revisionEvents).toHaveLength(1);
    expect(revisionEvents[0]!.before).toMatchObject({ id: article.revisionId, number: 1 });
    expectPlaced(body.revision.text, body.annotations, body.revision.id);
  });

  it("moves a short tag onto its figure corrected in place, for review, and leaves the same figure elsewhere alone", async () => {
    const grant = "The council approved a $4m grant for the new library, said its leader. Critics said $4m was too little.";
    const article = await makeArticle(db.prisma, editor, [grant, THIRD]);
    const tagFigure = async (occurrence: number): Promise<string> => {
      const span = locate(article.text, "$4m", occurrence);
      const { annotation } = await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, kind: "claim", from: span.from, to: span.to });
      await db.prisma.annotation.update({
        where: { id: annotation.id },
        data: { status: "approved", reviewedById: reviewer.id, reviewedAt: new Date(), reviewNote: "Checked" },
      });
      return annotation.id;
    };
    const corrected = await tagFigure(0);
    const other = await tagFigure(1);
    const before = locate(article.text, "$4m", 0);

    // No mapping from an editor: the figure is found again by its surroundings alone.
    const paragraphs = [grant.replace("a $4m grant", "a $5m grant"), THIRD];
    const body = await expectJson<SaveBody>(await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf(paragraphs) }), 201);
    const text = paragraphs.join("\n\n");

    expect(body.outcomes).toMatchObject({ [corrected]: "changed", [other]: "kept" });
    expect(body.orphaned).toEqual([]);
    const now = locate(text, "$5m");
    expect(body.annotations.find((a) => a.id === corrected)).toMatchObject({
      revisionId: body.revision.id,
      from: now.from,
      to: now.to,
      start: now.start,
      end: now.end,
      quote: { exact: "$5m", prefix: "The council approved a ", suffix: " grant for the new library, said" },
      status: "pending",
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
      // Approved by a direct write at version 1; the correction is one more change.
      version: 2,
    });
    const stored = await db.prisma.annotation.findUniqueOrThrow({ where: { id: corrected } });
    expect(stored).toMatchObject({ revisionId: body.revision.id, start: now.start, end: now.end, quoteExact: "$5m", status: "pending", reviewedById: null });
    // The other "$4m" was not touched: it keeps its words and its approval.
    expect(body.annotations.find((a) => a.id === other)).toMatchObject({
      start: locate(text, "$4m").start,
      quote: { exact: "$4m" },
      status: "approved",
      reviewNote: "Checked",
    });

    const events = await auditEvents(db.prisma, corrected, "annotation.reanchor");
    expect(events).toHaveLength(1);
    expect(events[0]!.before).toEqual({ revisionId: article.revisionId, start: before.start, end: before.end, quote: "$4m", status: "approved" });
    // Whoever corrected the words decided what the tag now says: the four-eyes rule keeps them from approving it.
    expect(events[0]!.after).toEqual({
      revisionId: body.revision.id,
      start: now.start,
      end: now.end,
      quote: "$5m",
      status: "pending",
      substanceBy: { id: editor.id, name: editor.name },
    });
    expect(await auditEvents(db.prisma, other, "annotation.reanchor")).toEqual([]);
    const revisionEvent = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revision.create", entityId: body.revision.id } });
    expect(revisionEvent.after).toMatchObject({ outcomes: { [corrected]: "changed", [other]: "kept" } });
    expectPlaced(text, body.annotations, body.revision.id);
  });

  it("places an annotation where the editor mapped it", async () => {
    const { article, attributionId, claimId } = await annotatedArticle();
    const text = [THIRD, WITKOFF, CLAIM].join("\n\n");
    const name = locate(text, "Steve Witkoff");
    const res = await save(reviewerToken, article.id, {
      baseRevisionId: article.revisionId,
      doc: docOf([THIRD, WITKOFF, CLAIM]),
      annotations: [{ id: attributionId, from: name.from, to: name.to }],
    });
    const body = await expectJson<SaveBody>(res, 201);
    const attribution = body.annotations.find((a) => a.id === attributionId)!;
    expect(body.outcomes[attributionId]).toBe("moved");
    expect(attribution).toMatchObject({ from: name.from, to: name.to, start: name.start, end: name.end, status: "approved", version: 2 });
    // The claim was not mapped and is re-found by its quote.
    expect(body.outcomes[claimId]).toBe("moved");
    expect(body.orphaned).toEqual([]);
    expectPlaced(text, body.annotations, body.revision.id);
  });

  it("orphans what the editor saw deleted even when the same words remain elsewhere", async () => {
    const article = await makeArticle(db.prisma, editor, [WITKOFF, CLAIM, WITKOFF]);
    const second = locate(article.text, "Steve Witkoff", 1);
    const { annotation } = await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, kind: "attribution", from: second.from, to: second.to });
    // The editor deleted the last paragraph; by quote alone the first one would look like a match.
    const res = await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, CLAIM]), annotations: [], orphaned: [annotation.id] });
    const body = await expectJson<SaveBody>(res, 201);
    expect(body.outcomes[annotation.id]).toBe("orphaned");
    expect(body.orphaned.map((a) => a.id)).toEqual([annotation.id]);
    const bad = await save(token, article.id, { baseRevisionId: body.revision.id, doc: docOf([WITKOFF]), orphaned: ["not-a-uuid"] });
    await expectError(bad, 400, "validation_failed");
  });

  it("falls back to re-anchoring when a mapped span is unusable", async () => {
    const { article, attributionId } = await annotatedArticle();
    const res = await save(token, article.id, {
      baseRevisionId: article.revisionId,
      doc: docOf([WITKOFF, THIRD]),
      annotations: [{ id: attributionId, from: 100_000, to: 100_010 }],
    });
    const body = await expectJson<SaveBody>(res, 201);
    expect(body.outcomes[attributionId]).toBe("kept");
    expect(body.annotations.find((a) => a.id === attributionId)).toMatchObject({ status: "approved", quote: { exact: "Steve Witkoff" } });
    expectPlaced(body.revision.text, body.annotations, body.revision.id);
  });

  it("answers 409 with the latest revision when the base is stale", async () => {
    const { article } = await annotatedArticle();
    const first = await expectJson<SaveBody>(await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, THIRD]) }), 201);
    const before = await db.prisma.revision.count({ where: { articleId: article.id } });
    const res = await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, CLAIM]) });
    const error = await expectError(res, 409, "conflict");
    expect(error.error.details).toEqual({ latest: { id: first.revision.id, number: 2, doc: first.revision.doc, text: first.revision.text } });
    expect(await db.prisma.revision.count({ where: { articleId: article.id } })).toBe(before);
  });

  it("lets only one of two saves from the same base win", async () => {
    const { article } = await annotatedArticle();
    const results = await Promise.all([
      save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, THIRD]) }),
      save(reviewerToken, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, CLAIM]) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await db.prisma.revision.count({ where: { articleId: article.id } })).toBe(2);
  });

  it("refuses an invalid document with 400 and writes nothing", async () => {
    const { article } = await annotatedArticle();
    const counts = async () => ({
      revisions: await db.prisma.revision.count(),
      audit: await db.prisma.auditEvent.count(),
    });
    const before = await counts();
    const bad = { type: "doc", content: [{ type: "script", content: [{ type: "text", text: "alert(1)" }] }] };
    await expectError(await save(token, article.id, { baseRevisionId: article.revisionId, doc: bad }), 400, "validation_failed");
    await expectError(await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF]), extra: 1 }), 400, "validation_failed");
    await expectError(await save(token, article.id, { baseRevisionId: "nope", doc: docOf([WITKOFF]) }), 400, "validation_failed");
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for an unknown article", async () => {
    await expectError(await save(token, randomUUID(), { baseRevisionId: randomUUID(), doc: docOf([WITKOFF]) }), 404, "not_found");
  });

  it("answers 200 without a new revision when the text is unchanged", async () => {
    const { article, attributionId } = await annotatedArticle();
    const before = await db.prisma.annotation.findUniqueOrThrow({ where: { id: attributionId } });
    const res = await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, CLAIM, THIRD]) });
    const body = await expectJson<SaveBody>(res, 200);
    expect(body.revision).toMatchObject({ id: article.revisionId, number: 1 });
    expect(body.orphaned).toEqual([]);
    expect(await db.prisma.revision.count({ where: { articleId: article.id } })).toBe(1);
    expect((await db.prisma.annotation.findUniqueOrThrow({ where: { id: attributionId } })).version).toBe(before.version);
  });

  it("re-finds an orphan when its words come back in a later revision", async () => {
    const { article, claimId } = await annotatedArticle();
    const second = await expectJson<SaveBody>(await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, THIRD]) }), 201);
    expect(second.outcomes[claimId]).toBe("orphaned");
    const third = await expectJson<SaveBody>(
      await save(token, article.id, { baseRevisionId: second.revision.id, doc: docOf([WITKOFF, CLAIM, THIRD]) }),
      201,
    );
    expect(third.outcomes[claimId]).toBe("moved");
    expect(third.annotations.find((a) => a.id === claimId)).toMatchObject({ status: "pending", revisionId: third.revision.id });
    expectPlaced(third.revision.text, third.annotations, third.revision.id);
  });

  it("leaves a rejected orphan rejected through later revisions, out of the review queue", async () => {
    const { article, claimId } = await annotatedArticle();
    const second = await expectJson<SaveBody>(await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, THIRD]) }), 201);
    expect(second.outcomes[claimId]).toBe("orphaned");
    const orphan = await db.prisma.annotation.findUniqueOrThrow({ where: { id: claimId } });
    await reviewAnnotation(db.prisma, reviewer, claimId, { version: orphan.version, decision: "reject", note: "Paragraph dropped." });
    const dismissed = await db.prisma.annotation.findUniqueOrThrow({ where: { id: claimId } });

    let base = second.revision.id;
    for (const paragraphs of [[`Update: ${WITKOFF}`, THIRD], [`Update: ${WITKOFF}`, THIRD.replace("slightly", "a little")]]) {
      const body = await expectJson<SaveBody>(await save(token, article.id, { baseRevisionId: base, doc: docOf(paragraphs) }), 201);
      // Still without words in the text, so reported as orphaned by the save, but not orphaned again.
      expect(body.outcomes[claimId]).toBe("orphaned");
      expect(body.orphaned.map((a) => a.id)).not.toContain(claimId);
      base = body.revision.id;
    }
    const after = await db.prisma.annotation.findUniqueOrThrow({ where: { id: claimId } });
    expect(after).toMatchObject({
      status: "rejected",
      revisionId: article.revisionId,
      version: dismissed.version,
      start: dismissed.start,
      end: dismissed.end,
      quoteExact: dismissed.quoteExact,
      reviewedById: reviewer.id,
      reviewNote: "Paragraph dropped.",
    });
    expect(await auditEvents(db.prisma, claimId, "annotation.orphan")).toHaveLength(1);
    const queue = await reviewQueue(db.prisma, reviewer, { articleId: article.id });
    expect(queue.items.map((i) => i.id)).not.toContain(claimId);
    expect(queue.orphaned).toBe(0);
  });

  it("still orphans a rejected annotation whose words a correction removes from the current revision", async () => {
    const { article, claimId } = await annotatedArticle();
    const claim = await db.prisma.annotation.findUniqueOrThrow({ where: { id: claimId } });
    await reviewAnnotation(db.prisma, reviewer, claimId, { version: claim.version, decision: "reject", note: "Not a claim." });
    const body = await expectJson<SaveBody>(await save(token, article.id, { baseRevisionId: article.revisionId, doc: docOf([WITKOFF, THIRD]) }), 201);
    expect(body.outcomes[claimId]).toBe("orphaned");
    expect(body.orphaned.map((a) => a.id)).toEqual([claimId]);
    expect(await db.prisma.annotation.findUniqueOrThrow({ where: { id: claimId } })).toMatchObject({ status: "orphaned", revisionId: article.revisionId });
  });

  it("refuses a made-up token with 401", async () => {
    const { article } = await annotatedArticle();
    await expectError(await save("nm_madeup", article.id, { baseRevisionId: article.revisionId, doc: docOf([THIRD]) }), 401, "unauthorized");
    expect(await db.prisma.revision.count({ where: { articleId: article.id } })).toBe(1);
  });

  describe("every placed annotation keeps its quote", () => {
    it("holds across several edits", async () => {
      const { article } = await annotatedArticle();
      const edits = [
        [`Breaking: ${WITKOFF}`, CLAIM, THIRD],
        [`Breaking: ${WITKOFF}`, THIRD, CLAIM],
        [THIRD, `Update. ${WITKOFF.replace("Putin", "the Russian president")}`, CLAIM.replace("next week", "on Monday")],
      ];
      let base = article.revisionId;
      for (const paragraphs of edits) {
        const body = await expectJson<SaveBody>(await save(token, article.id, { baseRevisionId: base, doc: docOf(paragraphs) }), 201);
        expect(body.revision.text).toBe(paragraphs.join("\n\n"));
        expectPlaced(body.revision.text, body.annotations, body.revision.id);
        base = body.revision.id;
      }
    });
  });
});
