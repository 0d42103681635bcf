import "server-only";
import type { Prisma } from "../db/prisma";
import type { Actor } from "./actor";
import type { Tx } from "./db";

/** One change to record; written in the same transaction as the change itself. */
export interface AuditEntry {
  action: string;
  entityType: "article" | "revision" | "annotation" | "user" | "token";
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const asJson = (value: unknown) =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Appends an audit event for the actor's change. */
export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: asJson(entry.before),
      after: asJson(entry.after),
    },
  });
}
