import { z } from "zod";
import { textVersionSchema } from "./collab";
import { isoDateTimeSchema, personRefSchema } from "./common";
import { annotationKindSchema, annotationStatusSchema, linkTypeSchema, sourceTypeSchema, type AnnotationKind } from "./vocabulary";

const position = z.number().int("must be a whole number").min(0, "must not be negative").max(50_000_000);

/** Kind-specific attributes; unknown keys are refused so that typos do not silently vanish. */
export const attributesByKind = {
  claim: z.object({ checkWorthy: z.boolean().optional() }).strict(),
  hedge: z.object({}).strict(),
  attribution: z
    .object({
      sourceName: z.string().trim().max(300).optional(),
      sourceType: sourceTypeSchema.optional(),
    })
    .strict(),
} as const;

export const noteSchema = z.string().max(5000, "must be at most 5,000 characters");

const quoteSelector = z
  .object({
    exact: z.string().min(1).max(10_000),
    prefix: z.string().max(1000).optional(),
    suffix: z.string().max(1000).optional(),
  })
  .strict();

export const createAnnotationInput = z
  .object({
    id: z.uuid({ message: "must be a UUID" }).optional(),
    revisionId: z.uuid({ message: "must be a UUID" }),
    /**
     * The version of the live text `from`/`to` were chosen in (live collaboration): the server maps
     * them through the steps accepted since. Without it they are read in the current text, and
     * `revisionId` must be the current revision. `start`/`end` offsets cannot be mapped: with them
     * it must be the current version (409 otherwise).
     */
    textVersion: textVersionSchema.optional(),
    kind: annotationKindSchema,
    from: position.optional(),
    to: position.optional(),
    start: position.optional(),
    end: position.optional(),
    quote: quoteSelector.optional(),
    note: noteSchema.optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const modes = [v.from !== undefined || v.to !== undefined, v.start !== undefined || v.end !== undefined, v.quote !== undefined];
    if (modes.filter(Boolean).length !== 1) {
      ctx.addIssue({ code: "custom", message: "Give exactly one target: {from, to}, {start, end} or {quote}" });
    } else if ((modes[0] && (v.from === undefined || v.to === undefined)) || (modes[1] && (v.start === undefined || v.end === undefined))) {
      ctx.addIssue({ code: "custom", message: "A range needs both ends: {from, to} or {start, end}" });
    }
  });

export const updateAnnotationInput = z
  .object({
    version: z.number().int().min(1),
    kind: annotationKindSchema.optional(),
    note: noteSchema.optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    from: position.optional(),
    to: position.optional(),
    /** The revision `from`/`to` were chosen in: re-attaches the annotation to it (it must be the current one). */
    revisionId: z.uuid({ message: "must be a UUID" }).optional(),
    /** The version of the live text `from`/`to` were chosen in: mapped through the steps since. */
    textVersion: textVersionSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.revisionId !== undefined && (v.from === undefined || v.to === undefined)) {
      ctx.addIssue({ code: "custom", message: "Re-attaching needs the new span: send from and to with revisionId", path: ["revisionId"] });
    } else if ((v.from === undefined) !== (v.to === undefined)) {
      ctx.addIssue({ code: "custom", message: "Move a span with both from and to" });
    }
  });

export const deleteAnnotationQuery = z.object({ version: z.coerce.number().int().min(1) }).strict();

export const createLinkInput = z.object({ type: linkTypeSchema, targetId: z.uuid({ message: "must be a UUID" }) }).strict();

/** The query of DELETE /api/annotations/:id/links/:targetId: the type is optional, as the source's kind decides it. */
export const deleteLinkQuery = z.object({ type: linkTypeSchema.optional() }).strict();

/** Validates attributes against the kind's schema; throws ZodError naming the bad field. */
export function parseAttributes(kind: AnnotationKind, attributes: unknown): Record<string, unknown> {
  return attributesByKind[kind].parse(attributes ?? {}) as Record<string, unknown>;
}

/** The public `Annotation` of the API. */
export const annotationSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  revisionId: z.string(),
  kind: annotationKindSchema,
  /** ProseMirror positions in the annotation's revision. */
  from: z.number().int(),
  to: z.number().int(),
  /** Unicode code points in the revision's plain text, end exclusive. */
  start: z.number().int(),
  end: z.number().int(),
  quote: z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() }),
  note: z.string(),
  attributes: z.unknown(),
  status: annotationStatusSchema,
  version: z.number().int(),
  createdBy: personRefSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  reviewedBy: personRefSchema.nullable(),
  reviewedAt: isoDateTimeSchema.nullable(),
  reviewNote: z.string().nullable(),
  /** Who last decided what the annotation says (kind, span, attributes, re-attachment), and when: the creator unless someone changed it. */
  substanceBy: personRefSchema,
  substanceAt: isoDateTimeSchema,
  links: z.array(z.object({ type: linkTypeSchema, targetId: z.string() })),
});
export type AnnotationJson = z.infer<typeof annotationSchema>;

/** One entry of an annotation's audit history. */
export const historyEntrySchema = z.object({
  action: z.string(),
  actor: personRefSchema.nullable(),
  at: isoDateTimeSchema,
  before: z.unknown(),
  after: z.unknown(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** `GET /api/annotations/:id/history`: oldest first. */
export const historyResponse = z.array(historyEntrySchema);
