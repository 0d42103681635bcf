import type { AnnotationKind, AnnotationStatus, LinkType } from "../../contracts/vocabulary";

export type { AnnotationKind, AnnotationStatus };

// Notes and other fields stay with the app, keyed by id: the plugin holds only what it draws.
/** What the editor draws for one annotation: its ProseMirror range in the current document and its labels. */
export interface EditorAnnotation {
  readonly id: string;
  readonly kind: AnnotationKind;
  readonly from: number;
  readonly to: number;
  readonly status: AnnotationStatus;
}

/** A link from an attribution (`attributes`) or a hedge (`qualifies`) to a claim: "who said what". */
export interface AnnotationLink {
  readonly type: LinkType;
  readonly targetId: string;
}

/** The fields of an annotation that can change without moving it. */
export interface AnnotationPatch {
  readonly kind?: AnnotationKind;
  readonly status?: AnnotationStatus;
}
