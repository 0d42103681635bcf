import "server-only";
import { deleteLinkQuery } from "../../contracts/annotations";
import { linkTypeOf, LINK_SOURCE_KIND } from "../../contracts/vocabulary";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { assertCanModify } from "./annotation-permissions";
import { loadAnnotation } from "./load-annotation";

const ARTICLE = { attribution: "an attribution", hedge: "a hedge", claim: "a claim" } as const;

/**
 * Removes the link from an annotation to a claim. The type follows from the source's kind (an
 * attribution's links attribute, a hedge's qualify); `?type=` may name it, and must then agree.
 * Authorized like creating a link, audited as `annotation.unlink` in the same transaction; a link
 * that does not exist (or whose claim is deleted, so it is not listed) is a 404 and writes nothing.
 */
export async function deleteLink(db: Db, actor: Actor, fromId: string, targetId: string, query: unknown): Promise<void> {
  requireRole(actor, ANY_ROLE, "unlink annotations");
  const { type: asked } = deleteLinkQuery.parse(query);
  await db.$transaction(async (tx) => {
    const from = await loadAnnotation(tx, fromId);
    assertCanModify(actor, from, "link");
    const type = linkTypeOf(from.kind);
    if (asked !== undefined && asked !== type) {
      throw new AppError("validation_failed", `Only ${ARTICLE[LINK_SOURCE_KIND[asked]]} can have a "${asked}" link; this is ${ARTICLE[from.kind]}`);
    }
    const missing = new AppError(
      "not_found",
      type === null
        ? "A claim has no links of its own to remove: links start at an attribution or a hedge"
        : `This ${from.kind} has no "${type}" link to that annotation (it was never linked, was unlinked already, or the claim is deleted)`,
    );
    if (type === null || !uuidSchema.safeParse(targetId).success) throw missing;
    // Deleting by the live target in one statement settles a race: of two identical requests, one
    // deletes the row and is audited, the other finds nothing and answers 404.
    const { count } = await tx.annotationLink.deleteMany({ where: { fromId, toId: targetId, type, to: { deletedAt: null } } });
    if (count === 0) throw missing;
    await recordAudit(tx, actor, { action: "annotation.unlink", entityType: "annotation", entityId: fromId, before: { type, targetId } });
  });
}
