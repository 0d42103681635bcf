import type { AnnotationPatch, EditorAnnotation } from "./types";

/**
 * One change to the annotation plugin state, carried as transaction meta.
 * Positions refer to the document the transaction produces.
 */
export type AnnotationAction =
  | { readonly type: "add"; readonly annotation: EditorAnnotation }
  | { readonly type: "remove"; readonly id: string }
  | { readonly type: "update"; readonly id: string; readonly patch: AnnotationPatch }
  | { readonly type: "replaceAll"; readonly annotations: readonly EditorAnnotation[] }
  | { readonly type: "select"; readonly id: string | null };

/**
 * Where an action comes from. "local" changes are undoable; "undo"/"redo" replay the
 * history; "remote" changes (another editor's, pushed from the server) are applied
 * without an undo entry and discard local undo entries for the same annotation.
 */
export type AnnotationOrigin = "local" | "undo" | "redo" | "remote";

/** The meta an annotation transaction carries: the concrete action and its origin. */
export interface AnnotationMeta {
  readonly action: AnnotationAction;
  readonly origin: AnnotationOrigin;
}
