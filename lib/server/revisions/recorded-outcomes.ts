import "server-only";
import { recordedRevisionSchema, REVISION_OUTCOMES } from "../../contracts/revisions";
import type { Db } from "../db";
import type { OutcomeCounts, RevisionOutcome } from "../../contracts/revisions";

export type { OutcomeCounts };

/** For each revision id, what became of each annotation when that revision was saved; revisions without a record are absent. */
export async function recordedOutcomes(db: Db, revisionIds: string[]): Promise<Map<string, Record<string, RevisionOutcome>>> {
  const events = await db.auditEvent.findMany({
    where: { action: "revision.create", entityType: "revision", entityId: { in: revisionIds } },
    select: { entityId: true, after: true },
  });
  const byRevision = new Map<string, Record<string, RevisionOutcome>>();
  for (const event of events) {
    // The first revision has no such event, and older ones were recorded without outcomes.
    const parsed = recordedRevisionSchema.safeParse(event.after);
    if (parsed.success) byRevision.set(event.entityId, parsed.data.outcomes);
  }
  return byRevision;
}

/** Counts outcomes per kind, every kind present. */
export function countOutcomes(outcomes: Iterable<RevisionOutcome>): OutcomeCounts {
  const counts = Object.fromEntries(REVISION_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}
