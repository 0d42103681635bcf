import type { LinkType } from "../../contracts/vocabulary";

/** One change the editor still has to send to the server, in the order the user made them. */
export type SyncOperation =
  | { type: "create"; id: string; body: Record<string, unknown> }
  | { type: "update"; id: string; patch: Record<string, unknown> }
  | { type: "delete"; id: string }
  | { type: "link"; id: string; body: { type: LinkType; targetId: string } }
  | { type: "unlink"; id: string; body: { type: LinkType; targetId: string } }
  | { type: "revision"; id: typeof REVISION_OPERATION_ID; body: RevisionBody };

/**
 * A text save. Empty: save the shared live text as a checkpoint (the editor's Save). With `doc`: a
 * whole new document and where the editor mapped each annotation (kept from before live
 * collaboration, when each page saved its own text).
 */
export interface RevisionBody {
  doc?: unknown;
  annotations?: { id: string; from: number; to: number }[];
  /** Annotations whose words were deleted in this text, for the server to orphan rather than search for. */
  orphaned?: string[];
}

/** Every text save shares one id, so an unsent save is replaced by a newer one instead of queued behind it. */
export const REVISION_OPERATION_ID = "revision";

/**
 * Adds an operation to a pending list, folding it into earlier unsent ones where the result is the
 * same: an update after an unsent create merges into it, a delete cancels an unsent create, and
 * consecutive updates merge. Fewer requests, and an offline session replays compactly.
 */
export function enqueue(pending: readonly SyncOperation[], op: SyncOperation, sentHeadId?: string): SyncOperation[] {
  const next = [...pending];
  const lastIndex = next.length - 1;
  const last = next[lastIndex];
  // Never fold into a head that was already sent (or is on the wire): the server may have it.
  const foldable = last && last.id === op.id && !(lastIndex === 0 && sentHeadId === last.id);
  if (foldable && last.type === "create" && op.type === "update") {
    next[lastIndex] = { ...last, body: { ...last.body, ...op.patch } };
    return next;
  }
  if (foldable && last.type === "update" && op.type === "update") {
    next[lastIndex] = { ...last, patch: { ...last.patch, ...op.patch } };
    return next;
  }
  // A save carries the whole document: the newer one says everything the older one did.
  if (foldable && last.type === "revision" && op.type === "revision") {
    next[lastIndex] = op;
    return next;
  }
  if (foldable && last.type === "create" && op.type === "delete") {
    next.pop();
    return next;
  }
  next.push(op);
  return next;
}
