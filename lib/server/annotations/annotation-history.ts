import "server-only";
import { uuidSchema } from "../../schemas/article";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { notFound } from "../errors";

/** One entry of an annotation's audit history. */
export interface HistoryEntry {
  action: string;
  actor: { id: string; name: string } | null;
  at: string;
  before: unknown;
  after: unknown;
}

/** Who did what to an annotation and when, oldest first (deleted annotations keep their history). */
export async function annotationHistory(db: Db, actor: Actor, id: string): Promise<HistoryEntry[]> {
  requireRole(actor, ANY_ROLE, "read annotation history");
  if (!uuidSchema.safeParse(id).success) throw notFound("Annotation");
  const exists = await db.annotation.findFirst({ where: { id, article: { deletedAt: null } }, select: { id: true } });
  if (!exists) throw notFound("Annotation");
  const events = await db.auditEvent.findMany({
    where: { entityType: "annotation", entityId: id },
    orderBy: { seq: "asc" },
    include: { actor: { select: { id: true, name: true } } },
  });
  return events.map((e) => ({ action: e.action, actor: e.actor, at: e.at.toISOString(), before: e.before, after: e.after }));
}
