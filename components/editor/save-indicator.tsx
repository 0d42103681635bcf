import type { SyncStatus } from "@/lib/editor/sync/sync-queue";

interface Props {
  status: SyncStatus;
  /** Whether the current revision has text changes nobody has saved as a revision yet (they are on the server already). */
  unsavedText: boolean;
}

function label(status: SyncStatus, unsavedText: boolean): string {
  switch (status.state) {
    case "conflict":
      return "Text not saved: the article changed meanwhile";
    case "refused":
      return "Text not saved";
    case "signed-out":
      // Kept in this browser for its author; the page sends them once that user is signed in again.
      return `Not sent: sign in again (${status.pending} change${status.pending === 1 ? "" : "s"} kept)`;
    case "offline":
      return `Offline: ${status.pending} change${status.pending === 1 ? "" : "s"} not saved yet`;
    case "saving":
      return "Saving…";
    case "saved":
      return unsavedText ? "Saved · not a revision yet" : "Saved";
  }
}

/** Always-visible saving state: "Saved", "Saving…", text not yet saved as a revision, or how many changes wait for the network. */
export function SaveIndicator({ status, unsavedText }: Props) {
  const state = status.state === "saved" && unsavedText ? "unsaved" : status.state;
  return (
    <span role="status" aria-live="polite" className={`save-indicator save-${state}`} data-testid="save-state">
      {label(status, unsavedText)}
    </span>
  );
}
