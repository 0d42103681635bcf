import type { AnnotationKind, Prisma } from "../../db/prisma";
import { attributesByKind, parseAttributes, updateAnnotationInput } from "../../schemas/annotation";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { refreshArticleStatus } from "../articles/refresh-article-status";
import { recordAudit } from "../audit";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { revisionDocument } from "../revisions/revision-document";
import { annotationInclude, toAnnotationJson, type AnnotationJson } from "./annotation-json";
import { assertCanModify } from "./annotation-permissions";
import { loadAnnotation } from "./load-annotation";
import { resolveTarget, spanColumns } from "./resolve-target";
import { staleVersion } from "./stale-version";

/**
 * Changes an annotation at the version the caller saw (409 with the current state otherwise).
 * Changing the kind, span or attributes of a reviewed annotation sends it back to review; a note
 * alone does not. With `revisionId` (the article's current revision) and a span, an annotation left
 * on an older revision, typically an orphan, is re-attached to text of the current one.
 */
export async function updateAnnotation(db: Db, actor: Actor, id: string, input: unknown): Promise<AnnotationJson> {
  requireRole(actor, ANY_ROLE, "edit annotations");
  const patch = updateAnnotationInput.parse(input);
  return db.$transaction(async (tx) => {
    const current = await loadAnnotation(tx, id);
    assertCanModify(actor, current, "edit");
    if (current.version !== patch.version) throw staleVersion(current, patch.version);

    const kind = patch.kind ?? current.kind;
    const data: Prisma.AnnotationUncheckedUpdateInput = { version: { increment: 1 } };
    let substantive = false;
    if (patch.kind && patch.kind !== current.kind) {
      data.kind = patch.kind;
      substantive = true;
    }
    if (patch.attributes !== undefined) {
      data.attributes = parseAttributes(kind, patch.attributes) as Prisma.InputJsonValue;
      substantive ||= JSON.stringify(data.attributes) !== JSON.stringify(current.attributes);
    } else if (data.kind) {
      // Attributes of the old kind rarely fit the new one (a source name on a claim): keep only what does.
      const kept = attributesByKind[kind].safeParse(current.attributes);
      data.attributes = (kept.success ? kept.data : {}) as Prisma.InputJsonValue;
    }
    const otherFields = substantive || (patch.note !== undefined && patch.note !== current.note);
    if (patch.note !== undefined) data.note = patch.note;
    let reattached = false;
    const spanSent = patch.from !== undefined && patch.to !== undefined;
    if (spanSent && (patch.revisionId !== undefined || patch.from !== current.from || patch.to !== current.to)) {
      const revision = await currentRevision(tx, current.articleId);
      if (patch.revisionId !== undefined && patch.revisionId !== revision.id) {
        throw new AppError("conflict", "The text was selected in an older revision of this article; reload it and select the text again", {
          currentRevisionId: revision.id,
          currentRevisionNumber: revision.number,
        });
      }
      // Without revisionId, positions are read in the annotation's own revision; an older one cannot take them.
      if (patch.revisionId === undefined && revision.id !== current.revisionId) {
        throw new AppError("conflict", "The article has a newer revision; reload it first (send revisionId to re-attach the annotation to it)");
      }
      const span = resolveTarget(revisionDocument(revision), { from: patch.from!, to: patch.to! });
      reattached = revision.id !== current.revisionId || current.status === "orphaned";
      // Compared after trimming: the same words sent with surrounding spaces are not a move.
      if (reattached || span.from !== current.from || span.to !== current.to) {
        Object.assign(data, spanColumns(span), { revisionId: revision.id });
        substantive = true;
      }
    }
    // An orphan that has text again needs a first review of those words, as does any reviewed annotation that changed.
    if ((substantive && (current.status === "approved" || current.status === "rejected")) || (reattached && current.status === "orphaned")) {
      Object.assign(data, { status: "pending", reviewedById: null, reviewedAt: null, reviewNote: null });
    }
    const { count } = await tx.annotation.updateMany({ where: { id, version: patch.version }, data: data as Prisma.AnnotationUncheckedUpdateManyInput });
    if (count === 0) throw staleVersion(await tx.annotation.findFirst({ where: { id, deletedAt: null }, include: annotationInclude }), patch.version);
    if (data.kind) await dropLinksThatNoLongerFit(tx, id, data.kind as AnnotationKind);
    const after = toAnnotationJson(await loadAnnotation(tx, id));
    if (reattached) {
      await recordAudit(tx, actor, { action: "annotation.reattach", entityType: "annotation", entityId: id, before: spanOf(current), after: spanOf(after) });
    }
    // A re-attach alone is fully described by its own event; anything else in the same request gets the usual one.
    if (!reattached || otherFields) {
      await recordAudit(tx, actor, { action: "annotation.update", entityType: "annotation", entityId: id, before: toAnnotationJson(current), after });
    }
    await refreshArticleStatus(tx, current.articleId);
    return after;
  });
}

/** The part of an annotation a re-attach changes, in the shape the revision events use. */
function spanOf(a: { revisionId: string; start: number; end: number; status: string } & ({ quoteExact: string } | { quote: { exact: string } })) {
  return { revisionId: a.revisionId, start: a.start, end: a.end, quote: "quoteExact" in a ? a.quoteExact : a.quote.exact, status: a.status };
}

/** The article's current revision, the only one new positions may be read in. */
async function currentRevision(tx: Tx, articleId: string) {
  const article = await tx.article.findUniqueOrThrow({ where: { id: articleId }, include: { currentRevision: true } });
  return article.currentRevision!;
}

/**
 * Links follow the kinds: an attribution attributes claims, a hedge qualifies claims. After a kind
 * change, links that no longer fit those rules are removed rather than left pointing nowhere sensible.
 */
async function dropLinksThatNoLongerFit(tx: Tx, id: string, kind: AnnotationKind): Promise<void> {
  const keepOutgoing = kind === "attribution" ? "attributes" : kind === "hedge" ? "qualifies" : null;
  await tx.annotationLink.deleteMany({ where: { fromId: id, ...(keepOutgoing ? { type: { not: keepOutgoing } } : {}) } });
  if (kind !== "claim") await tx.annotationLink.deleteMany({ where: { toId: id } });
}
