import { z } from "zod";
import { annotationSchema } from "./annotations";
import { nextCursorSchema } from "./common";
import { annotationKindSchema } from "./vocabulary";

/** `POST /api/annotations/:id/review`: a decision at a version; a rejection needs a reason. */
export const reviewInput = z
  .object({
    version: z.number().int().min(1),
    decision: z.enum(["approve", "reject"]),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((v) => v.decision === "approve" || (v.note && v.note.length > 0), {
    message: "A rejection needs a reason for the author",
    path: ["note"],
  });

/** `GET /api/review/queue`: filters and keyset pagination. */
export const reviewQueueQuery = z
  .object({
    kind: annotationKindSchema.optional(),
    articleId: z.uuid({ message: "must be a UUID" }).optional(),
    authorId: z.uuid({ message: "must be a UUID" }).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

/** One annotation waiting for a decision, with its article and, when a correction changed its words, the words it had. */
export const queueItemSchema = annotationSchema.extend({
  article: z.object({ id: z.string(), title: z.string() }),
  previousQuote: z.string().nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/** A page of the queue; `total` counts pending annotations and `orphaned` orphaned ones, both under the filters. */
export const queuePageSchema = z.object({
  items: z.array(queueItemSchema),
  nextCursor: nextCursorSchema,
  total: z.number().int(),
  orphaned: z.number().int(),
});
export type QueuePage = z.infer<typeof queuePageSchema>;
