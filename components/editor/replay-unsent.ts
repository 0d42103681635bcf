import type { EditorAnnotation } from "@/lib/editor/annotations/types";
import type { SyncOperation } from "@/lib/editor/sync/sync-operation";

/**
 * The annotations to draw: the server's, with the changes still waiting in the sync queue applied
 * on top, so that after a reload (or a refetch) the user sees everything they did.
 */
export function replayUnsent(server: EditorAnnotation[], unsent: readonly SyncOperation[]): EditorAnnotation[] {
  const byId = new Map(server.map((a) => [a.id, a]));
  for (const op of unsent) {
    if (op.type === "create") {
      const { kind, from, to } = op.body as { kind: EditorAnnotation["kind"]; from: number; to: number };
      byId.set(op.id, { id: op.id, kind, from, to, status: "pending" });
    } else if (op.type === "delete") {
      byId.delete(op.id);
    } else if (op.type === "update") {
      const current = byId.get(op.id);
      const kind = op.patch.kind as EditorAnnotation["kind"] | undefined;
      if (current && kind) byId.set(op.id, { ...current, kind });
    }
  }
  return [...byId.values()];
}
