import type { SyncProblem } from "@/lib/editor/sync/sync-queue";

/** What the editor says when the server refused a change of the sync queue; `quote` is the annotation's words, when known. */
export function describeSyncProblem(problem: SyncProblem, quote: string | undefined): string {
  if (problem.operation.type === "revision") return `The text was not saved as a revision: ${problem.message}`;
  const what = quote ? ` on “${quote.slice(0, 60)}”` : "";
  // A new tag refused has no "latest version" to show: the server says why (its words went, say).
  if (problem.code === "conflict" && problem.operation.type !== "create") {
    return `Someone else changed this annotation${what} meanwhile, so your change was not applied. The latest version is shown.`;
  }
  return `Your ${problem.operation.type === "create" ? "tag" : "change"}${what} was not saved: ${problem.message}`;
}
