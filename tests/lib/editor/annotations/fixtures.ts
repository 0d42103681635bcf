import type { Command, EditorState } from "prosemirror-state";
import { builders, type NodeBuilder } from "prosemirror-test-builder";
import { expect } from "vitest";
import type { EditorAnnotation } from "@/lib/editor/annotations";
import { schema } from "@/lib/editor/schema";

/** Document builders for the article schema; `<a>`-style tags in strings mark positions. */
const b = builders(schema, { p: { nodeType: "paragraph" }, h2: { nodeType: "heading", level: 2 } });
export const doc = b.doc;
export const p = b.p as NodeBuilder;
export const h2 = b.h2 as NodeBuilder;

/** A pending claim over a range. */
export function claim(id: string, from: number, to: number): EditorAnnotation {
  return { id, kind: "claim", from, to, status: "pending" };
}

/** Runs a command that must apply, and returns the state after it. */
export function run(state: EditorState, command: Command): EditorState {
  let next = state;
  expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next;
}
