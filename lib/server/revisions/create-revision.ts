import "server-only";
import type { Node } from "prosemirror-model";
import { docText } from "../../anchoring/doc-text";
import { reanchor, type OldAnchor } from "../../anchoring/reanchor";
import { TextIndex } from "../../anchoring/text-index";
import { Prisma } from "../../db/prisma";
import { ContentError } from "../../import/content-error";
import { parseProseMirrorJson } from "../../import/prosemirror-json";
import { createRevisionInput } from "../../contracts/revisions";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { annotationInclude, toAnnotationJson, type AnnotationJson } from "../annotations/annotation-json";
import { resolveTarget, spanColumns } from "../annotations/resolve-target";
import { refreshArticleStatus } from "../articles/refresh-article-status";
import { recordAudit } from "../audit";
import type { Db, Tx } from "../db";
import { AppError, notFound } from "../errors";
import { revisionDocument, type RevisionDocument } from "./revision-document";
import { lockLiveText } from "../collab/lock-live-text";
import { toRevisionJson } from "./revision-json";
import { logReplacement } from "../collab/log-replacement";
import { saveCheckpoint } from "../collab/save-checkpoint";
import type { RevisionJson } from "../../contracts/articles";

export type { RevisionJson };

/** What became of one annotation when the text was saved. */
import type { RevisionOutcome } from "../../contracts/revisions";

export type { RevisionOutcome };

/** What createRevision answers; `created` is false when the text was unchanged and nothing was written. */
export interface CreateRevisionResult {
  revision: RevisionJson;
  annotations: AnnotationJson[];
  orphaned: AnnotationJson[];
  outcomes: Record<string, RevisionOutcome>;
  created: boolean;
}

type RevisionRow = Parameters<typeof toRevisionJson>[0];
type AnnotationRow = Prisma.AnnotationGetPayload<{ include: typeof annotationInclude }>;

const spanOf = (a: { revisionId: string; start: number; end: number; quoteExact: string; status: string }) => ({
  revisionId: a.revisionId,
  start: a.start,
  end: a.end,
  quote: a.quoteExact,
  status: a.status,
});

function conflict(latest: RevisionRow): AppError {
  return new AppError("conflict", "Someone saved a newer revision of this article; your text was not saved", {
    latest: { id: latest.id, number: latest.number, doc: latest.doc, text: latest.text },
  });
}

function parseDoc(json: unknown): Node {
  try {
    return parseProseMirrorJson(json);
  } catch (err) {
    if (err instanceof ContentError) throw new AppError("validation_failed", err.message, [{ path: "doc", message: err.message }]);
    throw err;
  }
}

/** Where the editor mapped an annotation, in ProseMirror positions of the new document. */
type Span = { from: number; to: number };

/** A placement for an annotation in the new revision, or null when it is orphaned. */
type Placement = { outcome: Exclude<RevisionOutcome, "orphaned">; columns: ReturnType<typeof spanColumns> } | null;

/**
 * Saves edited text as the article's next revision and carries every live annotation over to it:
 * spans the editor mapped are checked and used, the rest are re-found by quote and context, and
 * those that cannot be found with confidence are orphaned rather than attached to the wrong words.
 */
export async function createRevision(db: Db, actor: Actor, articleId: string, input: unknown): Promise<CreateRevisionResult> {
  requireRole(actor, ANY_ROLE, "edit article text");
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  const data = createRevisionInput.parse(input);
  // No text sent: save the live text as it stands, a checkpoint of what everyone has been editing.
  if (data.doc === undefined) return saveCheckpoint(db, actor, articleId);
  const newDoc = parseDoc(data.doc);
  const newText = docText(newDoc);
  const target: RevisionDocument = { doc: newDoc, index: new TextIndex(newDoc) };
  const mapped = new Map<string, Span | null>((data.annotations ?? []).map((m) => [m.id, m]));
  // The editor saw these lose their words: looking for their quote elsewhere could only misplace them.
  for (const id of data.orphaned ?? []) if (!mapped.has(id)) mapped.set(id, null);

  try {
    return await saveRevision(db, actor, articleId, data.baseRevisionId!, newDoc, newText, target, mapped);
  } catch (err) {
    // Another save from the same base took this revision number first: answer as any stale save.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const article = await db.article.findUnique({ where: { id: articleId }, include: { currentRevision: true } });
      if (article?.currentRevision) throw conflict(article.currentRevision);
    }
    throw err;
  }
}

