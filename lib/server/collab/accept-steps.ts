import "server-only";
import { Node } from "prosemirror-model";
import { Mapping, Step } from "prosemirror-transform";
import { TextIndex } from "../../anchoring/text-index";
import { sendStepsInput, type SendStepsInput, type StepsAccepted } from "../../contracts/collab";
import { uuidSchema } from "../../contracts/common";
import { schema } from "../../editor/schema";
import { Prisma } from "../../db/prisma";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { recordAudits, type AuditEntry } from "../audit";
import type { Db, Tx } from "../db";
import { AppError, notFound } from "../errors";
import { refreshArticleStatus } from "../articles/refresh-article-status";
import { rememberRevisionDocument, revisionDocument } from "../revisions/revision-document";
import { mapStoredAnnotations, type MappedSpan } from "./map-stored-annotations";
import { lockLiveText, type LiveText } from "./lock-live-text";
import { readStepsSince } from "./steps-since";

/** The position fields of prosemirror-transform's steps, and the order their values must keep. */
const POSITION_FIELDS = ["pos", "from", "gapFrom", "gapTo", "to", "insert"] as const;
const ORDERED_POSITIONS = [
  ["from", "to"],
  ["from", "gapFrom"],
  ["gapFrom", "gapTo"],
  ["gapTo", "to"],
] as const;

/** What is wrong with a step's positions (not whole numbers, or out of order), or null. */
function positionProblem(json: Record<string, unknown>): string | null {
  for (const field of POSITION_FIELDS) {
    const value = json[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) return `${field} must be a whole number, not negative`;
  }
  for (const [a, b] of ORDERED_POSITIONS) {
    const x = json[a];
    const y = json[b];
    if (typeof x === "number" && typeof y === "number" && x > y) return `${a} must not be after ${b}`;
  }
  return null;
}

/** A character split in two: a step cut between the halves of a UTF-16 surrogate pair. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Turns JSON steps into steps and applies them, or says which one does not apply (400). A step
 * must apply cleanly and leave a document the schema allows: prosemirror-transform checks some of
 * that (a failed StepResult), throws for other cases (a position outside the document, an attribute
 * its validator refuses) and lets some through (an empty list, a mark on a paragraph), which a
 * final check of the whole document catches, so nothing a page sends can store a document that
 * cannot be read back.
 */
function applySteps(doc: Node, json: SendStepsInput["steps"]): { doc: Node; steps: Step[]; mapping: Mapping } {
  const steps: Step[] = [];
  const mapping = new Mapping();
  const refuse = (i: number, reason: string) =>
    new AppError("validation_failed", `Step ${i + 1} does not apply to the text at this version: ${reason}`, [{ path: `steps.${i}`, message: "does not apply" }]);
  let current = doc;
  json.forEach((stepJson, i) => {
    let step: Step;
    try {
      step = Step.fromJSON(schema, stepJson);
    } catch (err) {
      throw new AppError("validation_failed", `Step ${i + 1} is not a valid step: ${(err as Error).message}`, [{ path: `steps.${i}`, message: "not a valid step" }]);
    }
    const problem = positionProblem(stepJson);
    if (problem) throw refuse(i, problem);
    let result;
    try {
      result = step.apply(current);
    } catch (err) {
      throw refuse(i, (err as Error).message);
    }
    if (result.failed !== null || !result.doc) throw refuse(i, result.failed ?? "no document");
    current = result.doc;
    steps.push(step);
    mapping.appendMap(step.getMap());
  });
  try {
    current.check();
  } catch (err) {
    throw new AppError("validation_failed", `The steps leave a document the article schema does not allow: ${(err as Error).message}`, [
      { path: "steps", message: "leave an invalid document" },
    ]);
  }
  return { doc: current, steps, mapping };
}

/**
 * Accepts a page's steps on top of the version it has (prosemirror-collab's authority). In one
 * transaction: the steps join the log, the live text takes them, and every annotation of the article
 * is mapped through them, so positions in the database are always those of the latest version.
 * Steps on an older version get 409 with the steps since, to rebase on and send again.
 *
 * Words changing under a reviewed annotation send it back to review as the step lands, not at the
 * next checkpoint: every open editor and the review queue then show the truth at once, and an
 * export made before anyone saves never calls approved what nobody approved.
 */
