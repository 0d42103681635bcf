import "server-only";
import { reviewInput } from "../../contracts/review";
import { requireRole, type Actor } from "../actor";
import { refreshArticleStatus } from "../articles/refresh-article-status";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { FOUR_EYES_REFUSALS, fourEyesConflict } from "../../review/four-eyes";
import { AppError, forbidden } from "../errors";
import { annotationInclude, toAnnotationJson, type AnnotationJson } from "./annotation-json";
import { loadAnnotation } from "./load-annotation";
import { staleVersion } from "./stale-version";

/**
 * Approves or rejects an annotation at the version the reviewer saw. Four-eyes rule: nobody
 * reviews their own annotation, nor one whose substance they changed since its last review. Of two reviewers deciding at once, exactly one wins; the other
 * gets 409 with the current state. An orphaned annotation may be rejected but not approved.
 */
export async function reviewAnnotation(db: Db, actor: Actor, id: string, input: unknown): Promise<AnnotationJson> {
  requireRole(actor, ["reviewer", "admin"], "review annotations");
  const { version, decision, note } = reviewInput.parse(input);
  return db.$transaction(async (tx) => {
    const current = await loadAnnotation(tx, id);
    const conflict = fourEyesConflict(actor.id, toAnnotationJson(current));
    if (conflict) throw forbidden(FOUR_EYES_REFUSALS[conflict]);
    // An orphan has no text in the current revision to vouch for; rejecting it is how a reviewer dismisses it.
    // A rejected orphan still sits on the revision that lost its words: the same holds for it.
    const onOlderRevision = decision === "approve" && (await tx.article.count({ where: { id: current.articleId, currentRevisionId: current.revisionId } })) === 0;
    if ((current.status === "orphaned" || onOlderRevision) && decision === "approve") {
      throw new AppError("conflict", "This annotation lost its text in a correction. Re-attach it to text before approving, or reject it.");
    }
    if (current.version !== version) throw staleVersion(current, version);
    const { count } = await tx.annotation.updateMany({
      where: { id, version },
      data: {
        status: decision === "approve" ? "approved" : "rejected",
        reviewedById: actor.id,
        reviewedAt: new Date(),
        reviewNote: note || null,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion(await tx.annotation.findFirst({ where: { id }, include: annotationInclude }), version);
    const after = toAnnotationJson(await loadAnnotation(tx, id));
    await recordAudit(tx, actor, { action: `annotation.${decision}`, entityType: "annotation", entityId: id, before: toAnnotationJson(current), after });
    await refreshArticleStatus(tx, current.articleId);
    return after;
  });
}
