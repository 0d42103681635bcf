import "server-only";
import { Prisma } from "../db/prisma";
import type { Actor } from "./actor";
import type { Tx } from "./db";

/** One change to record; written in the same transaction (or statement) as the change itself. */
export interface AuditEntry {
  action: string;
  entityType: "article" | "revision" | "annotation" | "user" | "token";
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * How a before/after value is stored: no value (undefined or null) is SQL NULL, never a JSON null,
 * so "was there a value" is one `IS NULL` test whichever path wrote the event; anything else is its
 * JSON text (dates as ISO strings, undefined properties dropped).
 */
export function auditJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

const COLUMNS = Prisma.sql`("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")`;

/** One event as a row of VALUES; every column is cast, so the row types the same in any statement. */
function auditValues(actorId: string | null, entry: AuditEntry, at: Date): Prisma.Sql {
  // The adapters send a Date as UTC wall-clock text, which is what the timestamp column holds.
  return Prisma.sql`(gen_random_uuid(), ${actorId}::uuid, ${entry.action}::text, ${entry.entityType}::text, ${entry.entityId}::text,
    ${auditJson(entry.before)}::jsonb, ${auditJson(entry.after)}::jsonb, ${at}::timestamp(3))`;
}

/**
 * The one INSERT that stores audit events: the actor's entries, at one time, in order. With `when`
 * (a SQL condition, e.g. `EXISTS (SELECT 1 FROM changed)` inside a chain of CTEs) it records them
 * only if the change they describe was written.
 */
export function auditInsert(actorId: string | null, entries: AuditEntry[], at: Date, when?: Prisma.Sql): Prisma.Sql {
  const rows = Prisma.join(entries.map((entry) => auditValues(actorId, entry, at)));
  return Prisma.sql`INSERT INTO "audit_events" ${COLUMNS}
    SELECT * FROM (VALUES ${rows}) AS event ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")
    ${when ? Prisma.sql`WHERE ${when}` : Prisma.empty}`;
}

/** Events per statement: seven parameters each stays well under PostgreSQL's 65,535. */
const EVENTS_PER_STATEMENT = 2_000;

/** Appends audit events for the actor's changes, in order, a few thousand per statement. */
export async function recordAudits(tx: Tx, actor: Actor | null, entries: AuditEntry[], at = new Date()): Promise<void> {
  for (let i = 0; i < entries.length; i += EVENTS_PER_STATEMENT) {
    await tx.$executeRaw(auditInsert(actor?.id ?? null, entries.slice(i, i + EVENTS_PER_STATEMENT), at));
  }
}

/** Appends an audit event for the actor's change. */
export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry, at = new Date()): Promise<void> {
  await recordAudits(tx, actor, [entry], at);
}
