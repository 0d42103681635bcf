import { z } from "zod";
import { articleEventsQuery, presenceInput, sendStepsInput, stepsAcceptedResponse, stepsSinceQuery, stepsSinceResponse } from "../collab";
import { json, named, noContent, type Operation } from "./operation";

/** Editing an article together: the live text's steps, its event stream, and who is where. */
export const COLLABORATION_OPERATIONS: Operation[] = [
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
];
