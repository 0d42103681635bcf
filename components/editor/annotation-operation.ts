import type { Node } from "prosemirror-model";
import { anchorRange } from "@/lib/anchoring/anchor-range";
import type { AnnotationAction } from "@/lib/editor/annotations";
import type { SyncOperation } from "@/lib/editor/sync/sync-operation";
import { textIndexOf } from "@/lib/editor/text-index-cache";
import type { AnnotationDetails } from "./annotation-types";
import type { DetailsPatch } from "./details-map";
import { withLink, withoutLink } from "./unsent-links";

/** What a local annotation action sends to the server, and what the sidebar shows of it until the answer. */
export interface PlannedOperation {
  operation: SyncOperation;
  /** The annotation's details as they are to be shown now (not yet saved). */
  details?: AnnotationDetails;
  /** Or, for an annotation already shown, the part of its details that changed (or a function of them, for its links). */
  patch?: DetailsPatch;
}

/**
 * The server operation of an annotation action applied in the editor, with the details to show for
 * it meanwhile; null for actions the server does not keep (selecting, a status set by the server).
 * `known` is what the sidebar knew of the annotation: a re-created one (undo of a delete) keeps its
 * note and attributes.
 */
export function plannedOperation(
  action: AnnotationAction,
  doc: Node,
  known: AnnotationDetails | undefined,
  author: AnnotationDetails["createdBy"],
): PlannedOperation | null {
  if (action.type === "add") {
    const a = action.annotation;
    const span = anchorRange(doc, a.from, a.to, textIndexOf(doc));
    const quote = span.ok ? span.quote : (known?.quote ?? { exact: doc.textBetween(a.from, a.to, "\n\n", "\n"), prefix: "", suffix: "" });
    return {
      operation: {
        type: "create",
        id: a.id,
        body: { kind: a.kind, from: a.from, to: a.to, ...(known ? { note: known.note, attributes: known.attributes } : {}) },
      },
      details: {
        ...(known ?? { note: "", attributes: {}, links: [], createdBy: author, reviewNote: null }),
        id: a.id,
        kind: a.kind,
        status: "pending",
        quote,
        saved: false,
      },
    };
  }
  if (action.type === "remove") return { operation: { type: "delete", id: action.id } };
  // A function of the details held when it applies: two link changes in quick succession each see the other.
  if (action.type === "link") {
    return { operation: { type: "link", id: action.id, body: { ...action.link } }, patch: (d) => ({ ...withLink(d, action.link), saved: false }) };
  }
  // The server answers an unlink with no body to take the details from, so they are not marked unsaved.
  if (action.type === "unlink") return { operation: { type: "unlink", id: action.id, body: { ...action.link } }, patch: (d) => withoutLink(d, action.link) };
  if (action.type === "update" && action.patch.kind) {
    return { operation: { type: "update", id: action.id, patch: { kind: action.patch.kind } }, patch: { kind: action.patch.kind, saved: false } };
  }
  return null;
}
