import type { CollabStatus } from "@/lib/editor/session/collab-channel";
import type { SyncStatus } from "@/lib/editor/sync/sync-queue";

/**
 * One saving state for the indicator from the two things that save: the sync queue (annotation
 * changes) and the shared text's channel. Unsent text counts as one change.
 */
export function withTextStatus(status: SyncStatus, text: CollabStatus): SyncStatus {
  const pending = status.state === "saved" ? 0 : status.pending;
  if (text === "signed-out") return { state: "signed-out", pending: pending + 1 };
  if (text === "offline" && status.state !== "signed-out") return { state: "offline", pending: pending + 1 };
  if (text === "sending" && status.state === "saved") return { state: "saving", pending: 1 };
  return status;
}
