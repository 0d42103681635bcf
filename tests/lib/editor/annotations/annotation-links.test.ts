import { history } from "prosemirror-history";
import { EditorState, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { plannedOperation } from "@/components/editor/annotation-operation";
import type { AnnotationDetails } from "@/components/editor/annotation-types";
import { withPatch, type DetailsMap } from "@/components/editor/details-map";
import {
  annotationPlugin,
  getAnnotationMeta,
  getAnnotationState,
  linkAnnotation,
  redoAnnotation,
  removeAnnotation,
  replaceAnnotations,
  undoAnnotation,
  unlinkAnnotation,
  type AnnotationMeta,
  type EditorAnnotation,
} from "@/lib/editor/annotations";
import { undoLatest, undoOrderPlugin } from "@/lib/editor/undo-order";
import { claim, doc, p, run } from "./fixtures";

const node = doc(p("<a>Steve Witkoff<b> said <c>Putin had agreed<d>."));
const { a, b, c, d } = node.tag as Record<string, number>;
const source: EditorAnnotation = { id: "witkoff", kind: "attribution", from: a!, to: b!, status: "pending" };
const link = { type: "attributes", targetId: "putin" } as const;
const author = { id: "u1", name: "Eddie Editor" };

function create(): EditorState {
  return EditorState.create({ doc: node, plugins: [annotationPlugin({ initial: [source, claim("putin", c!, d!)] }), history(), undoOrderPlugin()] });
}

/** Runs a command and returns the state after it with the annotation meta its transaction carried. */
function step(state: EditorState, command: (s: EditorState, dispatch?: (tr: Transaction) => void) => boolean): { state: EditorState; meta: AnnotationMeta } {
  let tr: Transaction | undefined;
  expect(command(state, (t) => (tr = t))).toBe(true);
  const meta = getAnnotationMeta(tr!);
  expect(meta).toBeDefined();
  return { state: state.apply(tr!), meta: meta! };
}

/** What the page shows of the attribution, linked to the claim. */
const linkedDetails: AnnotationDetails = {
  id: "witkoff",
  kind: "attribution",
  status: "pending",
  note: "",
  attributes: {},
  links: [link],
  createdBy: author,
  quote: { exact: "Steve Witkoff", prefix: "", suffix: "" },
  reviewNote: null,
  saved: true,
};

/** The page's details after the operation a meta plans (as the editor applies it). */
function shown(map: DetailsMap, meta: AnnotationMeta): { map: DetailsMap; operation: unknown } {
  const planned = plannedOperation(meta.action, node, map.get("witkoff"), author)!;
  expect(planned).not.toBeNull();
  return { map: planned.patch ? withPatch(map, planned.operation.id, planned.patch) : map, operation: planned.operation };
}

describe("removing a link in the editor", () => {
  it("is an undoable change: undo links again through the same operation that creates a link, redo unlinks again", () => {
    let map: DetailsMap = new Map([["witkoff", linkedDetails]]);
    const removed = step(create(), unlinkAnnotation("witkoff", link));
    expect(removed.meta).toEqual({ action: { type: "unlink", id: "witkoff", link }, origin: "local" });
    let planned = shown(map, removed.meta);
    expect(planned.operation).toEqual({ type: "unlink", id: "witkoff", body: link });
    map = planned.map;
    expect(map.get("witkoff")!.links).toEqual([]);
    expect(getAnnotationState(removed.state).history.undo).toHaveLength(1);

    const undone = step(removed.state, undoAnnotation);
    expect(undone.meta).toEqual({ action: { type: "link", id: "witkoff", link }, origin: "undo" });
    planned = shown(map, undone.meta);
    // The very operation linking sends: POST /api/annotations/witkoff/links {type, targetId}.
    expect(planned.operation).toEqual({ type: "link", id: "witkoff", body: link });
    map = planned.map;
    expect(map.get("witkoff")!.links).toEqual([link]);
    expect(getAnnotationState(undone.state).history).toMatchObject({ undo: [], redo: [{ id: "witkoff" }] });

    const redone = step(undone.state, redoAnnotation);
    expect(redone.meta).toEqual({ action: { type: "unlink", id: "witkoff", link }, origin: "redo" });
    expect(shown(map, redone.meta).map.get("witkoff")!.links).toEqual([]);
  });

  it("Ctrl+Z (undoLatest) takes back the unlink before an earlier tag removal", () => {
    const deleted = run(create(), removeAnnotation("putin"));
    const restored = run(deleted, undoAnnotation);
    const unlinked = step(restored, unlinkAnnotation("witkoff", link)).state;
    const first = step(unlinked, undoLatest);
    expect(first.meta.action).toEqual({ type: "link", id: "witkoff", link });
    expect([...getAnnotationState(first.state).annotations.keys()].sort()).toEqual(["putin", "witkoff"]);
  });

  it("linking is undoable the same way: undo unlinks", () => {
    const linked = step(create(), linkAnnotation("witkoff", link));
    expect(shown(new Map([["witkoff", { ...linkedDetails, links: [] }]]), linked.meta).map.get("witkoff")).toMatchObject({ links: [link], saved: false });
    expect(step(linked.state, undoAnnotation).meta.action).toEqual({ type: "unlink", id: "witkoff", link });
  });

  it("changes no drawn annotation, and refuses an annotation that is not drawn", () => {
    const state = create();
    const after = step(state, unlinkAnnotation("witkoff", link)).state;
    expect(getAnnotationState(after).annotations).toBe(getAnnotationState(state).annotations);
    expect(getAnnotationState(after).decorations).toBe(getAnnotationState(state).decorations);
    expect(unlinkAnnotation("gone", link)(state)).toBe(false);
    expect(linkAnnotation("gone", link)(state)).toBe(false);
  });

  it("forgets the undo entry when the server's annotations replace the editor's (a refetch)", () => {
    const unlinked = step(create(), unlinkAnnotation("witkoff", link)).state;
    const refetched = run(unlinked, replaceAnnotations([source]));
    expect(undoAnnotation(refetched)).toBe(false);
  });
});