export async function acceptSteps(db: Db, actor: Actor, articleId: string, input: unknown): Promise<StepsAccepted> {
  requireRole(actor, ANY_ROLE, "correct the text");
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  const data = sendStepsInput.parse(input);
  const accepted = await db.$transaction(async (tx) => {
    const saved = await lockLiveText(tx, articleId, "update");
    if (data.version > saved.version) {
      throw new AppError("validation_failed", `Version ${data.version} is ahead of the text's version ${saved.version}`, [{ path: "version", message: "from the future" }]);
    }
    if (data.version < saved.version) {
      const since = await readStepsSince(tx, articleId, data.version, saved.version);
      throw new AppError("conflict", "The text has changed since this version: rebase on the steps since and send again", since ?? { reload: true, version: saved.version });
    }
    const before = revisionDocument(saved);
    const applied = applySteps(before.doc, data.steps);
    const version = saved.version + applied.steps.length;
    const index = new TextIndex(applied.doc);
    if (LONE_SURROGATE.test(index.text)) {
      throw new AppError("validation_failed", "The steps split a character in two (a UTF-16 surrogate pair)", [{ path: "steps", message: "split a character" }]);
    }
    const at = new Date();
    // Rows are locked in one order by every writer (revision, annotations, then the article, which
    // audit events and live events lock), so steps and tags on one article never deadlock.
    const audits: AuditEntry[] = [];
    let live = saved;
    // A saved revision is a checkpoint and never changes: the first steps after it open the next one.
    if (saved.savedAt !== null) {
      live = await openLiveRevision(tx, actor, saved, before.index.text);
      audits.push({ action: "revision.open", entityType: "revision", entityId: live.id, before: { id: saved.id, number: saved.number }, after: { id: live.id, number: live.number, articleId } });
    }

    await tx.$executeRaw`
      INSERT INTO "article_steps" ("articleId", "version", "step", "clientId", "userId", "at")
      SELECT ${articleId}::uuid, ${saved.version} + ord, step, ${data.clientId}, ${actor.id}::uuid, ${at}
        FROM unnest(${applied.steps.map((s) => JSON.stringify(s.toJSON()))}::jsonb[]) WITH ORDINALITY AS s(step, ord)`;
    await tx.$executeRaw`
      UPDATE "revisions" SET "doc" = ${JSON.stringify(applied.doc.toJSON())}::jsonb, "text" = ${index.text}, "version" = ${version}
       WHERE "id" = ${live.id}::uuid`;

    const stored = await tx.annotation.findMany({
      where: { articleId, revisionId: live.id, deletedAt: null, status: { not: "orphaned" } },
      select: { id: true, from: true, to: true, quoteExact: true, quotePrefix: true, quoteSuffix: true, status: true, start: true, end: true, revisionId: true, version: true },
    });
    const mapped = mapStoredAnnotations(stored, applied.mapping, index);
    const changed = await writeMappedSpans(tx, actor, mapped, new Map(stored.map((s) => [s.id, s])), live.id, at, audits);

    if (live !== saved) await tx.article.update({ where: { id: articleId }, data: { currentRevisionId: live.id } });
    if (audits.length > 0) await recordAudits(tx, actor, audits, at);
    if (changed.length > 0) await refreshArticleStatus(tx, articleId);
    // The text's own event, numbered with the rest of the article's events.
    await tx.$queryRaw`SELECT "newsmark_article_event"(${articleId}::uuid, 'text.steps', ${live.id}, NULL)::int AS seq`;
    return { version, revisionId: live.id, doc: applied.doc, index, annotations: changed };
  });
  // Kept only once committed: a text whose transaction rolled back must not be served from memory
  // for that version, which other steps (perhaps through another app instance) may reach differently.
  rememberRevisionDocument({ id: accepted.revisionId, articleId, version: accepted.version }, accepted.doc, accepted.index);
  return { version: accepted.version, annotations: accepted.annotations };
}

