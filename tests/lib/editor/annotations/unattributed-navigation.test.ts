import { EditorState, type Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { describe, expect, it } from "vitest";
import { annotationKeymap, UNATTRIBUTED_SHORTCUTS } from "@/lib/editor/annotation-keymap";
import { annotationPlugin, getAnnotationState, selectAnnotation, selectNextAnnotation, type EditorAnnotation } from "@/lib/editor/annotations";
import { unattributedClaimIds } from "@/lib/export/unattributed-claims";
import { claim, doc, p, run } from "./fixtures";

const node = doc(p("<a>Witkoff<b> said <c>Putin agreed<d>, <e>reportedly<f>."), p("<g>Kyiv<h> said <i>talks go on<j>. <k>Aides<l> said <m>it was late<n>."));
const t = node.tag as Record<string, number>;
const attribution = (id: string, from: number, to: number): EditorAnnotation => ({ id, kind: "attribution", from, to, status: "pending" });
const drawn: EditorAnnotation[] = [
  attribution("witkoff", t.a!, t.b!),
  claim("putin", t.c!, t.d!),
  { id: "reportedly", kind: "hedge", from: t.e!, to: t.f!, status: "pending" },
  attribution("kyiv", t.g!, t.h!),
  claim("talks", t.i!, t.j!),
  attribution("aides", t.k!, t.l!),
  claim("late", t.m!, t.n!),
];
// Witkoff said Putin agreed; the hedge qualifies "talks" but attributes nothing; nobody linked "late".
const links: Record<string, { type: "attributes" | "qualifies"; targetId: string }[]> = {
  witkoff: [{ type: "attributes", targetId: "putin" }],
  reportedly: [{ type: "qualifies", targetId: "talks" }],
};
const unattributed = unattributedClaimIds(drawn.map((a) => ({ id: a.id, kind: a.kind, links: links[a.id] ?? [] })));

const create = () => EditorState.create({ doc: node, plugins: [annotationPlugin({ initial: drawn }), annotationKeymap(() => () => false, () => unattributed)] });
const selected = (state: EditorState) => getAnnotationState(state).selectedId;

/** Presses a key as the editor's view would hand it to the keymap. */
function press(state: EditorState, key: "ArrowDown" | "ArrowUp", modifiers: { alt?: boolean; shift?: boolean }): { state: EditorState; handled: boolean } {
  let next = state;
  const view = { state, dispatch: (tr: Transaction) => (next = next.apply(tr)) } as unknown as EditorView;
  const event = { key, code: key, keyCode: key === "ArrowDown" ? 40 : 38, altKey: !!modifiers.alt, shiftKey: !!modifiers.shift, ctrlKey: false, metaKey: false } as KeyboardEvent;
  let handled = false;
  state.plugins.some((plugin) => (handled = plugin.props.handleKeyDown?.call(plugin, view, event) ?? false));
  return { state: next, handled };
}

describe("the next unattributed claim", () => {
  it("is what the one definition says: the claims no attribution attributes (a hedge's link does not count)", () => {
    expect([...unattributed].sort()).toEqual(["late", "talks"]);
  });

  it("Alt+Shift+↓ walks the unattributed claims in document order, skipping everything else, and wraps", () => {
    let state = create();
    const seen: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const pressed = press(state, "ArrowDown", { alt: true, shift: true });
      expect(pressed.handled).toBe(true);
      state = pressed.state;
      seen.push(selected(state));
    }
    expect(seen).toEqual(["talks", "late", "talks"]);
  });

  it("Alt+Shift+↑ walks backward; both continue from whatever annotation is selected", () => {
    const fromAides = run(create(), selectAnnotation("aides"));
    expect(selected(press(fromAides, "ArrowDown", { alt: true, shift: true }).state)).toBe("late");
    expect(selected(press(fromAides, "ArrowUp", { alt: true, shift: true }).state)).toBe("talks");
    const fromWitkoff = run(create(), selectAnnotation("witkoff"));
    expect(selected(press(fromWitkoff, "ArrowUp", { alt: true, shift: true }).state)).toBe("late");
  });

  it("leaves Alt+↓ as it was: every annotation in turn", () => {
    expect(selected(press(create(), "ArrowDown", { alt: true }).state)).toBe("witkoff");
  });

  it("is not handled when every claim is attributed, and a lone unattributed claim stays selected", () => {
    const none = EditorState.create({ doc: node, plugins: [annotationPlugin({ initial: drawn }), annotationKeymap(() => () => false, () => new Set())] });
    expect(press(none, "ArrowDown", { alt: true, shift: true }).handled).toBe(false);
    const only = (a: EditorAnnotation) => a.id === "putin";
    const on = run(create(), selectAnnotation("putin"));
    expect(selectNextAnnotation(1, only)(on)).toBe(true);
    expect(selected(run(on, selectNextAnnotation(1, only)))).toBe("putin");
  });

  it("binds the keys the page names", () => {
    expect(UNATTRIBUTED_SHORTCUTS).toEqual({ next: "Alt-Shift-ArrowDown", previous: "Alt-Shift-ArrowUp" });
  });
});
