import { z } from "zod";
import { annotationSchema } from "./annotations";
import { isoDateTimeSchema, nextCursorSchema, personRefSchema } from "./common";
import { articleStatusSchema } from "./vocabulary";

export const ARTICLE_FORMATS = ["text", "markdown", "html", "prosemirror"] as const;

/** What POST /api/articles accepts: the content formats, plus a Newsmark JSON export (which brings its annotations). */
export const IMPORT_FORMATS = [...ARTICLE_FORMATS, "newsmark"] as const;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "must be an http(s) URL");

/** `POST /api/articles`: an import. */
export const createArticleInput = z
  .object({
    // Optional only for a Newsmark export, which names its own title (checked below).
    title: z.string().trim().min(1, "is required").max(500).optional(),
    byline: z.string().trim().max(500).optional(),
    sourceUrl: httpUrl.optional(),
    format: z.enum(IMPORT_FORMATS),
    content: z.union([z.string().max(2_000_000), z.record(z.string(), z.unknown())]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.title === undefined && v.format !== "newsmark") ctx.addIssue({ code: "custom", path: ["title"], message: "is required" });
  });
export type CreateArticleInput = z.input<typeof createArticleInput>;

/** `GET /api/articles`: search, filters and keyset pagination. */
export const listArticlesQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    status: articleStatusSchema.optional(),
    pending: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    /** Articles with (true) or without (false) a claim no attribution is linked to. */
    unattributed: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/** Annotations of an article counted by kind and by status, and the claims no attribution links to. */
export const annotationCountsSchema = z.object({
  claim: z.number().int(),
  hedge: z.number().int(),
  attribution: z.number().int(),
  pending: z.number().int(),
  approved: z.number().int(),
  rejected: z.number().int(),
  orphaned: z.number().int(),
  unattributedClaims: z.number().int(),
});

/** One row of the article list. */
export const articleListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  byline: z.string().nullable(),
  status: articleStatusSchema,
  updatedAt: isoDateTimeSchema,
  counts: annotationCountsSchema,
});
export type ArticleListItem = z.infer<typeof articleListItemSchema>;

/** `GET /api/articles`: a page of articles, most recently changed first. */
export const articleListResponse = z.object({ items: z.array(articleListItemSchema), nextCursor: nextCursorSchema });

/** A revision's text and document. */
export const revisionSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  doc: z.unknown(),
  text: z.string(),
  createdAt: isoDateTimeSchema,
  /** The version of the live text this document is (live collaboration: steps accepted so far). */
  version: z.number().int().min(0),
  /** Whether it is a saved checkpoint; false while it is the live text being edited. */
  saved: z.boolean(),
});
export type RevisionJson = z.infer<typeof revisionSchema>;

/** `GET /api/articles/:id`: the article, its current revision and its live annotations in document order. */
export const articleDetailSchema = z.object({
  article: z.object({
    id: z.string(),
    title: z.string(),
    byline: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    status: articleStatusSchema,
    createdBy: personRefSchema,
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  }),
  revision: revisionSchema,
  annotations: z.array(annotationSchema),
  /** The number of the article's latest live event when this was read: stream events after it (`/events?after=`). */
  lastEvent: z.number().int().min(0),
});
export type ArticleDetail = z.infer<typeof articleDetailSchema>;

/** `POST /api/articles`: the imported article; for a Newsmark export, how many annotations had no text to attach to. */
export const createArticleResponse = articleDetailSchema.extend({ skippedWithoutText: z.number().int().optional() });
