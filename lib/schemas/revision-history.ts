import { z } from "zod";
import { uuidSchema } from "./article";

/** What became of an annotation when a revision was saved, from least to most disruptive. */
export const REVISION_OUTCOMES = ["kept", "moved", "changed", "orphaned"] as const;
export const revisionOutcomeSchema = z.enum(REVISION_OUTCOMES);

/** A revision as named in a URL: by its id, or by its number within the article. */
export type RevisionRef = { id: string } | { number: number };

const REF_MESSAGE = "must be a revision id (a UUID) or a revision number (1, 2, …)";
// Nine digits keep the number inside PostgreSQL's integer range.
const REVISION_NUMBER = /^[1-9][0-9]{0,8}$/;

export const revisionRefSchema = z
  .string({ error: "is required" })
  .trim()
  .refine((value) => REVISION_NUMBER.test(value) || uuidSchema.safeParse(value).success, REF_MESSAGE)
  .transform((value): RevisionRef => (REVISION_NUMBER.test(value) ? { number: Number(value) } : { id: value }));

/** The query of GET /api/articles/:id/revisions/compare: the two revisions to compare, in either order. */
export const compareRevisionsQuery = z.object({ from: revisionRefSchema, to: revisionRefSchema }).strict();
export type CompareRevisionsQuery = z.input<typeof compareRevisionsQuery>;

/** The part of a stored `revision.create` audit event that history reads; events written before outcomes were recorded lack it. */
export const recordedRevisionSchema = z.object({ outcomes: z.record(z.string(), revisionOutcomeSchema) });

/** The part of a stored `annotation.reanchor` or `annotation.orphan` event that history reads. */
export const recordedPlacementSchema = z.object({
  before: z.object({ quote: z.string() }),
  after: z.object({
    // The revision the annotation was carried to (reanchor), or the one it was lost in (orphan).
    revisionId: z.string().optional(),
    newRevisionId: z.string().optional(),
    quote: z.string().optional(),
  }),
});
