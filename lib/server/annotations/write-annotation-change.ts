import "server-only";
import { Prisma } from "../../db/prisma";
import { articleStatusUpdate } from "../articles/refresh-article-status";
import { auditInsert, type AuditEntry } from "../audit";
import type { Db } from "../db";

/** One audit event of a change, recorded for the changed annotation. */
export type ChangeAudit = Pick<AuditEntry, "action" | "before" | "after">;

/** A change to one annotation, written with its audit events and its article's status in one statement. */
export interface AnnotationChange {
  /** The INSERT or UPDATE of the annotation, ending in `RETURNING id`; it writes no row when its conditions fail. */
  write: Prisma.Sql;
  /** The annotation's id and its status after the change (null: deleted). */
  annotation: { id: string; articleId: string; status: string | null };
  actorId: string;
  audits: ChangeAudit[];
  /** Further statements that apply only when the write did (e.g. dropping links); they may read `changed`. */
  alongside?: Prisma.Sql[];
  at: Date;
}

/**
 * Writes an annotation change, its audit events and its article's status as ONE statement (a chain
 * of data-modifying CTEs), and tells whether the write matched a row.
 *
 * One statement is atomic on its own, so none of this needs a transaction. Annotation writes are
 * what editors do all day; as interactive transactions they took five to eight round trips (begin,
 * the statements, commit), each costing the server a socket write and a result to parse, while
 * their connection sat idle in transaction waiting for the next one. The audit events and the
 * article's status are written only if the write returns its row, so nothing is recorded when it
 * matches none.
 */
export async function writeAnnotationChange(db: Db, change: AnnotationChange): Promise<boolean> {
  const { annotation, actorId, at } = change;
  // The same INSERT as every other audit event (lib/server/audit.ts), recorded only if the write was.
  const entries = change.audits.map((audit): AuditEntry => ({ ...audit, entityType: "annotation", entityId: annotation.id }));
  const audits = entries.length > 0 ? [Prisma.sql`audit AS (${auditInsert(actorId, entries, at, Prisma.sql`EXISTS (SELECT 1 FROM changed)`)})`] : [];
  const alongside = (change.alongside ?? []).map((statement, i) => Prisma.sql`alongside_${Prisma.raw(String(i))} AS (${statement})`);
  const status = Prisma.sql`status AS (${articleStatusUpdate(annotation.articleId, at, annotation)} AND EXISTS (SELECT 1 FROM changed))`;
  const rows = await db.$queryRaw<{ written: number }[]>`
    WITH changed AS (${change.write}), ${Prisma.join([...audits, ...alongside, status], ", ")}
    SELECT count(*)::int AS written FROM changed`;
  return rows[0]!.written === 1;
}
