import "server-only";
import { uuidSchema } from "../../contracts/common";
import type { Db, Tx } from "../db";
import { notFound } from "../errors";
import { annotationInclude } from "./annotation-json";

/** A live (not deleted) annotation with what serialising it needs; 404 otherwise. */
export async function loadAnnotation(db: Db | Tx, id: string) {
  if (!uuidSchema.safeParse(id).success) throw notFound("Annotation");
  const row = await db.annotation.findFirst({ where: { id, deletedAt: null, article: { deletedAt: null } }, include: annotationInclude });
  if (!row) throw notFound("Annotation");
  return row;
}
