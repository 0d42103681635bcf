import type { Command } from "prosemirror-state";
import { anchorRange } from "../anchoring/anchor-range";
import { addAnnotation } from "./annotations/annotation-commands";
import { textIndexOf } from "./text-index-cache";
import type { AnnotationKind } from "./annotations/types";

/**
 * Tags the current selection as an annotation of a kind, trimmed of surrounding whitespace. When
 * the selection cannot be tagged, nothing changes and `onRefused` receives the reason to show.
 */
export function tagSelection(kind: AnnotationKind, newId: () => string, onRefused: (reason: string) => void): Command {
  return (state, dispatch) => {
    const { from, to } = state.selection;
    const span = anchorRange(state.doc, from, to, textIndexOf(state.doc));
    if (!span.ok) {
      onRefused(span.reason);
      return true; // Handled: the key press must not fall through to the browser.
    }
    return addAnnotation({ id: newId(), kind, from: span.from, to: span.to, status: "pending" })(state, dispatch);
  };
}
