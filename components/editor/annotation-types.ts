import type { EditorAnnotationJson } from "./editor-payload";

/** What the editor page knows about one annotation beyond its drawn range. */
export type AnnotationDetails = Pick<EditorAnnotationJson, "id" | "kind" | "status" | "note" | "attributes" | "createdBy" | "quote" | "links" | "reviewNote"> &
  // What the four-eyes rule reads; absent on an annotation made here and not yet answered by the server (its creator's, then).
  Partial<Pick<EditorAnnotationJson, "reviewedAt" | "substanceBy" | "substanceAt">> & {
  /** False until the server has confirmed the annotation. */
  saved: boolean;
};

/** Details from an API annotation. */
export function detailsFrom(a: EditorAnnotationJson): AnnotationDetails {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    note: a.note,
    attributes: a.attributes,
    createdBy: a.createdBy,
    quote: a.quote,
    links: a.links,
    reviewNote: a.reviewNote,
    reviewedAt: a.reviewedAt,
    substanceBy: a.substanceBy,
    substanceAt: a.substanceAt,
    saved: true,
  };
}
