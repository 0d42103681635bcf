import type { SyncStatus } from "@/lib/editor/sync/sync-queue";

/** Always-visible saving state: "Saved", "Saving…", or how many changes wait for the network. */
export function SaveIndicator({ status }: { status: SyncStatus }) {
  const text =
    status.state === "saved"
      ? "Saved"
      : status.state === "saving"
        ? "Saving…"
        : `Offline: ${status.pending} change${status.pending === 1 ? "" : "s"} not saved yet`;
  return (
    <span role="status" aria-live="polite" className={`save-indicator save-${status.state}`} data-testid="save-state">
      {text}
    </span>
  );
}
