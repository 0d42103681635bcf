export type { AnnotationKind, AnnotationLink, AnnotationPatch, AnnotationStatus, EditorAnnotation } from "./types";
export type { AnnotationAction, AnnotationMeta, AnnotationOrigin } from "./annotation-action";
export { getAnnotationMeta, withAnnotationAction } from "./annotation-meta";
export type { AnnotationState } from "./annotation-state";
export { createAnnotationState } from "./annotation-state";
export { annotationReducer } from "./annotation-reducer";
export { mapAnnotationState } from "./annotation-mapping";
export { annotationAttrs, annotationDecoration, type AnnotationDecorationSpec } from "./annotation-decorations";
export {
  ANNOTATION_HISTORY_DEPTH,
  type AnnotationHistory,
  type AnnotationHistoryEntry,
} from "./annotation-history";
export { compareDocumentOrder, inDocumentOrder, innermostAnnotation } from "./annotation-order";
export { annotationPlugin, getAnnotationState, type AnnotationPluginOptions } from "./annotation-plugin";
export {
  addAnnotation,
  linkAnnotation,
  redoAnnotation,
  removeAnnotation,
  replaceAnnotations,
  selectAnnotation,
  selectNextAnnotation,
  tagSelection,
  undoAnnotation,
  unlinkAnnotation,
  updateAnnotation,
} from "./annotation-commands";
