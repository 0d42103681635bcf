import { isHistoryTransaction } from "prosemirror-history";
import { Plugin, PluginKey, type EditorState, type Transaction } from "prosemirror-state";
import { withAnnotationAction } from "./annotations/annotation-meta";
import { getAnnotationState } from "./annotations/annotation-plugin";
import type { EditorAnnotation } from "./annotations/types";

/** An annotation whose text was deleted, remembered so that undoing the deletion brings it back. */
interface Tombstone {
  readonly annotation: EditorAnnotation;
  /** Its text when it was deleted, to check that an undo restored exactly those words. */
  readonly text: string;
  /** Where the deleted stretch was, mapped through every change since. */
  readonly at: number;
  /** How far into the deleted stretch the annotation started. */
  readonly offset: number;
}

/** How many deleted annotations are remembered; prosemirror-history keeps 100 events by default. */
const MAX_TOMBSTONES = 200;

const restoreKey = new PluginKey<readonly Tombstone[]>("newsmark-restore-on-undo");

const textOf = (state: EditorState, from: number, to: number) => state.doc.textBetween(from, to, "\n\n", "\n");

/** Where the step that deleted [from, to) cut the document, and how far into that cut the span began. */
function cutPoint(tr: Transaction, from: number, to: number): { at: number; offset: number } {
  const maps = tr.mapping.maps;
  for (let i = 0; i < maps.length; i++) {
    const earlier = tr.mapping.slice(0, i);
    const start = earlier.map(from, 1);
    const end = earlier.map(to, -1);
    let cut: number | null = null;
    maps[i]!.forEach((oldStart, oldEnd) => {
      if (cut === null && oldStart <= start && end <= oldEnd) cut = oldStart;
    });
    if (cut !== null) return { at: tr.mapping.slice(i).map(cut, -1), offset: start - cut };
  }
  return { at: tr.mapping.map(from, -1), offset: 0 };
}

function apply(tr: Transaction, tombstones: readonly Tombstone[], before: EditorState, after: EditorState): readonly Tombstone[] {
  if (!tr.docChanged) return tombstones;
  const mapped = tombstones.map((t) => ({ ...t, at: tr.mapping.map(t.at, -1) }));
  const was = getAnnotationState(before).annotations;
  const now = getAnnotationState(after);
  for (const [id, annotation] of was) {
    if (now.annotations.has(id) || !now.collapsed.has(id)) continue;
    // Only the latest deletion of an annotation can be the one an undo restores.
    const older = mapped.findIndex((t) => t.annotation.id === id);
    if (older !== -1) mapped.splice(older, 1);
    mapped.push({ annotation, text: textOf(before, annotation.from, annotation.to), ...cutPoint(tr, annotation.from, annotation.to) });
  }
  return mapped.length > MAX_TOMBSTONES ? mapped.slice(-MAX_TOMBSTONES) : mapped;
}

/**
 * Brings back an annotation when an undo restores the words it covered. Deleting text removes
 * its annotations from view (the server orphans them on the next save); undo must undo that too.
 */
export function restoreOnUndo(): Plugin<readonly Tombstone[]> {
  return new Plugin<readonly Tombstone[]>({
    key: restoreKey,
    state: { init: () => [], apply },
    appendTransaction(transactions, _before, state) {
      if (!transactions.some((tr) => tr.docChanged && isHistoryTransaction(tr))) return null;
      const tombstones = restoreKey.getState(state) ?? [];
      const drawn = getAnnotationState(state).annotations;
      const back: EditorAnnotation[] = [];
      for (const t of tombstones) {
        if (drawn.has(t.annotation.id)) continue;
        const from = t.at + t.offset;
        const to = from + (t.annotation.to - t.annotation.from);
        if (from < 0 || to > state.doc.content.size || textOf(state, from, to) !== t.text) continue;
        back.push({ ...t.annotation, from, to });
      }
      // "remote": the server still has these annotations, so nothing is synced.
      if (back.length > 0) return withAnnotationAction(state.tr, { type: "restore", annotations: back }, "remote");
      return null;
    },
  });
}
