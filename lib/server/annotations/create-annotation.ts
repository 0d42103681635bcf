import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "../../db/prisma";
import { createAnnotationInput, parseAttributes } from "../../contracts/annotations";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { refreshArticleStatus } from "../articles/refresh-article-status";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { loadRevisionDocument } from "../revisions/revision-document";
import { annotationInclude, toAnnotationJson, type AnnotationJson } from "./annotation-json";
import { writeAnnotationChange, type AnnotationChange } from "./write-annotation-change";
import { resolveTarget, spanColumns, type Target } from "./resolve-target";
import { mapToLiveText } from "../collab/map-to-live-text";

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
export async function createAnnotation(db: Db, actor: Actor, articleId: string, input: unknown, attempt = 1): Promise<CreateResult> {
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

  // The document comes from the cache of parsed revisions; only the article's pointer is read here.
  const live = await currentText(db, articleId);
  if (data.textVersion === undefined && data.revisionId !== live.revisionId) {
    throw new AppError("conflict", "The article has a newer revision; reload it and tag again", { currentRevisionId: live.revisionId });
  }
  const revisionId = live.revisionId;
  const revision = await loadRevisionDocument(db, articleId, revisionId, live.version);
  if (!revision) throw notFound("Article");
  // Positions chosen in an older version of the live text are mapped through the steps since.
  if ("from" in target && data.textVersion !== undefined) Object.assign(target, await mapToLiveText(db, articleId, target, data.textVersion, live.version));
  // Character offsets cannot be mapped (steps move positions, and the old text is not kept): they
  // must count in the text as it is, or they would tag other words than the ones chosen.
  if ("start" in target && data.textVersion !== undefined && data.textVersion !== live.version) {
    if (data.textVersion > live.version) {
      throw new AppError("validation_failed", `textVersion ${data.textVersion} is ahead of the text's version ${live.version}`, [{ path: "textVersion", message: "from the future" }]);
    }
    throw new AppError(
      "conflict",
      `start and end count characters of the text at version ${data.textVersion}, which is at version ${live.version} now: send from and to (they are mapped to the current text), or offsets in the current text`,
      { version: live.version },
    );
  }
  const span = resolveTarget(revision, target);
  const fields = {
    kind: data.kind,
    ...spanColumns(span),
    note: data.note ?? "",
    attributes,
  };

  // A new annotation has no reviewer and no links yet, and its author is the actor: its answer (and
  // audit record) is known before it is written.
  const now = new Date();
  const annotation = toAnnotationJson({
    ...fields,
    attributes: attributes as Prisma.JsonValue,
    id: data.id ?? randomUUID(),
    articleId,
    revisionId,
    status: "pending",
    version: 1,
    createdById: actor.id,
    createdBy: { id: actor.id, name: actor.name },
    createdAt: now,
    updatedAt: now,
    reviewedById: null,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    substanceById: null,
    substanceBy: null,
    substanceAt: null,
    deletedAt: null,
    linksFrom: [],
  });
  if (await writeAnnotationChange(db, annotationInsertion(annotation, actor.id, now, live.version))) return { annotation, created: true };

  // Nothing was written. Either the article changed since it was read (deleted, or a new revision
  // saved in between), or the id is taken: a repeat of an earlier create (or of one still in
  // flight), or a restore after a delete. Looking only now saves a query on every first create.
  const existing = data.id ? await db.annotation.findUnique({ where: { id: data.id }, include: annotationInclude }) : null;
  if (!existing) {
    const latest = await currentText(db, articleId);
    // Someone's steps landed between reading the text and writing: place the span again on the new text.
    if ((latest.revisionId !== revisionId || latest.version !== live.version) && attempt < MAX_ATTEMPTS) {
      return createAnnotation(db, actor, articleId, input, attempt + 1);
    }
    throw new AppError("conflict", "The article has a newer revision; reload it and tag again", { currentRevisionId: latest.revisionId });
  }
  if (existing.articleId !== articleId || existing.createdById !== actor.id) {
    throw new AppError("conflict", "This annotation id is already in use");
  }
  if (!existing.deletedAt) return { annotation: toAnnotationJson(existing), created: false };
  const restored = await restore(db, actor, existing.id, revisionId, live.version, fields);
  if (restored) return { annotation: restored, created: true };
  // Steps landed after the span was placed: place it again on the new text.
  if (attempt < MAX_ATTEMPTS) return createAnnotation(db, actor, articleId, input, attempt + 1);
  throw new AppError("conflict", "The text kept changing while the annotation was restored; try again", { currentRevisionId: revisionId });
}

