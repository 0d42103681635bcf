import type { EditorAnnotation } from "@/lib/editor/annotations/types";
import type { RevisionBody, SyncOperation } from "@/lib/editor/sync/sync-operation";

/** Moves annotations to the spans a text save (or an unsaved draft) recorded; those it lacks lost their text. */
export function placeAsSaved(annotations: Iterable<EditorAnnotation>, body: Pick<RevisionBody, "annotations">): EditorAnnotation[] {
  // A checkpoint of the shared text moves nothing.
  if (!body.annotations) return [...annotations];
  const byId = new Map([...annotations].map((a) => [a.id, a]));
  const placed: EditorAnnotation[] = [];
  for (const span of body.annotations) {
    const current = byId.get(span.id);
    if (current) placed.push({ ...current, from: span.from, to: span.to });
  }
  return placed;
}

/**
 * The annotations to draw: the server's, with the changes still waiting in the sync queue applied
 * on top, so that after a reload (or a refetch) the user sees everything they did. Positions refer
 * to the text of the last unsent text save, if there is one (see `lastUnsentText`).
 */
export function replayUnsent(server: EditorAnnotation[], unsent: readonly SyncOperation[]): EditorAnnotation[] {
  let byId = new Map(server.map((a) => [a.id, a]));
  for (const op of unsent) {
    if (op.type === "create") {
      const { kind, from, to } = op.body as { kind: EditorAnnotation["kind"]; from: number; to: number };
      byId.set(op.id, { id: op.id, kind, from, to, status: "pending" });
    } else if (op.type === "delete") {
      byId.delete(op.id);
    } else if (op.type === "update") {
      const current = byId.get(op.id);
      const kind = op.patch.kind as EditorAnnotation["kind"] | undefined;
      const { from, to } = op.patch as { from?: number; to?: number };
      if (!current) continue;
      byId.set(op.id, { ...current, ...(kind ? { kind } : {}), ...(from !== undefined && to !== undefined ? { from, to } : {}) });
    } else if (op.type === "revision") {
      byId = new Map(placeAsSaved(byId.values(), op.body).map((a) => [a.id, a]));
    }
  }
  return [...byId.values()];
}

/** The document of the last text save still waiting in the queue, or null when all text is saved. */
export function lastUnsentText(unsent: readonly SyncOperation[]): unknown {
  for (let i = unsent.length - 1; i >= 0; i--) {
    const op = unsent[i]!;
    if (op.type === "revision" && op.body.doc !== undefined) return op.body.doc;
  }
  return null;
}
