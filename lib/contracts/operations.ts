import { z } from "zod";
import { annotationSchema, createAnnotationInput, createLinkInput, deleteAnnotationQuery, deleteLinkQuery, historyResponse, updateAnnotationInput } from "./annotations";
import { articleDetailSchema, articleListResponse, createArticleInput, createArticleResponse, listArticlesQuery } from "./articles";
import type { ErrorCode } from "./errors";
import { bulkExportQuery, exportArticleQuery, jsonLinesSchema, newsmarkArticleExportSchema, w3cCollectionSchema } from "./export";
import { healthResponse } from "./health";
import { articleEventsQuery, presenceInput, sendStepsInput, stepsAcceptedResponse, stepsSinceQuery, stepsSinceResponse } from "./collab";
import { meResponse } from "./me";
import { queuePageSchema, reviewInput, reviewQueueQuery } from "./review";
import { compareRevisionsQuery, createRevisionInput, createRevisionResponse, revisionComparisonResponse, revisionListResponse } from "./revisions";
import { createdTokenSchema, createTokenRequest, listTokensQuery, tokenListResponse } from "./tokens";
import { changePasswordInput, createUserInput, createUserResponse, passwordSetupLinkSchema, redeemPasswordSetupInput, updateUserInput, userListItemSchema, userListResponse } from "./users";
import type { Role } from "./vocabulary";

/** A schema with the name it has among the document's components. */
export interface Named {
  name: string;
  schema: z.ZodType;
}

const named = (name: string, schema: z.ZodType): Named => ({ name, schema });

/** One answer of an operation: JSON unless another media type is named; no schema means no body. */
export interface OperationResponse {
  description: string;
  body?: Named;
  /** Other media types with the same body (a W3C export is JSON-LD, say). */
  alternatives?: { contentType: string; body: Named; description: string }[];
  contentType?: string;
}

/** How a caller proves who they are: a session or token, nothing, or next-auth's own flow. */
export type Access = "signed-in" | "public";

