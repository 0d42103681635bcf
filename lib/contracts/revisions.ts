import { z } from "zod";
import { annotationSchema } from "./annotations";
import { revisionSchema } from "./articles";
import { isoDateTimeSchema, personRefSchema, uuidSchema } from "./common";
import { annotationKindSchema, annotationStatusSchema } from "./vocabulary";

const position = z.number().int("must be a whole number").min(0, "must not be negative").max(50_000_000);

/** Where the editor mapped one annotation in the new document, in ProseMirror positions. */
export const mappedAnnotationSchema = z.object({ id: uuidSchema, from: position, to: position }).strict();

/** What POST /api/articles/:id/revisions accepts: the revision edited, the new document, and optional mapped spans. */
export const createRevisionInput = z
  .object({
    /** The revision `doc` was edited from; required with `doc`. */
    baseRevisionId: uuidSchema.optional(),
    /** The new text as a whole. Without it, the live text is saved as it stands (Save in the editor). */
    doc: z.record(z.string(), z.unknown()).optional(),
    // Bounded so a request cannot make the server resolve an unbounded list of spans.
    annotations: z.array(mappedAnnotationSchema).max(10_000).optional(),
    // Annotations whose words the editor saw deleted: orphaned as they are, not searched for by quote.
    orphaned: z.array(uuidSchema).max(10_000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.doc !== undefined && v.baseRevisionId === undefined) ctx.addIssue({ code: "custom", message: "Send baseRevisionId with doc", path: ["baseRevisionId"] });
    if (v.doc === undefined && (v.annotations !== undefined || v.orphaned !== undefined)) {
      ctx.addIssue({ code: "custom", message: "annotations and orphaned go with a new doc", path: ["doc"] });
    }
  });
export type CreateRevisionInput = z.input<typeof createRevisionInput>;

/** What became of an annotation when a revision was saved, from least to most disruptive. */
export const REVISION_OUTCOMES = ["kept", "moved", "changed", "orphaned"] as const;
export const revisionOutcomeSchema = z.enum(REVISION_OUTCOMES);
export type RevisionOutcome = z.infer<typeof revisionOutcomeSchema>;

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

/** `POST /api/articles/:id/revisions`: the new revision, the annotations carried to it, those orphaned, and what became of each. */
export const createRevisionResponse = z.object({
  revision: revisionSchema,
  annotations: z.array(annotationSchema),
  orphaned: z.array(annotationSchema),
  outcomes: z.record(z.string(), revisionOutcomeSchema),
});

/** How many annotations each outcome befell. */
export const outcomeCountsSchema = z.object({ kept: z.number().int(), moved: z.number().int(), changed: z.number().int(), orphaned: z.number().int() });
export type OutcomeCounts = z.infer<typeof outcomeCountsSchema>;

/** One revision in an article's history. */
export const revisionSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  createdAt: isoDateTimeSchema,
  createdBy: personRefSchema,
  /** Unicode code points of the plain text, the unit of annotation offsets. */
  length: z.number().int(),
  words: z.number().int(),
  /** What became of the annotations carried over to this revision; null for the original text, which carried none. */
  outcomes: outcomeCountsSchema.nullable(),
});
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;

/** `GET /api/articles/:id/revisions`: newest first. */
export const revisionListResponse = z.object({
  article: z.object({ id: z.string(), title: z.string(), currentRevisionId: z.string() }),
  revisions: z.array(revisionSummarySchema),
});
export type RevisionList = z.infer<typeof revisionListResponse>;

/** One stretch of a word diff. */
export const diffSegmentSchema = z.object({ type: z.enum(["equal", "insert", "delete"]), text: z.string() });
export type DiffSegment = z.infer<typeof diffSegmentSchema>;

/** What became of one annotation between two revisions. */
export const annotationChangeSchema = z.object({
  id: z.string(),
  kind: annotationKindSchema,
  /** Its status now, which may postdate the newer revision. */
  status: annotationStatusSchema,
  /** Deleted since; its history still counts. */
  deleted: z.boolean(),
  /** The most disruptive outcome of the revisions after the older one up to the newer one. */
  outcome: revisionOutcomeSchema,
  /** The words it covers now. */
  quote: z.string(),
  /** The words it covered in the older revision, for changed and orphaned annotations; null otherwise. */
  oldQuote: z.string().nullable(),
  newQuote: z.string().nullable(),
});
export type AnnotationChange = z.infer<typeof annotationChangeSchema>;

/** `GET /api/articles/:id/revisions/compare`: a word diff and what became of each annotation. */
export const revisionComparisonResponse = z.object({
  article: z.object({ id: z.string(), title: z.string() }),
  from: revisionSummarySchema,
  to: revisionSummarySchema,
  diff: z.array(diffSegmentSchema),
  annotations: z.array(annotationChangeSchema),
  counts: outcomeCountsSchema,
});
export type RevisionComparison = z.infer<typeof revisionComparisonResponse>;