async function saveRevision(
  db: Db,
  actor: Actor,
  articleId: string,
  baseRevisionId: string,
  newDoc: Node,
  newText: string,
  target: RevisionDocument,
  mapped: Map<string, Span | null>,
): Promise<CreateRevisionResult> {
  return db.$transaction(async (tx) => {
    // Locked like accepted steps: the text must not move between reading it and replacing it.
    await lockLiveText(tx, articleId, "update");
    const article = await tx.article.findFirst({ where: { id: articleId, deletedAt: null }, include: { currentRevision: true } });
    if (!article?.currentRevision) throw notFound("Article");
    const base = article.currentRevision;
    if (base.id !== baseRevisionId) throw conflict(base);

    const live = await tx.annotation.findMany({ where: { articleId, deletedAt: null }, include: annotationInclude, orderBy: { start: "asc" } });
    // Compared as nodes: stored JSON may come back with its keys reordered.
    if (base.text === newText && revisionDocument(base).doc.eq(newDoc)) {
      const outcomes = Object.fromEntries(live.map((a) => [a.id, (a.status === "orphaned" ? "orphaned" : "kept") as RevisionOutcome]));
      return { revision: toRevisionJson(base), annotations: live.map(toAnnotationJson), orphaned: [], outcomes, created: false };
    }

    const revision = await tx.revision.create({
      data: { articleId, number: base.number + 1, doc: newDoc.toJSON() as Prisma.InputJsonValue, text: newText, version: base.version + 1, createdById: actor.id },
    });
    // Open editors follow the new text through the step log, as one step replacing the whole document.
    await logReplacement(tx, articleId, actor.id, revisionDocument(base).doc, newDoc, revision.version);
    // Guarded by the base id so that two saves racing from the same base cannot both win.
    const moved = await tx.article.updateMany({ where: { id: articleId, currentRevisionId: base.id }, data: { currentRevisionId: revision.id } });
    if (moved.count === 0) throw conflict(base);

    const placements = await placeAll(tx, live, base, newText, target, mapped);
    const outcomes: Record<string, RevisionOutcome> = Object.fromEntries(live.map((a) => [a.id, placements.get(a.id)?.outcome ?? "orphaned"]));
    // The outcomes are kept with the revision so that its history can later say what became of each annotation.
    await recordAudit(tx, actor, {
      action: "revision.create",
      entityType: "revision",
      entityId: revision.id,
      before: { id: base.id, number: base.number },
      after: { id: revision.id, number: revision.number, articleId, outcomes },
    });

    const orphanedIds: string[] = [];
    for (const annotation of live) {
      const placement = placements.get(annotation.id) ?? null;
      if (placement === null) {
        // Already orphaned and still not found: nothing about it changed. Nor for an orphan a reviewer
        // rejected (it still points at an older revision): a dismissed orphan stays dismissed.
        if (annotation.status === "orphaned" || (annotation.status === "rejected" && annotation.revisionId !== base.id)) continue;
        orphanedIds.push(annotation.id);
        // Offsets, quote and revisionId stay as they were: together they still describe the old text.
        await tx.annotation.update({ where: { id: annotation.id }, data: { status: "orphaned", version: { increment: 1 } } });
        await recordAudit(tx, actor, {
          action: "annotation.orphan",
          entityType: "annotation",
          entityId: annotation.id,
          before: spanOf(annotation),
          after: { ...spanOf(annotation), status: "orphaned", revisionId: annotation.revisionId, newRevisionId: revision.id },
        });
        continue;
      }
      const update: Prisma.AnnotationUncheckedUpdateInput = { revisionId: revision.id, ...placement.columns, version: { increment: 1 } };
      // Changed words need a fresh review; a found-again orphan needs a first one.
      const backToReview =
        annotation.status === "orphaned" ||
        (placement.outcome === "changed" && (annotation.status === "approved" || annotation.status === "rejected"));
      if (backToReview) Object.assign(update, { status: "pending", reviewedById: null, reviewedAt: null, reviewNote: null });
      // Whoever corrected the words an annotation covers decided what it now says: the four-eyes rule applies to them.
      if (placement.outcome === "changed") Object.assign(update, { substanceById: actor.id, substanceAt: revision.createdAt });
      await tx.annotation.update({ where: { id: annotation.id }, data: update });
      if (placement.outcome === "changed" || annotation.status === "orphaned") {
        await recordAudit(tx, actor, {
          action: "annotation.reanchor",
          entityType: "annotation",
          entityId: annotation.id,
          before: spanOf(annotation),
          after: {
            revisionId: revision.id,
            start: placement.columns.start,
            end: placement.columns.end,
            quote: placement.columns.quoteExact,
            status: backToReview ? "pending" : annotation.status,
            ...(placement.outcome === "changed" ? { substanceBy: { id: actor.id, name: actor.name } } : {}),
          },
        });
      }
    }
    await refreshArticleStatus(tx, articleId);

    const after = await tx.annotation.findMany({ where: { articleId, deletedAt: null }, include: annotationInclude, orderBy: { start: "asc" } });
    const json = after.map(toAnnotationJson);
    return {
      revision: toRevisionJson(revision),
      annotations: json,
      orphaned: json.filter((a) => orphanedIds.includes(a.id)),
      outcomes,
      created: true,
    };
  });
}

