import { Prisma } from "../../db/prisma";
import { createAnnotationInput, parseAttributes } from "../../schemas/annotation";
import { uuidSchema } from "../../schemas/article";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { refreshArticleStatus } from "../articles/refresh-article-status";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { revisionDocument } from "../revisions/revision-document";
import { annotationInclude, toAnnotationJson, type AnnotationJson } from "./annotation-json";
import { resolveTarget, spanColumns, type Target } from "./resolve-target";

/** What createAnnotation did: `created` is false when a repeated request found its own earlier result. */
export interface CreateResult {
  annotation: AnnotationJson;
  created: boolean;
}

/**
 * Tags a span of an article's current revision. A client-chosen id makes the request idempotent:
 * repeating it returns the same annotation, and repeating it after a delete restores the annotation
 * (that is how undo of a delete reaches the server).
 */
export async function createAnnotation(db: Db, actor: Actor, articleId: string, input: unknown): Promise<CreateResult> {
  requireRole(actor, ANY_ROLE, "tag text");
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  const data = createAnnotationInput.parse(input);
  const attributes = parseAttributes(data.kind, data.attributes) as Prisma.InputJsonValue;
  const target: Target =
    data.quote !== undefined
      ? { quote: data.quote }
      : data.start !== undefined
        ? { start: data.start, end: data.end! }
        : { from: data.from!, to: data.to! };

  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null }, include: { currentRevision: true } });
  if (!article?.currentRevision) throw notFound("Article");
  const revision = article.currentRevision;
  if (data.revisionId !== revision.id) {
    throw new AppError("conflict", "The article has a newer revision; reload it and tag again", { currentRevisionId: revision.id });
  }
  const span = resolveTarget(revisionDocument(revision), target);
  const fields = {
    kind: data.kind,
    ...spanColumns(span),
    note: data.note ?? "",
    attributes,
  };

  try {
    const annotation = await db.$transaction(async (tx) => {
      const row = await tx.annotation.create({
        data: { id: data.id, articleId, revisionId: revision.id, createdById: actor.id, ...fields },
      });
      // A new annotation has no reviewer and no links yet, and its author is the actor: no need to read them back.
      const json = toAnnotationJson({ ...row, createdBy: { id: actor.id, name: actor.name }, reviewedBy: null, linksFrom: [] });
      await recordAudit(tx, actor, { action: "annotation.create", entityType: "annotation", entityId: row.id, after: json });
      await refreshArticleStatus(tx, articleId);
      return json;
    });
    return { annotation, created: true };
  } catch (err) {
    // The id is taken: a repeat of an earlier create (or of one still in flight), or a restore after
    // a delete. Looking only after the insert failed saves a query on every first create.
    if (!(data.id && err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
    const existing = await db.annotation.findUnique({ where: { id: data.id }, include: annotationInclude });
    if (!existing) throw err;
    if (existing.articleId !== articleId || existing.createdById !== actor.id) {
      throw new AppError("conflict", "This annotation id is already in use");
    }
    if (!existing.deletedAt) return { annotation: toAnnotationJson(existing), created: false };
    return { annotation: await restore(db, actor, existing.id, revision.id, fields), created: true };
  }
}

async function restore(
  db: Db,
  actor: Actor,
  id: string,
  revisionId: string,
  fields: Omit<Prisma.AnnotationUncheckedUpdateInput, "id">,
): Promise<AnnotationJson> {
  return db.$transaction(async (tx) => {
    const row = await tx.annotation.update({
      where: { id },
      data: { ...fields, revisionId, deletedAt: null, status: "pending", reviewedById: null, reviewedAt: null, reviewNote: null, version: { increment: 1 } },
      include: annotationInclude,
    });
    const json = toAnnotationJson(row);
    await recordAudit(tx, actor, { action: "annotation.restore", entityType: "annotation", entityId: id, after: json });
    await refreshArticleStatus(tx, row.articleId);
    return json;
  });
}
