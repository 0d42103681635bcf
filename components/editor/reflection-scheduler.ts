import type { EditorState } from "prosemirror-state";
import { getAnnotationState } from "@/lib/editor/annotations";
import { textIndexOf } from "@/lib/editor/text-index-cache";
import { undoAvailability } from "@/lib/editor/undo-order";
import { afterPaint } from "./after-paint";

/** Whether the sidebar and toolbar show something different for `next` than for `shown`. */
function reflectionChanged(shown: EditorState, next: EditorState): boolean {
  if (getAnnotationState(shown).annotations !== getAnnotationState(next).annotations) return true;
  if (shown.selection.empty !== next.selection.empty) return true;
  const before = undoAvailability(shown);
  const after = undoAvailability(next);
  return before.canUndo !== after.canUndo || before.canRedo !== after.canRedo;
}

/** Runs `callback` when the page is idle (soon after, where the browser cannot tell). */
function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(callback, { timeout: 1000 });
  else setTimeout(callback, 50);
}

/**
 * Shows the editor's states in the sidebar and toolbar once each change is painted, not inside the
 * key press that made it: ordering 2,000 annotations for the sidebar took half a millisecond or
 * more per change. Several changes made before a paint (fast typing) are shown at once, and a change
 * the sidebar and toolbar would not show differently (most caret moves) is not shown at all.
 *
 * `latest` gives the state to show, or null once the editor is gone; `reflect` shows it, with the
 * state shown before.
 */
export function reflectionScheduler(latest: () => EditorState | null, reflect: (current: EditorState, previous: EditorState | undefined) => void) {
  let reflected: EditorState | undefined;
  let scheduled = false;
  return {
    /** Records that `state` is on show already (the first render). */
    shown(state: EditorState): void {
      reflected = state;
    },
    /** Shows `state`, or a newer one, after the next paint, when it changes what is shown. */
    schedule(state: EditorState): void {
      // A selection is usually about to be tagged: index its text while the page is idle rather
      // than during the key press.
      if (!state.selection.empty) whenIdle(() => textIndexOf(state.doc));
      if (scheduled || (reflected !== undefined && !reflectionChanged(reflected, state))) return;
      scheduled = true;
      afterPaint(() => {
        scheduled = false;
        const current = latest();
        if (!current) return;
        const previous = reflected;
        reflected = current;
        reflect(current, previous);
      });
    },
  };
}
