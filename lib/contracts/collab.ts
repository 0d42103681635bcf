import { z } from "zod";
import { uuidSchema } from "./common";

/** The most steps one request may send: a paste is one step, so typing never comes near it. */
export const MAX_STEPS_PER_BATCH = 500;

/** A text version: how many collaboration steps the article's text has taken. */
export const textVersionSchema = z.number().int("must be a whole number").min(0, "must not be negative").max(2_000_000_000);

/** A prosemirror-transform step as JSON (`Step.toJSON()`); the server checks that it applies. */
export const stepJsonSchema = z.object({ stepType: z.string().min(1).max(40) }).catchall(z.unknown());

/** What POST /api/articles/:id/steps accepts: steps made on top of `version`, from one editor page. */
export const sendStepsInput = z
  .object({
    version: textVersionSchema,
    /** The sending page's collab client id: its own steps come back to it marked as its own. */
    clientId: z.string().min(1).max(64),
    steps: z.array(stepJsonSchema).min(1, "send at least one step").max(MAX_STEPS_PER_BATCH, `send at most ${MAX_STEPS_PER_BATCH} steps at once`),
  })
  .strict();
export type SendStepsInput = z.input<typeof sendStepsInput>;

/** The answer to accepted steps: the text's new version. */
export const stepsAcceptedResponse = z.object({ version: textVersionSchema });

/** The query of GET /api/articles/:id/steps: the version the caller has. */
export const stepsSinceQuery = z.object({ since: z.coerce.number().int("must be a whole number").min(0, "must not be negative") }).strict();

/**
 * The query of GET /api/articles/:id/events: the number of the last event the page has (the
 * article's `lastEvent`). A reconnecting browser sends `Last-Event-ID` instead, which wins.
 */
export const articleEventsQuery = z.object({ after: z.string().regex(/^(0|[1-9][0-9]{0,9})$/, "must be a whole number").optional() }).strict();

/** Steps after a version, in order, each with the client that sent it. */
export const stepsSinceResponse = z.object({
  version: textVersionSchema,
  steps: z.array(stepJsonSchema),
  clientIds: z.array(z.string()),
});
export type StepsSince = z.infer<typeof stepsSinceResponse>;

/**
 * The details of a 409 for steps sent on an older version: the steps since, to rebase on; or
 * `reload: true` when those steps were compacted away (reload the text, keep yours as a draft).
 */
export const stepsConflictDetails = z.union([stepsSinceResponse, z.object({ reload: z.literal(true), version: textVersionSchema })]);

/** What POST /api/articles/:id/presence accepts: where this page's caret or selection is, at a text version. */
export const presenceInput = z
  .object({
    clientId: z.string().min(1).max(64),
    version: textVersionSchema,
    from: z.number().int().min(0).max(50_000_000),
    to: z.number().int().min(0).max(50_000_000),
    /** What the person is doing on the page, shown to the others. */
    activity: z.enum(["editing", "reviewing"]),
  })
  .strict();
export type PresenceInput = z.infer<typeof presenceInput>;

/** One live event of an article as the event stream sends it (the SSE `data` field). */
export const articleEventSchema = z.object({
  seq: z.number().int(),
  action: z.string(),
  entityId: z.string(),
  /** The text version when the event was written: positions in `annotation` refer to it. */
  version: textVersionSchema,
  actor: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  /** The annotation as it stands after the change (absent for text steps and deletes). */
  annotation: z.unknown().optional(),
});
export type ArticleEvent = z.infer<typeof articleEventSchema>;

/** A presence beat as the event stream sends it (an SSE event named `presence`, not resumable). */
export const presenceEventSchema = presenceInput.extend({ user: z.object({ id: uuidSchema, name: z.string() }), at: z.number().int() });
export type PresenceEvent = z.infer<typeof presenceEventSchema>;
