import { deleteAnnotationQuery } from "../../schemas/annotation";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { refreshArticleStatus } from "../articles/refresh-article-status";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { toAnnotationJson } from "./annotation-json";
import { assertCanModify } from "./annotation-permissions";
import { loadAnnotation } from "./load-annotation";
import { staleVersion } from "./stale-version";

/** Soft-deletes an annotation at the version the caller saw (409 when it has changed since). */
export async function deleteAnnotation(db: Db, actor: Actor, id: string, query: unknown): Promise<void> {
  requireRole(actor, ANY_ROLE, "delete annotations");
  const { version } = deleteAnnotationQuery.parse(query);
  await db.$transaction(async (tx) => {
    const current = await loadAnnotation(tx, id);
    assertCanModify(actor, current, "delete");
    const { count } = await tx.annotation.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion(current, version);
    await recordAudit(tx, actor, { action: "annotation.delete", entityType: "annotation", entityId: id, before: toAnnotationJson(current) });
    await refreshArticleStatus(tx, current.articleId);
  });
}
