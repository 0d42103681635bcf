import pg from "pg";
import { Step } from "prosemirror-transform";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { MAX_STEPS_PER_BATCH, type StepsSince } from "@/lib/contracts/collab";
import { schema } from "@/lib/editor/schema";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { updateAnnotation } from "@/lib/server/annotations/update-annotation";
import { acceptSteps } from "@/lib/server/collab/accept-steps";
import { useDatabase } from "@/lib/server/database/app-database";
import { AppError } from "@/lib/server/errors";
import { exportArticle } from "@/lib/server/export/export-article";
import type { CreateRevisionResult } from "@/lib/server/revisions/create-revision";
import { databaseChecksum } from "../../helpers/database-checksum";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { auditEvents, expectError, expectJson, expectQuoteInvariant, fetchArticle, locate, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { collabApi, deleteRange, edit, expectSpanAgrees, insertAt, liveText, slice, stepLog, type StepJson } from "./collab-api";

const MAYOR = "The mayor said the budget would rise by four percent next year.";
const CRITICS = "Critics called the plan reckless and said it was unfunded.";
const VOTE = "The council votes on Tuesday.";

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    (value) => {
      throw new Error(`Expected a rejection, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(AppError);
      return err as AppError;
    },
  );
}

describeEachDatabase("live text: accepting steps", (db) => {
  let editor: TestUser;
  let corrector: TestUser;
  let reviewer: TestUser;
  let token: string;
  let correctorToken: string;
  /** Connections a test opened, closed after it whatever its outcome. */
  let cleanups: (() => Promise<unknown>)[] = [];

  afterEach(async () => {
    const pending = cleanups.reverse();
    cleanups = [];
    for (const cleanup of pending) await cleanup();
  });

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, notifications: db.notifications });
    editor = await createTestUser(db.prisma, { role: "editor" });
    corrector = await createTestUser(db.prisma, { role: "editor" });
    reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    token = await createTestToken(db.prisma, editor.email);
    correctorToken = await createTestToken(db.prisma, corrector.email);
  });

  const newArticle = (paragraphs = [MAYOR, CRITICS, VOTE]) => makeArticle(db.prisma, editor, paragraphs);

  /** Tags `quote` (its first occurrence) as the editor. */
  async function tag(article: TestArticle, quote: string, kind: "claim" | "hedge" | "attribution" = "claim"): Promise<AnnotationJson> {
    const span = locate(article.text, quote);
    const { annotation } = await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, kind, from: span.from, to: span.to });
    return annotation;
  }

  /** Sends steps made on the stored live text as `who`, expecting them to be accepted. */
  async function sendEdit(articleId: string, change: Parameters<typeof edit>[1], who = correctorToken, clientId = "page-a"): Promise<number> {
    const live = await liveText(db.prisma, articleId);
    const { steps } = edit(live.doc, change);
    const body = await expectJson<{ version: number }>(await collabApi.send(who, articleId, { version: live.version, clientId, steps }), 200);
    expect(body.version).toBe(live.version + steps.length);
    return body.version;
  }

  const annotationRow = (id: string) => db.prisma.annotation.findUniqueOrThrow({ where: { id } });

  /** Every placed annotation of the article stores offsets and a quote that agree with its stored text. */
  async function expectStoredSpansAgree(articleId: string): Promise<void> {
    const live = await liveText(db.prisma, articleId);
    const rows = await db.prisma.annotation.findMany({ where: { articleId, deletedAt: null, status: { not: "orphaned" } } });
    for (const row of rows) {
      expect(row.revisionId).toBe(live.revisionId);
      expectSpanAgrees(live.text, row);
    }
  }

  it("accepts steps on the current version: the stored text, its version and GET /api/articles/:id move on", async () => {
    const article = await newArticle();
    const before = await fetchArticle(token, article.id);
    expect(before.revision).toMatchObject({ number: 1, version: 0, saved: true, text: article.text });

    const at = locate(article.text, "by four");
    const first = edit((await liveText(db.prisma, article.id)).doc, insertAt(at.from, "sharply "));
    expect(first.steps).toHaveLength(1);
    const accepted = await expectJson<{ version: number }>(await collabApi.send(correctorToken, article.id, { version: 0, clientId: "page-a", steps: first.steps }), 200);
    expect(accepted).toEqual({ version: 1, annotations: [] });

    const expected = article.text.replace("rise by four", "rise sharply by four");
    const after = await fetchArticle(token, article.id);
    expect(after.revision).toMatchObject({ version: 1, saved: false, text: expected, doc: first.doc.toJSON() });
    expect(after.lastEvent).toBeGreaterThan(before.lastEvent);

    // Two more steps in one batch: a deletion and an insertion.
    const live = await liveText(db.prisma, article.id);
    const gone = locate(live.text, " next year");
    const second = edit(live.doc, (tr) => {
      tr.delete(gone.from, gone.to);
      insertAt(1, "Today ")(tr);
    });
    expect(second.steps).toHaveLength(2);
    expect(await expectJson(await collabApi.send(token, article.id, { version: 1, clientId: "page-b", steps: second.steps }), 200)).toEqual({ version: 3, annotations: [] });
    const stored = await liveText(db.prisma, article.id);
    expect(stored).toMatchObject({ version: 3, text: `Today ${expected.replace(" next year", "")}` });
    expect(stored.doc.toJSON()).toEqual(second.doc.toJSON());

    // The log holds each step once, at its version, with who sent it from which page.
    const log = await stepLog(db.prisma, article.id);
    expect(log.map((s) => [s.version, s.clientId, s.userId])).toEqual([
      [1, "page-a", corrector.id],
      [2, "page-b", editor.id],
      [3, "page-b", editor.id],
    ]);
    expect(log.map((s) => s.step)).toEqual([...first.steps, ...second.steps]);
    const since = await expectJson<StepsSince>(await collabApi.since(token, article.id, 1), 200);
    expect(since).toEqual({ version: 3, steps: second.steps, clientIds: ["page-b", "page-b"] });
    expect(await expectJson<StepsSince>(await collabApi.since(token, article.id, 3), 200)).toEqual({ version: 3, steps: [], clientIds: [] });
    await expectError(await collabApi.since(token, article.id, 4), 400, "validation_failed");
  });

  it("answers steps on an older version with 409 and exactly the steps since, to rebase on and send again", async () => {
    const article = await newArticle();
    const base = await liveText(db.prisma, article.id);
    const mine = edit(base.doc, insertAt(locate(article.text, "budget").from, "city "));
    const theirs = edit(base.doc, insertAt(locate(article.text, "unfunded").from, "wholly "));
    expect(await expectJson(await collabApi.send(token, article.id, { version: 0, clientId: "page-a", steps: mine.steps }), 200)).toEqual({ version: 1, annotations: [] });
    const more = edit((await liveText(db.prisma, article.id)).doc, insertAt(1, "Yesterday "));
    expect(await expectJson(await collabApi.send(token, article.id, { version: 1, clientId: "page-c", steps: more.steps }), 200)).toEqual({ version: 2, annotations: [] });

    const checksum = await databaseChecksum(db.prisma);
    const conflict = await expectError(await collabApi.send(correctorToken, article.id, { version: 0, clientId: "page-b", steps: theirs.steps }), 409, "conflict");
    expect(conflict.error.details).toEqual({ version: 2, steps: [...mine.steps, ...more.steps], clientIds: ["page-a", "page-c"] });
    expect(await databaseChecksum(db.prisma), "a refused send writes nothing").toEqual(checksum);

    // Rebased over the steps since (as prosemirror-collab does), the same edit is accepted.
    const details = conflict.error.details as StepsSince;
    const over = details.steps.map((json) => Step.fromJSON(schema, json).getMap());
    const rebased = theirs.steps.map((json) => {
      let step: Step | null = Step.fromJSON(schema, json);
      for (const map of over) step = step!.map(map);
      return step!.toJSON() as StepJson;
    });
    expect(await expectJson(await collabApi.send(correctorToken, article.id, { version: 2, clientId: "page-b", steps: rebased }), 200)).toEqual({ version: 3, annotations: [] });
    expect((await liveText(db.prisma, article.id)).text).toBe(
      `Yesterday ${MAYOR.replace("budget", "city budget")}\n\n${CRITICS.replace("unfunded", "wholly unfunded")}\n\n${VOTE}`,
    );
  });

  it("refuses a version from the future (400) and writes nothing", async () => {
    const article = await newArticle();
    const { steps } = edit((await liveText(db.prisma, article.id)).doc, insertAt(1, "A "));
    const checksum = await databaseChecksum(db.prisma);
    await expectError(await collabApi.send(token, article.id, { version: 1, clientId: "page-a", steps }), 400, "validation_failed");
    await expectError(await collabApi.since(token, article.id, 1), 400, "validation_failed");
    expect(await databaseChecksum(db.prisma)).toEqual(checksum);
  });

  it("refuses steps that do not apply, or leave a document the schema forbids, with 400: text, version, annotations and log unchanged", async () => {
    const article = await newArticle([MAYOR, "Smile 😀 please, said the mayor."]);
    await tag(article, "budget");
    const live = await liveText(db.prisma, article.id);
    const size = live.doc.content.size;
    const good = edit(live.doc, insertAt(1, "So ")).steps[0]!;
    const emoji = locate(live.text, "😀");
    const toHeading = edit(live.doc, (tr) => {
      tr.setBlockType(1, 1, schema.nodes.heading, { level: 1 });
    }).steps;
    const refused: [string, StepJson[]][] = [
      ["a replace beyond the end of the document", [{ stepType: "replace", from: size + 10, to: size + 11, slice: { content: [{ type: "text", text: "x" }] } }]],
      ["a negative position", [{ stepType: "replace", from: -3, to: 2 }]],
      ["a fractional position", [{ stepType: "replace", from: 1.5, to: 2 }]],
      ["from after to", [{ stepType: "replace", from: 9, to: 3 }]],
      ["a good step followed by one beyond the document", [good, { stepType: "replace", from: size + 50, to: size + 50, slice: { content: [{ type: "text", text: "x" }] } }]],
      ["deleting the whole document", [{ stepType: "replace", from: 0, to: size }]],
      ["a heading inside a paragraph", [{ stepType: "replace", from: 5, to: 5, slice: { content: [{ type: "heading", attrs: { level: 1 }, content: [] }] } }]],
      ["an empty list, which the schema does not allow", [{ stepType: "replace", from: 0, to: 0, slice: { content: [{ type: "bullet_list", content: [] }] } }]],
      ["a mark on a paragraph node", [{ stepType: "addNodeMark", pos: 0, mark: { type: "em" } }]],
      ["a heading made, then given a level its validator refuses", [...toHeading, { stepType: "attr", pos: 0, attr: "level", value: 99 }]],
      ["a mark beyond the document", [{ stepType: "addMark", from: 1, to: size + 40, mark: { type: "em" } }]],
      ["a link to a script", [{ stepType: "addMark", from: 1, to: 4, mark: { type: "link", attrs: { href: "javascript:alert(1)" } } }]],
      ["an unknown step type", [{ stepType: "teleport", from: 1, to: 2 }]],
      ["an unknown node type", [{ stepType: "replace", from: 1, to: 1, slice: { content: [{ type: "script", text: "x" }] } }]],
      ["half of a character deleted", [{ stepType: "replace", from: emoji.from + 1, to: emoji.to }]],
      ["text typed between the halves of a character", [{ stepType: "replace", from: emoji.from + 1, to: emoji.from + 1, slice: { content: [{ type: "text", text: "x" }] } }]],
    ];
    const checksum = await databaseChecksum(db.prisma);
    for (const [label, steps] of refused) {
      const res = await collabApi.send(token, article.id, { version: live.version, clientId: "page-a", steps });
      const body = (await res.json()) as { error?: { code: string; message: string } };
      expect([res.status, body.error?.code], `${label}: ${JSON.stringify(body)}`).toEqual([400, "validation_failed"]);
      expect(body.error!.message.length, label).toBeGreaterThan(0);
      expect(await databaseChecksum(db.prisma), `${label} changed the database`).toEqual(checksum);
    }
    // Still accepting: the good step alone goes through.
    expect(await expectJson(await collabApi.send(token, article.id, { version: live.version, clientId: "page-a", steps: [good] }), 200)).toEqual({ version: 1, annotations: [] });
  });

  it(`accepts ${MAX_STEPS_PER_BATCH} steps at once and refuses one more (400), writing nothing`, async () => {
    const article = await newArticle();
    const doc = (await liveText(db.prisma, article.id)).doc;
    const many = (n: number) => edit(doc, (tr) => {
      for (let i = 0; i < n; i++) tr.insert(1, schema.text("x"));
    }).steps;
    const checksum = await databaseChecksum(db.prisma);
    const body = await expectError(await collabApi.send(token, article.id, { version: 0, clientId: "page-a", steps: many(MAX_STEPS_PER_BATCH + 1) }), 400, "validation_failed");
    expect(JSON.stringify(body.error.details)).toContain("steps");
    await expectError(await collabApi.send(token, article.id, { version: 0, clientId: "page-a", steps: [] }), 400, "validation_failed");
    expect(await databaseChecksum(db.prisma)).toEqual(checksum);
    expect(await expectJson(await collabApi.send(token, article.id, { version: 0, clientId: "page-a", steps: many(MAX_STEPS_PER_BATCH) }), 200)).toEqual({
      version: MAX_STEPS_PER_BATCH,
      annotations: [],
    });
    expect((await liveText(db.prisma, article.id)).text).toBe(`${"x".repeat(MAX_STEPS_PER_BATCH)}${article.text}`);
  });

  it("refuses steps for an article that does not exist or was deleted (404)", async () => {
    const article = await newArticle();
    const { steps } = edit((await liveText(db.prisma, article.id)).doc, insertAt(1, "A "));
    await expectError(await collabApi.send(token, crypto.randomUUID(), { version: 0, clientId: "page-a", steps }), 404, "not_found");
    await expectError(await collabApi.since(token, crypto.randomUUID(), 0), 404, "not_found");
    await db.prisma.article.update({ where: { id: article.id }, data: { deletedAt: new Date() } });
    await expectError(await collabApi.send(token, article.id, { version: 0, clientId: "page-a", steps }), 404, "not_found");
    await expectError(await collabApi.since(token, article.id, 0), 404, "not_found");
    expect(await stepLog(db.prisma, article.id)).toEqual([]);
  });

  it("maps every annotation with the steps: one after the insertion moves, one around it grows, one before it is untouched", async () => {
    const article = await newArticle();
    const before = await tag(article, "The mayor", "attribution");
    const around = await tag(article, "rise by four percent");
    const after = await tag(article, "reckless", "hedge");
    // A first step opens the next revision (and moves every annotation to it); this test is about the steps after.
    await sendEdit(article.id, insertAt((await liveText(db.prisma, article.id)).doc.content.size - 1, " Or Wednesday."));
    const beforeRow = await annotationRow(before.id);

    const at = locate(article.text, "by four");
    await sendEdit(article.id, insertAt(at.from, "sharply "));

    const text = (await liveText(db.prisma, article.id)).text;
    const untouched = await annotationRow(before.id);
    expect(untouched).toMatchObject({ from: before.from, to: before.to, start: before.start, end: before.end, quoteExact: "The mayor", version: before.version });
    expect(untouched.updatedAt).toEqual(beforeRow.updatedAt);
    expect(untouched.substanceById).toBeNull();

    const grown = await annotationRow(around.id);
    const now = locate(text, "rise sharply by four percent");
    expect(grown).toMatchObject({ from: now.from, to: now.to, start: now.start, end: now.end, quoteExact: "rise sharply by four percent", status: "pending" });
    // Its words changed: whoever changed them decided what it says now.
    expect(grown.substanceById).toBe(corrector.id);

    const moved = await annotationRow(after.id);
    const there = locate(text, "reckless");
    expect(moved).toMatchObject({ from: after.from + 8, to: after.to + 8, start: there.start, end: there.end, quoteExact: "reckless", status: "pending" });
    expect(there.from).toBe(after.from + 8);
    // Moved, not changed: nobody decided anything new about it.
    expect(moved.substanceById).toBeNull();
    await expectStoredSpansAgree(article.id);

    // Text typed at an edge stays outside, as in every editor.
    await sendEdit(article.id, insertAt(locate(text, "reckless").to, "ly"));
    expect(await annotationRow(after.id)).toMatchObject({ quoteExact: "reckless" });
    await sendEdit(article.id, insertAt(locate((await liveText(db.prisma, article.id)).text, "reckless").from, "very "));
    expect(await annotationRow(after.id)).toMatchObject({ quoteExact: "reckless" });
    await expectStoredSpansAgree(article.id);

    // GET /api/articles/:id shows the same positions, in its text.
    const detail = await fetchArticle(token, article.id);
    for (const a of detail.annotations) expectQuoteInvariant(detail.revision.text, a);
  });

  it("orphans an annotation whose words are all deleted: status, audit event, export without offsets", async () => {
    const article = await newArticle();
    const hedge = await tag(article, "reckless", "hedge");
    const kept = await tag(article, "unfunded");
    const gone = locate(article.text, "reckless and ");
    const live = await liveText(db.prisma, article.id);
    const { steps } = edit(live.doc, deleteRange(gone.from, gone.to));
    // The sender hears which annotations its steps orphaned, with their new versions, for its next change to them.
    expect(await expectJson(await collabApi.send(correctorToken, article.id, { version: live.version, clientId: "page-a", steps }), 200)).toEqual({
      version: live.version + steps.length,
      annotations: [{ id: hedge.id, status: "orphaned", version: hedge.version + 1 }],
    });

    const row = await annotationRow(hedge.id);
    // Offsets and quote stay as they were: together they still say what it covered.
    expect(row).toMatchObject({ status: "orphaned", quoteExact: "reckless", start: hedge.start, end: hedge.end, version: hedge.version + 1 });
    const orphanEvents = await auditEvents(db.prisma, hedge.id, "annotation.orphan");
    expect(orphanEvents).toHaveLength(1);
    expect(orphanEvents[0]!.actorId).toBe(corrector.id);
    expect(orphanEvents[0]!.after).toMatchObject({ status: "orphaned", quote: "reckless" });
    expect(await annotationRow(kept.id)).toMatchObject({ status: "pending", quoteExact: "unfunded" });
    await expectStoredSpansAgree(article.id);

    const exported = await exportArticle(db.prisma, editor, article.id, { format: "json" }, { baseUrl: "http://newsroom.test" });
    const items = (exported.document as { annotations: { id: string; start: number | null; end: number | null; status: string; quote: { exact: string } }[] }).annotations;
    expect(items.find((a) => a.id === hedge.id)).toMatchObject({ start: null, end: null, status: "orphaned", quote: { exact: "reckless" } });
    const text = (await liveText(db.prisma, article.id)).text;
    const keptItem = items.find((a) => a.id === kept.id)!;
    expect(slice(text, keptItem.start!, keptItem.end!)).toBe("unfunded");

    // Later steps leave the orphan alone: it is no longer placed in the text.
    await sendEdit(article.id, insertAt(1, "Earlier, "));
    expect(await annotationRow(hedge.id)).toMatchObject({ status: "orphaned", start: hedge.start, end: hedge.end, version: hedge.version + 1 });
  });

  it("sends an approved annotation whose words change back to review, naming who changed them", async () => {
    const article = await newArticle();
    const claim = await tag(article, "rise by four percent");
    const approved = await reviewAnnotation(db.prisma, reviewer, claim.id, { version: claim.version, decision: "approve", note: "Checked with the budget office" });
    const rejected = await tag(article, "reckless");
    const rejectedRow = await reviewAnnotation(db.prisma, reviewer, rejected.id, { version: rejected.version, decision: "reject", note: "Too strong" });
    const untouched = await tag(article, "Tuesday");
    const untouchedRow = await reviewAnnotation(db.prisma, reviewer, untouched.id, { version: untouched.version, decision: "approve" });
    expect((await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).status).toBe("reviewed");

    const four = locate(article.text, "four");
    const five = locate(article.text, "reckless");
    await sendEdit(article.id, (tr) => {
      // Later positions first, so the earlier edit's positions stay valid.
      tr.replaceWith(five.from, five.to, schema.text("rash"));
      tr.replaceWith(four.from, four.to, schema.text("five"));
    });

    const row = await annotationRow(claim.id);
    expect(row).toMatchObject({
      status: "pending",
      quoteExact: "rise by five percent",
      reviewedById: null,
      reviewedAt: null,
      reviewNote: null,
      substanceById: corrector.id,
      version: approved.version + 1,
    });
    expect(row.substanceAt).not.toBeNull();
    const events = await auditEvents(db.prisma, claim.id, "annotation.reanchor");
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(corrector.id);
    expect(events[0]!.before).toMatchObject({ quote: "rise by four percent", status: "approved", start: claim.start, end: claim.end });
    expect(events[0]!.after).toEqual({
      revisionId: row.revisionId,
      start: row.start,
      end: row.end,
      quote: "rise by five percent",
      status: "pending",
      version: row.version,
      substanceBy: { id: corrector.id, name: corrector.name },
    });
    // A rejected annotation whose words change is reviewed again too.
    expect(await annotationRow(rejected.id)).toMatchObject({ status: "pending", quoteExact: "rash", reviewedById: null, version: rejectedRow.version + 1 });
    expect(await auditEvents(db.prisma, rejected.id, "annotation.reanchor")).toHaveLength(1);
    // The approval of words nobody touched stands.
    expect(await annotationRow(untouched.id)).toMatchObject({ status: "approved", quoteExact: "Tuesday", version: untouchedRow.version, reviewedById: reviewer.id });
    expect((await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).status).toBe("in_review");
    await expectStoredSpansAgree(article.id);

    // The four-eyes rule: the corrector cannot approve the words they wrote.
    const correctorReviewer = await createTestUser(db.prisma, { role: "reviewer" });
    await sendEdit(article.id, insertAt(locate((await liveText(db.prisma, article.id)).text, "percent").from, "full "), await createTestToken(db.prisma, correctorReviewer.email));
    const changedAgain = await annotationRow(claim.id);
    expect(changedAgain.substanceById).toBe(correctorReviewer.id);
    const refused = await rejection(reviewAnnotation(db.prisma, correctorReviewer, claim.id, { version: changedAgain.version, decision: "approve" }));
    expect(refused.code).toBe("forbidden");
  });

  it("opens revision N+1 with the first step after a save, moves annotations to it, and a checkpoint saves it and compacts the log", async () => {
    const article = await newArticle();
    const claim = await tag(article, "budget");
    const orphan = await tag(article, "Tuesday");
    const first = await liveText(db.prisma, article.id);
    expect(first).toMatchObject({ number: 1, version: 0, saved: true });

    // The orphan of revision 1 stays with it; the placed claim moves to the new revision.
    const tuesday = locate(article.text, " on Tuesday");
    await sendEdit(article.id, deleteRange(tuesday.from, tuesday.to));
    const second = await liveText(db.prisma, article.id);
    expect(second).toMatchObject({ number: 2, version: 1, saved: false });
    expect(second.revisionId).not.toBe(first.revisionId);
    // The saved revision is a checkpoint and does not change.
    const old = await db.prisma.revision.findUniqueOrThrow({ where: { id: first.revisionId } });
    expect(old).toMatchObject({ number: 1, version: 0, text: article.text });
    expect(old.savedAt).not.toBeNull();
    expect(await annotationRow(claim.id)).toMatchObject({ revisionId: second.revisionId, quoteExact: "budget" });
    expect(await annotationRow(orphan.id)).toMatchObject({ status: "orphaned" });
    const opened = await db.prisma.auditEvent.findMany({ where: { action: "revision.open", entityId: second.revisionId } });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.before).toMatchObject({ id: first.revisionId, number: 1 });

    // More steps change the open revision in place.
    await sendEdit(article.id, insertAt(1, "Yesterday "));
    expect(await liveText(db.prisma, article.id)).toMatchObject({ number: 2, version: 2, saved: false, revisionId: second.revisionId });
    expect(await db.prisma.revision.count({ where: { articleId: article.id } })).toBe(2);

    // Save: the live text becomes a checkpoint; saving again writes nothing.
    const saved = await expectJson<CreateRevisionResult>(await collabApi.checkpoint(correctorToken, article.id), 201);
    expect(saved.revision).toMatchObject({ id: second.revisionId, number: 2, version: 2, saved: true });
    expect(saved.outcomes).toMatchObject({ [claim.id]: "kept", [orphan.id]: "orphaned" });
    expect((await fetchArticle(token, article.id)).revision).toMatchObject({ number: 2, version: 2, saved: true });
    const checksum = await databaseChecksum(db.prisma);
    const again = await expectJson<CreateRevisionResult>(await collabApi.checkpoint(token, article.id), 200);
    expect(again.revision).toMatchObject({ id: second.revisionId, saved: true });
    expect(await databaseChecksum(db.prisma)).toEqual(checksum);
    // Nothing is behind the first checkpoint (version 0): every step is kept.
    expect((await stepLog(db.prisma, article.id)).map((s) => s.version)).toEqual([1, 2]);

    // The next step opens revision 3; its checkpoint drops the steps behind revision 2.
    await sendEdit(article.id, insertAt(1, "On Monday, "));
    const third = await liveText(db.prisma, article.id);
    expect(third).toMatchObject({ number: 3, version: 3, saved: false });
    expect(await annotationRow(claim.id)).toMatchObject({ revisionId: third.revisionId });
    expect(await expectJson<StepsSince>(await collabApi.since(token, article.id, 0), 200)).toMatchObject({ version: 3, clientIds: ["page-a", "page-a", "page-a"] });
    await expectJson(await collabApi.checkpoint(token, article.id), 201);
    expect((await stepLog(db.prisma, article.id)).map((s) => s.version)).toEqual([3]);

    // A page still on a version behind the previous checkpoint must reload.
    const reload = await expectError(await collabApi.since(token, article.id, 0), 409, "conflict");
    expect(reload.error.details).toEqual({ reload: true, version: 3 });
    await expectError(await collabApi.since(token, article.id, 1), 409, "conflict");
    expect(await expectJson<StepsSince>(await collabApi.since(token, article.id, 2), 200)).toMatchObject({ version: 3, steps: [expect.anything()], clientIds: ["page-a"] });
    const { steps } = edit(first.doc, insertAt(1, "Late "));
    const stale = await expectError(await collabApi.send(token, article.id, { version: 0, clientId: "page-z", steps }), 409, "conflict");
    expect(stale.error.details).toEqual({ reload: true, version: 3 });
    await expectStoredSpansAgree(article.id);
  });

  it("maps a new annotation chosen in an older version through the steps since; 409 when its words were deleted meanwhile", async () => {
    const article = await newArticle();
    const budget = locate(article.text, "budget");
    const reckless = locate(article.text, "reckless");
    const unfunded = locate(article.text, "unfunded");
    // Other pages' steps land while this page is choosing words in version 0.
    await sendEdit(article.id, insertAt(1, "Yesterday "));
    const gone = locate((await liveText(db.prisma, article.id)).text, "reckless and ");
    await sendEdit(article.id, deleteRange(gone.from, gone.to));
    await sendEdit(article.id, insertAt(locate((await liveText(db.prisma, article.id)).text, "budget").from, "city "));
    const live = await liveText(db.prisma, article.id);
    expect(live.version).toBe(3);

    // revisionId may be the one the page had; the text version says where the positions were chosen.
    const { annotation } = await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, textVersion: 0, kind: "claim", from: budget.from, to: budget.to });
    expect(annotation.quote.exact).toBe("budget");
    expect(annotation.revisionId).toBe(live.revisionId);
    expect(annotation).toMatchObject(locate(live.text, "budget", 0));
    expectQuoteInvariant(live.text, annotation);

    const lost = await rejection(createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, textVersion: 0, kind: "hedge", from: reckless.from, to: reckless.to }));
    expect(lost.code).toBe("conflict");
    const ahead = await rejection(createAnnotation(db.prisma, editor, article.id, { revisionId: live.revisionId, textVersion: 4, kind: "hedge", from: 1, to: 5 }));
    expect(ahead.code).toBe("validation_failed");
    // Character offsets are not mapped: counted in an older text they would tag other words, so they are refused.
    const offsets = locate(article.text, "unfunded");
    const oldOffsets = await rejection(
      createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, textVersion: 0, kind: "hedge", start: offsets.start, end: offsets.end }),
    );
    expect(oldOffsets.code).toBe("conflict");
    expect(oldOffsets.details).toEqual({ version: 3 });
    const futureOffsets = await rejection(createAnnotation(db.prisma, editor, article.id, { revisionId: live.revisionId, textVersion: 4, kind: "hedge", start: 0, end: 4 }));
    expect(futureOffsets.code).toBe("validation_failed");
    const current = locate(live.text, "unfunded");
    const { annotation: byOffsets } = await createAnnotation(db.prisma, editor, article.id, { revisionId: live.revisionId, textVersion: 3, kind: "hedge", start: current.start, end: current.end });
    expect(byOffsets.quote.exact).toBe("unfunded");

    // Moving an annotation works the same way: the span chosen in version 1 is mapped to version 3.
    const v1 = locate(article.text, "unfunded");
    expect(v1).toEqual(unfunded);
    const moved = await updateAnnotation(db.prisma, editor, annotation.id, { version: annotation.version, from: unfunded.from + 10, to: unfunded.to + 10, textVersion: 1 });
    expect(moved.quote.exact).toBe("unfunded");
    expectQuoteInvariant(live.text, moved);

    // Once the steps are compacted away, the page must reload and select again.
    await expectJson(await collabApi.checkpoint(token, article.id), 201);
    await sendEdit(article.id, insertAt(1, "Now "));
    await expectJson(await collabApi.checkpoint(token, article.id), 201);
    const tooOld = await rejection(createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, textVersion: 0, kind: "claim", from: budget.from, to: budget.to }));
    expect(tooOld.code).toBe("conflict");
    expect(tooOld.details).toMatchObject({ reload: true });
  });

  it("runs the same checks when called directly (no route): the data layer is the authority", async () => {
    const article = await newArticle();
    const { steps } = edit((await liveText(db.prisma, article.id)).doc, insertAt(1, "A "));
    expect(await acceptSteps(db.prisma, editor, article.id, { version: 0, clientId: "direct", steps })).toEqual({ version: 1, annotations: [] });
    expect((await rejection(acceptSteps(db.prisma, editor, article.id, { version: 0, clientId: "direct", steps }))).code).toBe("conflict");
    expect((await rejection(acceptSteps(db.prisma, editor, article.id, { version: 9, clientId: "direct", steps }))).code).toBe("validation_failed");
    expect((await rejection(acceptSteps(db.prisma, editor, "not-a-uuid", { version: 0, clientId: "direct", steps }))).code).toBe("not_found");
  });

  it("keeps a text in memory only once its steps are committed, so a version another instance reached is read as stored", async () => {
    const article = await newArticle();
    await sendEdit(article.id, insertAt(1, "Now "));
    const live = await liveText(db.prisma, article.id);
    expect(live).toMatchObject({ version: 1, saved: false });

    // Steps that fail after their text was computed: the number of their live event is already taken.
    const { eventSeq } = await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    await db.prisma.articleEvent.create({ data: { articleId: article.id, seq: eventSeq + 1, action: "planted", entityId: article.id, version: 1 } });
    const ours = edit(live.doc, insertAt(1, "Alpha ")).steps;
    await expect(acceptSteps(db.prisma, editor, article.id, { version: 1, clientId: "here", steps: ours })).rejects.toThrow();
    expect(await liveText(db.prisma, article.id)).toMatchObject({ version: 1, text: live.text });
    await db.prisma.articleEvent.delete({ where: { articleId_seq: { articleId: article.id, seq: eventSeq + 1 } } });

    // Another app instance (modules and memory of its own) takes other steps to version 2.
    vi.resetModules();
    const otherInstance = await import("@/lib/server/collab/accept-steps");
    await otherInstance.acceptSteps(db.prisma, corrector, article.id, { version: 1, clientId: "there", steps: edit(live.doc, insertAt(1, "Beta ")).steps });
    const stored = await liveText(db.prisma, article.id);
    expect(stored).toMatchObject({ version: 2, text: `Beta ${live.text}` });

    // This instance tags words of version 2: it places them in the stored text, not in the one its failed steps made.
    const beta = locate(stored.text, "Beta");
    const { annotation } = await createAnnotation(db.prisma, editor, article.id, { revisionId: stored.revisionId, textVersion: 2, kind: "claim", from: beta.from, to: beta.to });
    expect(annotation.quote.exact).toBe("Beta");
    expectQuoteInvariant(stored.text, annotation);
  });

  if (db.kind === "postgresql") {
    /** How many of the test database's sessions wait for a lock (asked on a pooled connection, outside any transaction). */
    const waitingForLocks = async () =>
      (await db.pool!.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0]!.n;

    /** Holds the saved revision's row, so that writers queue for it in the order the test starts them. */
    async function holdRevision(revisionId: string): Promise<{ release(): Promise<void> }> {
      const holder = new pg.Client({ connectionString: db.connectionString });
      await holder.connect();
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "revisions" WHERE "id" = $1 FOR UPDATE`, [revisionId]);
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        await holder.query("COMMIT");
        await holder.end();
      };
      cleanups.push(release);
      return { release };
    }

    it("answers the second of two first steps after a save, sent at once, with 409 and the first's steps, never a 500", async () => {
      const article = await newArticle();
      const saved = await liveText(db.prisma, article.id);
      const held = await holdRevision(saved.revisionId);
      const mine = edit(saved.doc, insertAt(1, "First ")).steps;
      const theirs = edit(saved.doc, insertAt(1, "Second ")).steps;
      const first = acceptSteps(db.prisma, editor, article.id, { version: 0, clientId: "page-a", steps: mine });
      await expect.poll(waitingForLocks, { timeout: 10_000 }).toBe(1);
      const second = acceptSteps(db.prisma, corrector, article.id, { version: 0, clientId: "page-b", steps: theirs });
      await expect.poll(waitingForLocks, { timeout: 10_000 }).toBe(2);
      await held.release();

      expect(await first).toEqual({ version: 1, annotations: [] });
      const refused = await rejection(second);
      expect(refused.code).toBe("conflict");
      expect(refused.details).toEqual({ version: 1, steps: mine, clientIds: ["page-a"] });
      const live = await liveText(db.prisma, article.id);
      expect(live).toMatchObject({ number: 2, version: 1, saved: false, text: `First ${article.text}` });
      expect(await db.prisma.revision.count({ where: { articleId: article.id } })).toBe(2);
    });

    it("saves the revision that steps queued ahead of a Save opened, not the saved one they both waited for", async () => {
      const article = await newArticle();
      const saved = await liveText(db.prisma, article.id);
      const held = await holdRevision(saved.revisionId);
      const steps = acceptSteps(db.prisma, editor, article.id, { version: 0, clientId: "page-a", steps: edit(saved.doc, insertAt(1, "First ")).steps });
      await expect.poll(waitingForLocks, { timeout: 10_000 }).toBe(1);
      const checkpoint = collabApi.checkpoint(token, article.id);
      await expect.poll(waitingForLocks, { timeout: 10_000 }).toBe(2);
      await held.release();

      expect(await steps).toEqual({ version: 1, annotations: [] });
      const body = await expectJson<CreateRevisionResult>(await checkpoint, 201);
      const live = await liveText(db.prisma, article.id);
      expect(live).toMatchObject({ number: 2, version: 1, saved: true });
      expect(body.revision).toMatchObject({ id: live.revisionId, number: 2, version: 1, saved: true });
    });

    it("keeps an annotation where the steps took it when a note is saved on it meanwhile", async () => {
      const article = await newArticle();
      const claim = await tag(article, "reckless");
      // The live revision is open already, so the steps below only move the annotation.
      await sendEdit(article.id, insertAt((await liveText(db.prisma, article.id)).doc.content.size - 1, " Or not."));
      const live = await liveText(db.prisma, article.id);
      const moved = await annotationRow(claim.id);

      // A connection of the test's own holds the article row, where accepted steps wait to number their event:
      // by then they have moved the annotation (and lock its row) but not committed.
      const holder = new pg.Client({ connectionString: db.connectionString });
      await holder.connect();
      try {
        await holder.query("BEGIN");
        await holder.query(`SELECT 1 FROM "articles" WHERE "id" = $1 FOR NO KEY UPDATE`, [article.id]);
        const steps = acceptSteps(db.prisma, corrector, article.id, { version: live.version, clientId: "page-a", steps: edit(live.doc, insertAt(1, "Yesterday ")).steps });
        await expect.poll(waitingForLocks, { timeout: 10_000 }).toBe(1);
        // The note is saved on what was read before the steps commit.
        const note = updateAnnotation(db.prisma, editor, claim.id, { version: moved.version, note: "Strong word" });
        await expect.poll(waitingForLocks, { timeout: 10_000 }).toBe(2);
        await holder.query("COMMIT");
        expect(await steps).toEqual({ version: live.version + 1, annotations: [] });
        const saved = await note;
        const text = (await liveText(db.prisma, article.id)).text;
        const row = await annotationRow(claim.id);
        expect(row).toMatchObject({ note: "Strong word", quoteExact: "reckless", from: moved.from + 10, to: moved.to + 10, revisionId: live.revisionId });
        expectSpanAgrees(text, row);
        // What the update answers (and its live event carries) is where the annotation is now.
        expect(saved).toMatchObject({ from: row.from, to: row.to, start: row.start, end: row.end, note: "Strong word" });
      } finally {
        await holder.query("ROLLBACK").catch(() => undefined);
        await holder.end();
      }
    });
  }
});
