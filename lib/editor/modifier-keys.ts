import { Plugin } from "prosemirror-state";

const MODIFIERS = new Set(["Control", "Alt", "AltGraph", "Meta"]);

/** Whether a key event is the press of a modifier key alone (Shift excepted: ProseMirror tracks it). */
export function isBareModifierPress(event: KeyboardEvent): boolean {
  return MODIFIERS.has(event.key) && !event.isComposing && event.keyCode !== 229;
}

/**
 * Keeps bare Ctrl, Alt and Meta presses away from ProseMirror's key handling. ProseMirror takes any
 * key press it does not handle as the cause of the next selection change within 50 ms and scrolls
 * that selection into view; a modifier pressed alone moves nothing, yet after a tag shortcut
 * (Ctrl+Alt+1) a selection made just afterwards elsewhere scrolled the page, and redrawing the
 * newly shown paragraphs delayed the next frame by several milliseconds. The browser's own
 * handling of the key is untouched (nothing is prevented), and shortcuts still arrive with the
 * key they modify.
 */
export function modifierKeys(): Plugin {
  return new Plugin({
    props: {
      handleDOMEvents: {
        keydown: (_view, event) => isBareModifierPress(event),
      },
    },
  });
}
