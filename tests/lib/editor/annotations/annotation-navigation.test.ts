import { EditorState } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import {
  annotationPlugin,
  getAnnotationState,
  removeAnnotation,
  selectAnnotation,
  selectNextAnnotation,
} from "@/lib/editor/annotations";
import { claim, doc, p, run } from "./fixtures";

const node = doc(p("<a>One two<b> three <c>four five<d>"), p("six <e>seven<f>"));
const { a, b: bb, c, d, e, f } = node.tag as Record<string, number>;
// Listed out of order on purpose; ids sort differently from document order too.
const initial = [claim("z-last", e!, f!), claim("m-long", a!, d!), claim("b-later", c!, d!), claim("q-first", a!, bb!)];

function walk(state: EditorState, dir: 1 | -1, steps: number): (string | null)[] {
  const seen: (string | null)[] = [];
  for (let i = 0; i < steps; i++) {
    state = run(state, selectNextAnnotation(dir));
    seen.push(getAnnotationState(state).selectedId);
  }
  return seen;
}

describe("selectNextAnnotation", () => {
  const state = EditorState.create({ doc: node, plugins: [annotationPlugin({ initial })] });

  it("walks forward in document order (start, then end) and wraps", () => {
    expect(walk(state, 1, 5)).toEqual(["q-first", "m-long", "b-later", "z-last", "q-first"]);
  });

  it("walks backward from the end and wraps", () => {
    expect(walk(state, -1, 5)).toEqual(["z-last", "b-later", "m-long", "q-first", "z-last"]);
  });

  it("continues from whichever annotation is selected", () => {
    expect(walk(run(state, selectAnnotation("b-later")), 1, 2)).toEqual(["z-last", "q-first"]);
  });

  it("does nothing without annotations", () => {
    const empty = run(run(run(run(state, removeAnnotation("z-last")), removeAnnotation("m-long")), removeAnnotation("b-later")), removeAnnotation("q-first"));
    expect(selectNextAnnotation(1)(empty)).toBe(false);
  });
});
