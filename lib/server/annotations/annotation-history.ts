import "server-only";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { HistoryEntry } from "../../contracts/annotations";

export type { HistoryEntry };

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
