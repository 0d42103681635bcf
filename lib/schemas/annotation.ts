import { z } from "zod";

export const annotationKindSchema = z.enum(["claim", "hedge", "attribution"]);
export const sourceTypeSchema = z.enum(["person", "organisation", "document", "anonymous"]);
export const linkTypeSchema = z.enum(["attributes", "qualifies"]);

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

/** "Who said what": the one kind of annotation each type of link starts from; every link points at a claim. */
export const LINK_SOURCE_KIND = { attributes: "attribution", qualifies: "hedge" } as const;

/** The one type of link an annotation of this kind may make, or null for a claim. */
export function linkTypeOf(kind: z.infer<typeof annotationKindSchema>): z.infer<typeof linkTypeSchema> | null {
  return kind === "attribution" ? "attributes" : kind === "hedge" ? "qualifies" : null;
}

/** Validates attributes against the kind's schema; throws ZodError naming the bad field. */
export function parseAttributes(kind: z.infer<typeof annotationKindSchema>, attributes: unknown): Record<string, unknown> {
  return attributesByKind[kind].parse(attributes ?? {}) as Record<string, unknown>;
}

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

export const reviewQueueQuery = z
  .object({
    kind: annotationKindSchema.optional(),
    articleId: z.uuid({ message: "must be a UUID" }).optional(),
    authorId: z.uuid({ message: "must be a UUID" }).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
