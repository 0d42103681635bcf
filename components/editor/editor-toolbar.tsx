import type { AnnotationKind } from "@/lib/editor/annotations/types";
import { KIND_LABELS, TAG_SHORTCUTS } from "@/lib/contracts/vocabulary";

// The key after the modifiers ("Mod-Alt-1" → "1"): the bindings and the labels share one spelling.
const KEYS = Object.fromEntries(Object.entries(TAG_SHORTCUTS).map(([kind, shortcut]) => [kind, shortcut.split("-").pop()!])) as Record<AnnotationKind, string>;

interface Props {
  onTag(kind: AnnotationKind): void;
  onUndo(): void;
  onRedo(): void;
  canUndo: boolean;
  canRedo: boolean;
  mac: boolean;
}

/** Tag buttons (named "Claim", "Hedge", "Attribution") with their shortcuts, and undo/redo. */
export function EditorToolbar({ onTag, onUndo, onRedo, canUndo, canRedo, mac }: Props) {
  const mod = mac ? "⌘⌥" : "Ctrl+Alt+";
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Tag selection">
      {(Object.keys(KIND_LABELS) as AnnotationKind[]).map((kind) => (
        <button
          key={kind}
          type="button"
          className={`tag-button tag-${kind}`}
          // Keep the text selection: a mousedown on a button would otherwise move focus first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onTag(kind)}
          aria-keyshortcuts={`${mac ? "Meta" : "Control"}+Alt+${KEYS[kind]}`}
          title={`Tag the selection as a ${kind} (${mod}${KEYS[kind]})`}
        >
          {KIND_LABELS[kind]}
          {/* Seen, not read: aria-keyshortcuts tells assistive technology, and the name stays the kind alone. */}
          <kbd aria-hidden="true">{`${mod}${KEYS[kind]}`}</kbd>
        </button>
      ))}
      <span className="toolbar-gap" />
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onUndo} disabled={!canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={onRedo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </div>
  );
}