/** How often a create is placed again when steps keep landing between reading the text and writing. */
const MAX_ATTEMPTS = 3;

/** The article's current revision (its live text) and that text's version; 404 for a deleted article. */
async function currentText(db: Db, articleId: string): Promise<{ revisionId: string; version: number }> {
  const article = await db.article.findFirst({ where: { id: articleId, deletedAt: null }, select: { currentRevision: { select: { id: true, version: true } } } });
  if (!article?.currentRevision) throw notFound("Article");
  return { revisionId: article.currentRevision.id, version: article.currentRevision.version };
}

/**
 * The insert of a new annotation, if its article is live, `revisionId` is still its current
 * revision at `textVersion` (the live text the span was placed in), and the id is free: otherwise
 * it writes nothing, and the caller finds out why. The revision row is locked for share until the
 * statement commits, so steps cannot land between the check and the insert and leave the new
 * span in an older version's positions.
 */
export function annotationInsertion(a: AnnotationJson, actorId: string, at: Date, textVersion: number): AnnotationChange {
  const sameText = Prisma.sql`AND EXISTS (SELECT 1 FROM "revisions" WHERE "id" = ${a.revisionId}::uuid AND "version" = ${textVersion} FOR SHARE)`;
  const write = Prisma.sql`
    INSERT INTO "annotations" ("id", "articleId", "revisionId", "kind", "from", "to", "start", "end",
                               "quoteExact", "quotePrefix", "quoteSuffix", "note", "attributes", "createdById", "createdAt", "updatedAt")
    SELECT ${a.id}::uuid, ${a.articleId}::uuid, ${a.revisionId}::uuid, ${a.kind}::"AnnotationKind", ${a.from}, ${a.to}, ${a.start}, ${a.end},
           ${a.quote.exact}, ${a.quote.prefix}, ${a.quote.suffix}, ${a.note}, ${JSON.stringify(a.attributes)}::jsonb, ${actorId}::uuid, ${at}, ${at}
     WHERE EXISTS (SELECT 1 FROM "articles" WHERE "id" = ${a.articleId}::uuid AND "deletedAt" IS NULL AND "currentRevisionId" = ${a.revisionId}::uuid)
       ${sameText}
    ON CONFLICT ("id") DO NOTHING
    RETURNING "id"`;
  return { write, annotation: { id: a.id, articleId: a.articleId, status: a.status }, actorId, audits: [{ action: "annotation.create", after: a }], at };
}

/**
 * Brings a deleted annotation back (undo of a delete) at a span placed in `revisionId` at
 * `textVersion`; null, writing nothing, when that is no longer the live text (steps landed in
 * between), so the caller places it again. The revision row is locked for share first, like the
 * insert's, so no step can land between the check and the write.
 */
async function restore(
  db: Db,
  actor: Actor,
  id: string,
  revisionId: string,
  textVersion: number,
  fields: Omit<Prisma.AnnotationUncheckedUpdateInput, "id">,
): Promise<AnnotationJson | null> {
  return db.$transaction(async (tx) => {
    const [text] = await tx.$queryRaw<{ version: number }[]>`
      SELECT r."version" FROM "revisions" r JOIN "articles" a ON a."currentRevisionId" = r."id"
       WHERE r."id" = ${revisionId}::uuid AND a."deletedAt" IS NULL
         FOR SHARE OF r`;
    if (text?.version !== textVersion) return null;
    const row = await tx.annotation.update({
      where: { id },
      data: { ...fields, revisionId, deletedAt: null, status: "pending", reviewedById: null, reviewedAt: null, reviewNote: null, substanceById: null, substanceAt: null, version: { increment: 1 } },
      include: annotationInclude,
    });
    const json = toAnnotationJson(row);
    await recordAudit(tx, actor, { action: "annotation.restore", entityType: "annotation", entityId: id, after: json });
    await refreshArticleStatus(tx, row.articleId);
    return json;
  });
}
