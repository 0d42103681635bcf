import "server-only";
import { Prisma } from "../../db/prisma";
import { createLinkInput } from "../../contracts/annotations";
import { LINK_SOURCE_KIND, LINK_TARGET_KIND } from "../../contracts/vocabulary";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { toAnnotationJson, type AnnotationJson } from "./annotation-json";
import { assertCanModify } from "./annotation-permissions";
import { loadAnnotation } from "./load-annotation";

/** Links an attribution to a claim it attributes, or a hedge to the claim it qualifies; repeating it is harmless. */
export async function createLink(db: Db, actor: Actor, fromId: string, input: unknown): Promise<AnnotationJson> {
  requireRole(actor, ANY_ROLE, "link annotations");
  const { type, targetId } = createLinkInput.parse(input);
  const write = db.$transaction(async (tx) => {
    const from = await loadAnnotation(tx, fromId);
    assertCanModify(actor, from, "link");
    if (from.kind !== LINK_SOURCE_KIND[type]) {
      throw new AppError("validation_failed", `Only an ${LINK_SOURCE_KIND[type]} can have a "${type}" link; this is a ${from.kind}`);
    }
    const target = await loadAnnotation(tx, targetId);
    if (target.kind !== LINK_TARGET_KIND) throw new AppError("validation_failed", `A "${type}" link must point at a claim, not a ${target.kind}`);
    if (target.articleId !== from.articleId) throw new AppError("validation_failed", "Both annotations must belong to the same article");
    const existing = await tx.annotationLink.findUnique({ where: { fromId_toId_type: { fromId, toId: targetId, type } } });
    if (existing) return toAnnotationJson(from); // The same link again: a retried request must not fail.
    await tx.annotationLink.create({ data: { fromId, toId: targetId, type, createdById: actor.id } });
    await recordAudit(tx, actor, { action: "annotation.link", entityType: "annotation", entityId: fromId, after: { type, targetId } });
    return toAnnotationJson(await loadAnnotation(tx, fromId));
  });
  try {
    return await write;
  } catch (err) {
    // Two identical requests raced past the check: the other one made the link.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return toAnnotationJson(await loadAnnotation(db, fromId));
    throw err;
  }
}
