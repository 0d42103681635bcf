import "server-only";
import { Prisma } from "../../db/prisma";
import { deleteAnnotationQuery } from "../../contracts/annotations";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { annotationInclude, toAnnotationJson } from "./annotation-json";
import { assertCanModify } from "./annotation-permissions";
import { loadAnnotation } from "./load-annotation";
import { staleVersion } from "./stale-version";
import { writeAnnotationChange } from "./write-annotation-change";

/** Soft-deletes an annotation at the version the caller saw (409 when it has changed since). */
export async function deleteAnnotation(db: Db, actor: Actor, id: string, query: unknown): Promise<void> {
  requireRole(actor, ANY_ROLE, "delete annotations");
  const { version } = deleteAnnotationQuery.parse(query);
  const current = await loadAnnotation(db, id);
  assertCanModify(actor, current, "delete");
  if (current.version !== version) throw staleVersion(current, version);
  const at = new Date();
  // Read outside the write, but the version guards it: if anyone changed the annotation in between,
  // the version moved on, nothing is written, and the caller gets the 409 with the newer state.
  const deleted = await writeAnnotationChange(db, {
    write: Prisma.sql`
      UPDATE "annotations" SET "deletedAt" = ${at}, "updatedAt" = ${at}, "version" = "version" + 1
       WHERE "id" = ${id}::uuid AND "version" = ${version} AND "deletedAt" IS NULL
      RETURNING "id"`,
    annotation: { id, articleId: current.articleId, status: null },
    actorId: actor.id,
    audits: [{ action: "annotation.delete", before: toAnnotationJson(current) }],
    at,
  });
  if (!deleted) throw staleVersion(await db.annotation.findFirst({ where: { id, deletedAt: null }, include: annotationInclude }), version);
}
