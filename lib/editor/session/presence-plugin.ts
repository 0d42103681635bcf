import { Plugin, PluginKey, type EditorState, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

/** Someone else's caret or selection, in positions of this page's text. */
export interface RemoteCaret {
  clientId: string;
  name: string;
  color: string;
  from: number;
  to: number;
}

const key = new PluginKey<DecorationSet>("newsmark-presence");

function caretWidget(caret: RemoteCaret): HTMLElement {
  const mark = document.createElement("span");
  mark.className = "remote-caret";
  mark.style.borderColor = caret.color;
  mark.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "remote-caret-label";
  label.style.backgroundColor = caret.color;
  // Drawn by CSS from the attribute, so the name never becomes part of the article's text (copying,
  // find in page, and anything reading the text see only the article).
  label.dataset.name = caret.name;
  mark.appendChild(label);
  return mark;
}

function decorationsFor(state: EditorState, carets: readonly RemoteCaret[]): DecorationSet {
  const size = state.doc.content.size;
  const decorations: Decoration[] = [];
  for (const caret of carets) {
    const from = Math.max(0, Math.min(caret.from, size));
    const to = Math.max(from, Math.min(caret.to, size));
    decorations.push(Decoration.widget(to, () => caretWidget(caret), { key: `caret-${caret.clientId}-${caret.color}-${caret.name}`, side: 1 }));
    if (to > from) decorations.push(Decoration.inline(from, to, { class: "remote-selection", style: `background-color: ${caret.color}33` }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Draws where the other people on the article are: a caret in each one's colour with their name,
 * and their selection tinted. The page sets the carets with `setRemoteCarets`; between beats they
 * follow the text through every change, like any decoration.
 */
export function presencePlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set, _old, state) {
        const carets = tr.getMeta(key) as RemoteCaret[] | undefined;
        if (carets) return decorationsFor(state, carets);
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations: (state) => key.getState(state),
    },
  });
}

/** A transaction that draws exactly these carets. */
export function setRemoteCarets(tr: Transaction, carets: readonly RemoteCaret[]): Transaction {
  return tr.setMeta(key, carets).setMeta("addToHistory", false);
}
