import type { SavedRevision } from "@/lib/editor/sync/sync-queue";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A one-line account of a text save, so the user knows what it did to the annotations. */
export function describeSave(saved: SavedRevision): string {
  const changed = Object.values(saved.outcomes).filter((o) => o === "changed").length;
  // Only annotations this save orphaned: those orphaned earlier were reported then.
  const orphaned = Object.entries(saved.outcomes).filter(([id, o]) => o === "orphaned" && saved.annotations.some((a) => a.id === id && a.status === "orphaned")).length;
  const parts = [`Text saved as revision ${saved.revision.number}.`];
  if (changed > 0) parts.push(`${plural(changed, "annotation")} whose words changed went back to review.`);
  if (orphaned > 0) parts.push(`${plural(orphaned, "annotation")} lost ${orphaned === 1 ? "its" : "their"} text and ${orphaned === 1 ? "is" : "are"} listed as orphaned.`);
  return parts.join(" ");
}
