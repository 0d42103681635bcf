import "server-only";
import type { Db } from "../db";

/** Events that moved an annotation to other words after a correction, and the decisions that settle them. */
const WORD_CHANGES = ["annotation.reanchor", "annotation.reattach"];
const DECISIONS = ["annotation.approve", "annotation.reject"];

const quoteOf = (value: unknown): string | null => {
  const quote = (value as { quote?: unknown } | null)?.quote;
  return typeof quote === "string" ? quote : null;
};

/**
 * For the pending annotations given, the words each covered before corrections changed them since
 * its last review (approve or reject), read from the audit history in one query for the whole page.
 * Annotations whose words did not change (or changed back) are absent from the map.
 */
export async function previousQuotes(db: Db, annotations: { id: string; status: string; quote: { exact: string } }[]): Promise<Map<string, string>> {
  const pending = annotations.filter((a) => a.status === "pending");
  const result = new Map<string, string>();
  if (pending.length === 0) return result;
  const events = await db.auditEvent.findMany({
    where: { entityType: "annotation", entityId: { in: pending.map((a) => a.id) }, action: { in: [...WORD_CHANGES, ...DECISIONS] } },
    orderBy: { seq: "asc" },
    select: { entityId: true, action: true, before: true, after: true },
  });
  // The earliest change since the last decision holds the words a reviewer last saw (or first saw tagged).
  const earliest = new Map<string, string>();
  for (const event of events) {
    if (DECISIONS.includes(event.action)) {
      earliest.delete(event.entityId);
      continue;
    }
    const before = quoteOf(event.before);
    const after = quoteOf(event.after);
    if (before !== null && after !== null && before !== after && !earliest.has(event.entityId)) earliest.set(event.entityId, before);
  }
  for (const annotation of pending) {
    const was = earliest.get(annotation.id);
    if (was !== undefined && was !== annotation.quote.exact) result.set(annotation.id, was);
  }
  return result;
}