/** Decides where each annotation goes in the new text: the editor's mapped span when it holds, else re-anchoring. */
async function placeAll(
  tx: Tx,
  live: AnnotationRow[],
  base: RevisionRow,
  newText: string,
  target: RevisionDocument,
  mapped: Map<string, Span | null>,
): Promise<Map<string, Placement>> {
  const placements = new Map<string, Placement>();
  const unplaced: AnnotationRow[] = [];
  for (const annotation of live) {
    const span = mapped.get(annotation.id);
    if (span === null) {
      placements.set(annotation.id, null);
      continue;
    }
    if (!span) {
      unplaced.push(annotation);
      continue;
    }
    try {
      const columns = spanColumns(resolveTarget(target, span));
      const outcome =
        columns.quoteExact !== annotation.quoteExact
          ? "changed"
          : annotation.revisionId === base.id && columns.start === annotation.start && columns.end === annotation.end
            ? "kept"
            : "moved";
      placements.set(annotation.id, { outcome, columns });
    } catch (err) {
      // A mapped span that is empty or out of bounds is only a hint: fall back to re-anchoring.
      if (!(err instanceof AppError)) throw err;
      unplaced.push(annotation);
    }
  }

  // Orphans still hold offsets into the revision they were orphaned from, so each group is re-found from its own text.
  const byRevision = new Map<string, AnnotationRow[]>();
  for (const annotation of unplaced) byRevision.set(annotation.revisionId, [...(byRevision.get(annotation.revisionId) ?? []), annotation]);
  for (const [revisionId, group] of byRevision) {
    const oldText =
      revisionId === base.id ? base.text : (await tx.revision.findUniqueOrThrow({ where: { id: revisionId }, select: { text: true } })).text;
    const anchors: OldAnchor[] = group.map((a) => ({
      id: a.id,
      start: a.start,
      end: a.end,
      quote: { exact: a.quoteExact, prefix: a.quotePrefix, suffix: a.quoteSuffix },
    }));
    for (const result of reanchor(oldText, newText, anchors)) {
      if (result.outcome === "orphaned") {
        placements.set(result.id, null);
        continue;
      }
      const from = target.index.posAt(result.start, "start");
      const to = target.index.posAt(result.end, "end");
      const columns = {
        from,
        to,
        start: result.start,
        end: result.end,
        quoteExact: result.quote.exact,
        quotePrefix: result.quote.prefix,
        quoteSuffix: result.quote.suffix,
      };
      // Against an older revision "kept" would be misleading: the offsets are new to this text.
      const outcome = revisionId !== base.id && result.outcome === "kept" ? "moved" : result.outcome;
      placements.set(result.id, { outcome, columns });
    }
  }
  return placements;
}
