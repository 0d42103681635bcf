import { Plugin, type EditorState, type Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { annotationAtClick } from "./annotation-click";
import { annotationKey } from "./annotation-key";
import { mapAnnotationState } from "./annotation-mapping";
import { getAnnotationMeta, withAnnotationAction } from "./annotation-meta";
import { annotationReducer } from "./annotation-reducer";
import { createAnnotationState, type AnnotationState } from "./annotation-state";
import type { EditorAnnotation } from "./types";

/** Options of the annotation plugin. */
export interface AnnotationPluginOptions {
  /** Annotations drawn when the editor state is created. */
  readonly initial?: readonly EditorAnnotation[];
  /** Called with ids whose text was deleted (or that could not be drawn), so the app can orphan them. */
  onCollapsed?(ids: string[]): void;
  /** Called whenever the selected annotation changes, by click, keyboard or removal. */
  onSelect?(id: string | null): void;
}

/** Draws annotations kept in plugin state as inline decorations and keeps them mapped. */
export function annotationPlugin(options: AnnotationPluginOptions = {}): Plugin<AnnotationState> {
  const { initial = [], onCollapsed, onSelect } = options;
  return new Plugin<AnnotationState>({
    key: annotationKey,
    state: {
      init: (_config, state) => createAnnotationState(state.doc, initial),
      apply: applyTransaction,
    },
    props: {
      decorations: (state) => annotationKey.getState(state)?.decorations,
      handleClick(view, pos, event) {
        const current = getAnnotationState(view.state);
        const id = annotationAtClick(current, pos, event.target, view.dom);
        if (id !== current.selectedId) view.dispatch(withAnnotationAction(view.state.tr, { type: "select", id }));
        // Let ProseMirror place the text selection as usual; selecting an annotation is extra.
        return false;
      },
    },
    // Callbacks run from the view, never from apply, so state updates stay pure.
    view: () => ({
      update(view: EditorView, previous: EditorState) {
        const before = annotationKey.getState(previous);
        const after = annotationKey.getState(view.state);
        if (before === undefined || after === undefined || before === after) return;
        if (onCollapsed !== undefined && after.collapsed !== before.collapsed) {
          const ids = [...after.collapsed].filter((id) => !before.collapsed.has(id));
          if (ids.length > 0) onCollapsed(ids);
        }
        if (onSelect !== undefined && after.selectedId !== before.selectedId) onSelect(after.selectedId);
      },
    }),
  });
}

/**
 * Reads the meta first and the document change second, and otherwise hands back the
 * same object, so selection-only transactions cost nothing and views skip redraws.
 */
function applyTransaction(tr: Transaction, value: AnnotationState): AnnotationState {
  const meta = getAnnotationMeta(tr);
  if (meta === undefined && !tr.docChanged) return value;
  // Mapping comes before the action because an action's positions refer to tr.doc.
  const mapped = tr.docChanged ? mapAnnotationState(value, tr.mapping, tr.doc) : value;
  return meta === undefined ? mapped : annotationReducer(mapped, meta.action, tr.doc, meta.origin);
}

/** The annotation plugin's state in an editor state; throws when the plugin is not installed. */
export function getAnnotationState(state: EditorState): AnnotationState {
  const value = annotationKey.getState(state);
  if (value === undefined) throw new Error("The annotation plugin is not installed in this editor state");
  return value;
}
