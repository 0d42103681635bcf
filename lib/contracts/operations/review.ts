import { z } from "zod";
import { queuePageSchema, reviewQueueQuery } from "../review";
import { json, named, type Operation } from "./operation";

/** The review queue across articles, and the events that tell an open queue to read it again. */
export const REVIEW_OPERATIONS: Operation[] = [
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
    id: "streamReviewQueueEvents",
    method: "get",
    path: "/api/review/events",
    tag: "review",
    summary: "Server-sent events telling an open review queue that it may have changed",
    description:
      "`text/event-stream`. `event: changed` with `data` = `{articleId}` whenever any article has a new live event (an annotation tagged, changed, deleted, " +
      "reviewed or orphaned, the text edited), and `{articleId: null}` after a break in which some may have been missed. No annotation travels: " +
      "read GET /api/review/queue again (a page does so once changes settle, and on reconnecting). The stream closes when the user is disabled.",
    access: "signed-in",
    responses: { 200: { description: "The event stream", body: named("ReviewQueueEventStream", z.string()), contentType: "text/event-stream" } },
  },
];