/** One route and method of the public API, as the reference documents it. */
export interface Operation {
  id: string;
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI form: `/api/articles/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Only these roles; everyone signed in when absent. */
  roles?: readonly Role[];
  query?: Named;
  body?: Named;
  /** The body limit, when it is not the default 64 KB. */
  bodyLimit?: string;
  responses: Record<number, OperationResponse>;
  /** Error codes this operation may answer beyond those its access, query, body and path imply. */
  errors?: ErrorCode[];
}

const annotation = named("Annotation", annotationSchema);
const noContent = (description: string): OperationResponse => ({ description });
const json = (description: string, body: Named): OperationResponse => ({ description, body });

/** Every operation of the API; a test fails when a route handler has none, or one has no handler. */
export const OPERATIONS: Operation[] = [
  {
    id: "getHealth",
    method: "get",
    path: "/api/health",
    tag: "health",
    summary: "Liveness and which database is in use",
    description: "Public, for load balancers.",
    access: "public",
    responses: { 200: json("The app and its database answer", named("Health", healthResponse)) },
  },
  {
    id: "getOpenApiDocument",
    method: "get",
    path: "/api/openapi.json",
    tag: "reference",
    summary: "This document: the API's OpenAPI 3.1 reference",
    description: "Public; generated from the contracts the route handlers validate with. Rendered at `/api/docs`.",
    access: "public",
    responses: { 200: json("The OpenAPI document", named("OpenApiDocument", z.looseObject({ openapi: z.string() }))) },
  },
  {
    id: "nextAuthGet",
    method: "get",
    path: "/api/auth/{nextauth}",
    tag: "sign-in",
    summary: "next-auth's own endpoints: session, CSRF token, providers, sign-in callbacks",
    description: "Used by the sign-in page; scripts authenticate with a personal access token instead.",
    access: "public",
    responses: { 200: json("next-auth's answer", named("NextAuthAnswer", z.unknown())), 302: noContent("A redirect in the sign-in flow") },
  },
  {
    id: "nextAuthPost",
    method: "post",
    path: "/api/auth/{nextauth}",
    tag: "sign-in",
    summary: "next-auth's sign-in and sign-out forms",
    description: "Form posts from the sign-in page. Too many failed sign-ins for one email answer 429 with `Retry-After`.",
    access: "public",
    responses: { 200: json("next-auth's answer", named("NextAuthAnswer", z.unknown())), 302: noContent("A redirect in the sign-in flow") },
    errors: ["validation_failed", "rate_limited"],
  },
  {
    id: "getMe",
    method: "get",
    path: "/api/me",
    tag: "me",
    summary: "Who the caller is",
    access: "signed-in",
    responses: { 200: json("The signed-in user", named("Me", meResponse)) },
  },
  {
    id: "changeMyPassword",
    method: "post",
    path: "/api/me/password",
    tag: "me",
    summary: "Change your own password",
    description: "400 when the current password is wrong; 409 for an account without a password (single sign-on).",
    access: "signed-in",
    body: named("ChangePasswordRequest", changePasswordInput),
    responses: { 204: noContent("Changed") },
    errors: ["conflict", "rate_limited"],
  },
  {
    id: "redeemPasswordSetup",
    method: "post",
    path: "/api/password-setup",
    tag: "users",
    summary: "Set a password with a one-time set-up link (signed out)",
    description: "404 for an unknown link, 409 for one used or expired.",
    access: "public",
    body: named("RedeemPasswordSetupRequest", redeemPasswordSetupInput),
    responses: { 204: noContent("The password is set; the link is used up") },
    errors: ["not_found", "conflict", "forbidden"],
  },
  {
    id: "listArticles",
    method: "get",
    path: "/api/articles",
    tag: "articles",
    summary: "Articles, most recently changed first, with counts per kind and status",
    access: "signed-in",
    query: named("ListArticlesQuery", listArticlesQuery),
    responses: { 200: json("A page of articles", named("ArticleList", articleListResponse)) },
  },
  {
    id: "createArticle",
    method: "post",
    path: "/api/articles",
    tag: "articles",
    summary: "Import an article: text, Markdown, HTML, a ProseMirror document or a Newsmark JSON export",
    description: "A Newsmark export brings its annotations; `skippedWithoutText` counts those with no text to attach to.",
    access: "signed-in",
    body: named("CreateArticleRequest", createArticleInput),
    bodyLimit: "2 MB",
    responses: { 201: json("The imported article", named("CreatedArticle", createArticleResponse)) },
    errors: ["conflict"],
  },
  {
    id: "getArticle",
    method: "get",
    path: "/api/articles/{id}",
    tag: "articles",
    summary: "One article with its current revision and annotations in document order",
    access: "signed-in",
    responses: { 200: json("The article", named("ArticleDetail", articleDetailSchema)) },
  },
  {
    id: "exportArticle",
    method: "get",
    path: "/api/articles/{id}/export",
    tag: "export",
    summary: "One article as a download: Newsmark JSON or a W3C Web Annotation collection",
    access: "signed-in",
    query: named("ExportArticleQuery", exportArticleQuery),
    responses: {
      200: {
        description: "The export (`format=json`: Newsmark JSON; `format=w3c`: JSON-LD)",
        body: named("NewsmarkArticleExport", newsmarkArticleExportSchema),
        alternatives: [{ contentType: "application/ld+json", body: named("W3cAnnotationCollection", w3cCollectionSchema), description: "format=w3c" }],
      },
    },
  },
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
    summary: "Save corrected text as a new revision; annotations are mapped or found again by quote",
    description: "201 with the new revision; 200 when the text was unchanged; 409 when someone saved a newer revision first.",
    access: "signed-in",
    body: named("CreateRevisionRequest", createRevisionInput),
    bodyLimit: "2 MB",
    responses: {
      201: json("The new revision and where each annotation went", named("CreatedRevision", createRevisionResponse)),
      200: json("Nothing changed; nothing was written", named("CreatedRevision", createRevisionResponse)),
    },
    errors: ["conflict"],
  },
  {
    id: "sendSteps",
    method: "post",
    path: "/api/articles/{id}/steps",
    tag: "collaboration",
    summary: "Send text steps made on top of a version of the live text (prosemirror-collab)",
    description:
      "Accepted in one transaction with every annotation mapped through them: 200 with the new version. " +
      "409 when the text has moved on: `details` holds the steps since (with their client ids) to rebase on and send again, or `reload: true` when they are no longer kept. " +
      "400 for steps that do not apply, or a version ahead of the text's.",
    access: "signed-in",
    body: named("SendStepsRequest", sendStepsInput),
    responses: { 200: json("Accepted: the text's new version", named("StepsAccepted", stepsAcceptedResponse)) },
    errors: ["conflict"],
  },
  {
    id: "getSteps",
    method: "get",
    path: "/api/articles/{id}/steps",
    tag: "collaboration",
    summary: "The steps after a version, to catch up with the live text",
    description: "409 with `reload: true` when those steps were compacted away (behind the previous saved revision): reload the article.",
    access: "signed-in",
    query: named("StepsSinceQuery", stepsSinceQuery),
    responses: { 200: json("The steps, oldest first", named("StepsSince", stepsSinceResponse)) },
    errors: ["conflict"],
  },
  {
    id: "streamArticleEvents",
    method: "get",
    path: "/api/articles/{id}/events",
    tag: "collaboration",
    summary: "The article's live events as server-sent events",
    description:
      "`text/event-stream`. Each event has `id` = its number and `data` = `{seq, action, entityId, version, actor, annotation?}`: text steps (`text.steps`), " +
      "annotation changes and reviews (`annotation.*`, with the annotation as the change left it, positions at `version`), revisions (`revision.*`). " +
      "Start with `?after=` the `lastEvent` of GET /api/articles/{id}; a reconnecting browser sends `Last-Event-ID` and gets exactly what it missed. " +
      "Presence beats arrive as `event: presence`. The stream closes when the user is disabled.",
    access: "signed-in",
    query: named("ArticleEventsQuery", articleEventsQuery),
    responses: { 200: { description: "The event stream", body: named("ArticleEventStream", z.string()), contentType: "text/event-stream" } },
  },
  {
    id: "sendPresence",
    method: "post",
    path: "/api/articles/{id}/presence",
    tag: "collaboration",
    summary: "Say where your caret is and what you are doing, to everyone with the article open",
    access: "signed-in",
    body: named("PresenceRequest", presenceInput),
    responses: { 204: noContent("Sent to the others") },
  },
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
  {
    id: "reviewQueue",
    method: "get",
    path: "/api/review/queue",
    tag: "review",
    summary: "Pending and orphaned annotations across articles, oldest first",
    access: "signed-in",
    query: named("ReviewQueueQuery", reviewQueueQuery),
    responses: { 200: json("A page of the queue", named("QueuePage", queuePageSchema)) },
  },
  {
    id: "exportAll",
    method: "get",
    path: "/api/export",
    tag: "export",
    summary: "Every article as streamed JSON Lines, one Newsmark JSON article a line",
    access: "signed-in",
    query: named("BulkExportQuery", bulkExportQuery),
    responses: { 200: { description: "The articles, one a line", body: named("JsonLines", jsonLinesSchema), contentType: "application/x-ndjson" } },
  },
  {
    id: "listUsers",
    method: "get",
    path: "/api/users",
    tag: "users",
    summary: "Every user",
    access: "signed-in",
    roles: ["admin"],
    responses: { 200: json("The users", named("UserList", userListResponse)) },
  },
  {
    id: "createUser",
    method: "post",
    path: "/api/users",
    tag: "users",
    summary: "Add a user with a password, a one-time set-up link, or neither (single sign-on)",
    description: "409 when the email exists. The set-up link is shown this once only.",
    access: "signed-in",
    roles: ["admin"],
    body: named("CreateUserRequest", createUserInput),
    responses: { 201: json("The new user", named("CreatedUser", createUserResponse)) },
    errors: ["conflict"],
  },
  {
    id: "updateUser",
    method: "patch",
    path: "/api/users/{id}",
    tag: "users",
    summary: "Change a user's name, role or disabled flag",
    access: "signed-in",
    roles: ["admin"],
    body: named("UpdateUserRequest", updateUserInput),
    responses: { 200: json("The user", named("User", userListItemSchema)) },
    errors: ["conflict"],
  },
  {
    id: "createPasswordSetup",
    method: "post",
    path: "/api/users/{id}/password-setup",
    tag: "users",
    summary: "A new one-time set-up link for a user, replacing any earlier one",
    access: "signed-in",
    roles: ["admin"],
    responses: { 201: json("The link, shown this once only", named("PasswordSetupLink", passwordSetupLinkSchema)) },
    errors: ["conflict"],
  },
  {
    id: "listTokens",
    method: "get",
    path: "/api/tokens",
    tag: "tokens",
    summary: "Your personal access tokens; `?all=true` (admins) everyone's",
    access: "signed-in",
    query: named("ListTokensQuery", listTokensQuery),
    responses: { 200: json("The tokens, never their secrets", named("TokenList", tokenListResponse)) },
  },
  {
    id: "createToken",
    method: "post",
    path: "/api/tokens",
    tag: "tokens",
    summary: "Issue a personal access token for yourself",
    description: "The token is in the answer this once only; only its hash is stored.",
    access: "signed-in",
    body: named("CreateTokenRequest", createTokenRequest),
    responses: { 201: json("The new token", named("CreatedToken", createdTokenSchema)) },
    errors: ["conflict"],
  },
  {
    id: "revokeToken",
    method: "delete",
    path: "/api/tokens/{id}",
    tag: "tokens",
    summary: "Revoke a token (its owner, or an admin); its next request gets 401",
    access: "signed-in",
    responses: { 204: noContent("Revoked") },
  },
];
