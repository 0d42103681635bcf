import "server-only";
import type { RevisionOutcome } from "../../contracts/revisions";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { annotationInclude, toAnnotationJson } from "../annotations/annotation-json";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { CreateRevisionResult } from "../revisions/create-revision";
import { toRevisionJson } from "../revisions/revision-json";
import { lockLiveText } from "./lock-live-text";

/**
 * Saves the live text as a checkpoint (Save, Ctrl+S): the current revision is marked saved as it
 * stands, whoever's steps it holds, and the next step opens a new one. Already saved: nothing is
 * written (`created` false). Steps behind the previous checkpoint are dropped from the log: a page
 * that far behind reloads the text instead of catching up step by step.
 */
export async function saveCheckpoint(db: Db, actor: Actor, articleId: string): Promise<CreateRevisionResult> {
  requireRole(actor, ANY_ROLE, "save article text");
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  return db.$transaction(async (tx) => {
    const live = await lockLiveText(tx, articleId, "update");
    const created = live.savedAt === null;
    if (created) {
      await tx.revision.update({ where: { id: live.id }, data: { savedAt: new Date() } });
      const previous = await tx.revision.findFirst({
        where: { articleId, id: { not: live.id }, savedAt: { not: null } },
        orderBy: { number: "desc" },
        select: { version: true },
      });
      if (previous) await tx.articleStep.deleteMany({ where: { articleId, version: { lte: previous.version } } });
    }
    const annotations = await tx.annotation.findMany({ where: { articleId, deletedAt: null }, include: annotationInclude, orderBy: { start: "asc" } });
    const outcomes = Object.fromEntries(annotations.map((a) => [a.id, (a.status === "orphaned" ? "orphaned" : "kept") as RevisionOutcome]));
    const revision = await tx.revision.findUniqueOrThrow({ where: { id: live.id } });
    if (created) {
      // The same event as any saved revision, so history lists it and says what became of each annotation.
      await recordAudit(tx, actor, {
        action: "revision.create",
        entityType: "revision",
        entityId: revision.id,
        before: null,
        after: { id: revision.id, number: revision.number, articleId, outcomes, version: revision.version },
      });
    }
    return { revision: toRevisionJson(revision), annotations: annotations.map(toAnnotationJson), orphaned: [], outcomes, created };
  });
}
