import "server-only";
import { uuidSchema } from "../../contracts/common";
import { compareRevisionsQuery, recordedPlacementSchema, type RevisionRef } from "../../contracts/revisions";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import type { RevisionOutcome } from "./create-revision";
import { countOutcomes, recordedOutcomes } from "./recorded-outcomes";
import { revisionSummarySelect, toRevisionSummary, type RevisionSummaryRow } from "./revision-summary";
import { wordDiff } from "./word-diff";
import type { AnnotationChange } from "../../contracts/revisions";
import type { RevisionComparison } from "../../contracts/revisions";

export type { RevisionComparison };

export type { AnnotationChange };

// An annotation that went through several revisions reports the worst that happened to it.
const SEVERITY: Record<RevisionOutcome, number> = { kept: 0, moved: 1, changed: 2, orphaned: 3 };

/** Where an annotation's words were changed or lost, as its audit events recorded it. */
interface Placement {
  revisionNumber: number;
  action: string;
  quoteBefore: string;
  quoteAfter: string | undefined;
}

async function findRevision(db: Db, articleId: string, ref: RevisionRef): Promise<RevisionSummaryRow> {
  const row = await db.revision.findFirst({
    where: "id" in ref ? { articleId, id: ref.id } : { articleId, number: ref.number },
    select: revisionSummarySelect,
  });
  if (!row) throw notFound(`Revision ${"id" in ref ? ref.id : ref.number}`);
  return row;
}

/** The re-anchoring and orphaning events of some annotations, oldest first, each with the revision it happened in. */
async function placements(db: Db, annotationIds: string[], numberOf: Map<string, number>): Promise<Map<string, Placement[]>> {
  const events = await db.auditEvent.findMany({
    where: { entityType: "annotation", entityId: { in: annotationIds }, action: { in: ["annotation.reanchor", "annotation.orphan"] } },
    orderBy: { seq: "asc" },
    select: { entityId: true, action: true, before: true, after: true },
  });
  const byAnnotation = new Map<string, Placement[]>();
  for (const event of events) {
    const parsed = recordedPlacementSchema.safeParse(event);
    if (!parsed.success) continue;
    const { before, after } = parsed.data;
    const revisionNumber = numberOf.get(after.newRevisionId ?? after.revisionId ?? "");
    if (revisionNumber === undefined) continue;
    const list = byAnnotation.get(event.entityId) ?? [];
    list.push({ revisionNumber, action: event.action, quoteBefore: before.quote, quoteAfter: after.quote });
    byAnnotation.set(event.entityId, list);
  }
  return byAnnotation;
}

/**
 * Compares two revisions of an article (by id or number, in either order): a word diff of their
 * texts, and for every annotation carried through the revisions between them the most disruptive
 * outcome (orphaned, changed, moved, kept), with its old and new words.
 */
export async function compareRevisions(db: Db, actor: Actor, articleId: string, query: unknown): Promise<RevisionComparison> {
  requireRole(actor, ANY_ROLE, "read revision history");
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  const refs = compareRevisionsQuery.parse(query);
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null }, select: { id: true, title: true } });
  if (!article) throw notFound("Article");
  const first = await findRevision(db, articleId, refs.from);
  const second = await findRevision(db, articleId, refs.to);
  if (first.id === second.id) {
    throw new AppError("validation_failed", `from and to both name revision ${first.number}; choose two different revisions`, [
      { path: "to", message: "must name a different revision than from" },
    ]);
  }
  const [older, newer] = first.number < second.number ? [first, second] : [second, first];

  const all = await db.revision.findMany({ where: { articleId }, select: { id: true, number: true }, orderBy: { number: "asc" } });
  const numberOf = new Map(all.map((r) => [r.id, r.number]));
  const range = all.filter((r) => r.number >= older.number && r.number <= newer.number);
  const outcomes = await recordedOutcomes(db, range.map((r) => r.id));

  const folded = new Map<string, RevisionOutcome>();
  for (const revision of range) {
    if (revision.number === older.number) continue;
    for (const [id, outcome] of Object.entries(outcomes.get(revision.id) ?? {})) {
      const worst = folded.get(id);
      if (worst === undefined || SEVERITY[outcome] > SEVERITY[worst]) folded.set(id, outcome);
    }
  }
  const ids = [...folded.keys()];
  const rows = await db.annotation.findMany({
    where: { articleId, id: { in: ids } },
    select: { id: true, kind: true, status: true, quoteExact: true, start: true, deletedAt: true },
  });
  const events = await placements(db, ids, numberOf);
  const lostInNewer = outcomes.get(newer.id) ?? {};

  const changes = rows.map((row) => {
    const outcome = folded.get(row.id)!;
    const history = events.get(row.id) ?? [];
    const within = history.filter((e) => e.revisionNumber > older.number && e.revisionNumber <= newer.number);
    // Words untouched within the range are those it had until the next change after it, or has now.
    const untouched = history.find((e) => e.revisionNumber > newer.number)?.quoteBefore ?? row.quoteExact;
    const last = within[within.length - 1];
    const oldQuote = within[0]?.quoteBefore ?? untouched;
    const newQuote =
      lostInNewer[row.id] === "orphaned" ? null : last?.action === "annotation.reanchor" && last.quoteAfter !== undefined ? last.quoteAfter : untouched;
    const change: AnnotationChange = {
      id: row.id,
      kind: row.kind,
      status: row.status,
      deleted: row.deletedAt !== null,
      outcome,
      quote: row.quoteExact,
      oldQuote: outcome === "changed" || outcome === "orphaned" ? oldQuote : null,
      newQuote,
    };
    return { change, start: row.start };
  });
  changes.sort((a, b) => SEVERITY[b.change.outcome] - SEVERITY[a.change.outcome] || a.start - b.start || a.change.id.localeCompare(b.change.id));
  const annotations = changes.map((c) => c.change);

  return {
    article,
    from: toRevisionSummary(older, outcomes.get(older.id)),
    to: toRevisionSummary(newer, outcomes.get(newer.id)),
    diff: wordDiff(older.text, newer.text),
    annotations,
    counts: countOutcomes(annotations.map((a) => a.outcome)),
  };
}
