import type { AnnotationLink, AnnotationPatch, EditorAnnotation } from "./types";

/** One change to the annotation plugin state, carried as transaction meta; positions refer to tr.doc. */
export type AnnotationAction =
  | { readonly type: "add"; readonly annotation: EditorAnnotation }
  | { readonly type: "remove"; readonly id: string }
  | { readonly type: "update"; readonly id: string; readonly patch: AnnotationPatch }
  | { readonly type: "replaceAll"; readonly annotations: readonly EditorAnnotation[] }
  // Annotations whose words an undo restored: drawn again as they were, without an undo entry of their own.
  | { readonly type: "restore"; readonly annotations: readonly EditorAnnotation[] }
  | { readonly type: "select"; readonly id: string | null }
  // Links are not drawn, so these change no decoration: they give linking and unlinking a place in
  // the undo history (each the other's inverse) and reach the server like every other change.
  | { readonly type: "link"; readonly id: string; readonly link: AnnotationLink }
  | { readonly type: "unlink"; readonly id: string; readonly link: AnnotationLink };

// Remote changes get no undo entry and discard local ones for the same annotation,
// so undo never replays a change on top of someone else's newer one.
/** Where an action comes from: a local (undoable) change, an undo or redo, or another editor via the server. */
export type AnnotationOrigin = "local" | "undo" | "redo" | "remote";

/** The meta an annotation transaction carries: the concrete action and its origin. */
export interface AnnotationMeta {
  readonly action: AnnotationAction;
  readonly origin: AnnotationOrigin;
}