/**
 * Opens the next revision, unsaved, as a copy of the saved one, and moves the article's placed
 * annotations onto it (the caller points the article at it); orphans stay with the revision they
 * were last placed in.
 */
async function openLiveRevision(tx: Tx, actor: Actor, saved: LiveText, text: string): Promise<LiveText> {
  const revision = await tx.revision.create({
    data: {
      articleId: saved.articleId,
      number: saved.number + 1,
      doc: saved.doc as Prisma.InputJsonValue,
      text,
      version: saved.version,
      savedAt: null,
      createdById: actor.id,
    },
  });
  await tx.annotation.updateMany({
    where: { articleId: saved.articleId, revisionId: saved.id, deletedAt: null, status: { not: "orphaned" } },
    data: { revisionId: revision.id },
  });
  return { id: revision.id, articleId: saved.articleId, number: revision.number, version: revision.version, doc: saved.doc, savedAt: null };
}

type StoredRow = { id: string; status: string; start: number; end: number; quoteExact: string; revisionId: string; version: number };

/**
 * Stores where the steps took each annotation; lost ones become orphans, changed words go back to
 * review. Their audit entries join `audits`; returns the annotations whose status (and so version) changed.
 */
async function writeMappedSpans(
  tx: Tx,
  actor: Actor,
  mapped: MappedSpan[],
  stored: Map<string, StoredRow>,
  revisionId: string,
  at: Date,
  audits: AuditEntry[],
): Promise<StepsAccepted["annotations"]> {
  const placed = mapped.filter((m): m is Extract<MappedSpan, { lost: false }> => !m.lost);
  if (placed.length > 0) {
    await tx.$executeRaw`
      UPDATE "annotations" a SET "from" = u.f, "to" = u.t, "start" = u.s, "end" = u.e,
             "quoteExact" = u.qe, "quotePrefix" = u.qp, "quoteSuffix" = u.qs
        FROM unnest(${placed.map((p) => p.id)}::uuid[], ${placed.map((p) => p.from)}::int[], ${placed.map((p) => p.to)}::int[],
                    ${placed.map((p) => p.start)}::int[], ${placed.map((p) => p.end)}::int[], ${placed.map((p) => p.quote.exact)}::text[],
                    ${placed.map((p) => p.quote.prefix)}::text[], ${placed.map((p) => p.quote.suffix)}::text[]) AS u(id, f, t, s, e, qe, qp, qs)
       WHERE a."id" = u.id`;
  }
  const changed: StepsAccepted["annotations"] = [];
  for (const m of mapped) {
    const row = stored.get(m.id)!;
    const spanBefore = { revisionId, start: row.start, end: row.end, quote: row.quoteExact, status: row.status };
    if (m.lost) {
      // Offsets and quote stay as they were: together they still say what the annotation covered.
      await tx.annotation.update({ where: { id: m.id }, data: { status: "orphaned", version: { increment: 1 } } });
      audits.push({
        action: "annotation.orphan",
        entityType: "annotation",
        entityId: m.id,
        before: spanBefore,
        after: { ...spanBefore, status: "orphaned", version: row.version + 1 },
      });
      changed.push({ id: m.id, status: "orphaned", version: row.version + 1 });
      continue;
    }
    if (!m.wordsChanged) continue;
    const backToReview = row.status === "approved" || row.status === "rejected";
    // Whoever changed the words decided what the annotation now says: the four-eyes rule applies to them.
    await tx.annotation.update({
      where: { id: m.id },
      data: {
        substanceById: actor.id,
        substanceAt: at,
        ...(backToReview ? { status: "pending", reviewedById: null, reviewedAt: null, reviewNote: null, version: { increment: 1 } } : {}),
      },
    });
    if (backToReview) {
      changed.push({ id: m.id, status: "pending", version: row.version + 1 });
      audits.push({
        action: "annotation.reanchor",
        entityType: "annotation",
        entityId: m.id,
        before: spanBefore,
        after: { revisionId, start: m.start, end: m.end, quote: m.quote.exact, status: "pending", version: row.version + 1, substanceBy: { id: actor.id, name: actor.name } },
      });
    }
  }
  return changed;
}
