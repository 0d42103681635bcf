import { annotationSchema, createAnnotationInput, createLinkInput, deleteAnnotationQuery, deleteLinkQuery, historyResponse, updateAnnotationInput } from "../annotations";
import { reviewInput } from "../review";
import { json, named, noContent, type Operation } from "./operation";

/** The annotation as these operations answer with it: one component, however many answers. */
const annotation = named("Annotation", annotationSchema);

/** Annotations: tagging a span, changing, linking and deleting it, its review, and its history. */
export const ANNOTATION_OPERATIONS: Operation[] = [
  {
    id: "createAnnotation",
    method: "post",
    path: "/api/articles/{id}/annotations",
    tag: "annotations",
    summary: "Tag a span as a claim, hedge or attribution",
    description:
      "The span is `{from, to}` (ProseMirror positions), `{start, end}` (Unicode code points) or `{quote: {exact, prefix?, suffix?}}`. " +
      "A client-chosen `id` makes the create idempotent: repeating it answers 200 with the same annotation.",
    access: "signed-in",
    body: named("CreateAnnotationRequest", createAnnotationInput),
    responses: { 201: json("Created", annotation), 200: json("Already created with this id", annotation) },
    errors: ["conflict"],
  },
  {
    id: "updateAnnotation",
    method: "patch",
    path: "/api/annotations/{id}",
    tag: "annotations",
    summary: "Change kind, note, attributes or span at a version",
    description: "`revisionId` with `from` and `to` re-attaches an orphan to the current revision. 409 with the current state when the version is stale.",
    access: "signed-in",
    body: named("UpdateAnnotationRequest", updateAnnotationInput),
    responses: { 200: json("The updated annotation", annotation) },
    errors: ["conflict"],
  },
  {
    id: "deleteAnnotation",
    method: "delete",
    path: "/api/annotations/{id}",
    tag: "annotations",
    summary: "Delete an annotation at a version",
    access: "signed-in",
    query: named("DeleteAnnotationQuery", deleteAnnotationQuery),
    responses: { 204: noContent("Deleted") },
    errors: ["conflict"],
  },
  {
    id: "createLink",
    method: "post",
    path: "/api/annotations/{id}/links",
    tag: "annotations",
    summary: "Link an attribution to the claim it attributes, or a hedge to the claim it qualifies",
    access: "signed-in",
    body: named("CreateLinkRequest", createLinkInput),
    responses: { 201: json("The source annotation with its links", annotation) },
    errors: ["conflict"],
  },
  {
    id: "deleteLink",
    method: "delete",
    path: "/api/annotations/{id}/links/{targetId}",
    tag: "annotations",
    summary: "Remove a link to a claim",
    description: "The type follows from the source's kind; `?type=` may name it and must then agree. 404 when there is no such link.",
    access: "signed-in",
    query: named("DeleteLinkQuery", deleteLinkQuery),
    responses: { 204: noContent("Removed") },
    errors: ["conflict"],
  },
  {
    id: "reviewAnnotation",
    method: "post",
    path: "/api/annotations/{id}/review",
    tag: "review",
    summary: "Approve or reject someone else's annotation (four-eyes rule)",
    description: "A rejection needs a reason. An orphan can only be rejected.",
    access: "signed-in",
    roles: ["reviewer", "admin"],
    body: named("ReviewRequest", reviewInput),
    responses: { 200: json("The decided annotation", annotation) },
    errors: ["conflict"],
  },
  {
    id: "annotationHistory",
    method: "get",
    path: "/api/annotations/{id}/history",
    tag: "annotations",
    summary: "Who did what to an annotation and when, oldest first",
    access: "signed-in",
    responses: { 200: json("The audit history", named("AnnotationHistory", historyResponse)) },
  },
];
