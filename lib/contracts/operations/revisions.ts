import { compareRevisionsQuery, createRevisionInput, createRevisionResponse, revisionComparisonResponse, revisionListResponse } from "../revisions";
import { json, named, type Operation } from "./operation";

/** An article's saved revisions: listing them, and saving or replacing the text. */
export const REVISION_OPERATIONS: Operation[] = [
  {
    id: "listRevisions",
    method: "get",
    path: "/api/articles/{id}/revisions",
    tag: "revisions",
    summary: "An article's revisions, newest first, with what became of the annotations at each",
    access: "signed-in",
    responses: { 200: json("The revisions", named("RevisionList", revisionListResponse)) },
  },
  {
    id: "createRevision",
    method: "post",
    path: "/api/articles/{id}/revisions",
    tag: "revisions",
    summary: "Save the live text as a revision, or replace the text as a whole",
    description:
      "`{}` (or `{baseRevisionId}` alone) saves the shared live text as it stands as a named revision (the editor's Save): 201, or 200 when it was saved already. " +
      "`{baseRevisionId, doc}` replaces the text as a whole (a CMS correction, a script): annotations are mapped or found again by quote, and open editors follow it as one step; " +
      "409 when the text moved on since `baseRevisionId`.",
    access: "signed-in",
    body: named("CreateRevisionRequest", createRevisionInput),
    bodyLimit: "2 MB",
    responses: {
      201: json("The new revision and where each annotation went", named("CreatedRevision", createRevisionResponse)),
      200: json("Nothing changed; nothing was written", named("CreatedRevision", createRevisionResponse)),
    },
    errors: ["conflict"],
  },
];

/** Two revisions compared; apart from the others, as the reference shows it after the live text's operations. */
export const REVISION_COMPARISON_OPERATIONS: Operation[] = [
  {
    id: "compareRevisions",
    method: "get",
    path: "/api/articles/{id}/revisions/compare",
    tag: "revisions",
    summary: "Two revisions compared: a word diff and what became of each annotation",
    description: "`from` and `to` are revision ids or numbers, in either order.",
    access: "signed-in",
    query: named("CompareRevisionsQuery", compareRevisionsQuery),
    responses: { 200: json("The comparison", named("RevisionComparison", revisionComparisonResponse)) },
  },
];
