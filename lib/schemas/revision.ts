import { z } from "zod";
import { uuidSchema } from "./article";

const position = z.number().int("must be a whole number").min(0, "must not be negative").max(50_000_000);

/** Where the editor mapped one annotation in the new document, in ProseMirror positions. */
export const mappedAnnotationSchema = z.object({ id: uuidSchema, from: position, to: position }).strict();

/** What POST /api/articles/:id/revisions accepts: the revision edited, the new document, and optional mapped spans. */
export const createRevisionInput = z
  .object({
    baseRevisionId: uuidSchema,
    doc: z.record(z.string(), z.unknown()),
    // Bounded so a request cannot make the server resolve an unbounded list of spans.
    annotations: z.array(mappedAnnotationSchema).max(10_000).optional(),
    // Annotations whose words the editor saw deleted: orphaned as they are, not searched for by quote.
    orphaned: z.array(uuidSchema).max(10_000).optional(),
  })
  .strict();
export type CreateRevisionInput = z.input<typeof createRevisionInput>;
