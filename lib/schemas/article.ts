import { z } from "zod";

export const ARTICLE_FORMATS = ["text", "markdown", "html", "prosemirror"] as const;

/** What POST /api/articles accepts: the content formats, plus a Newsmark JSON export (which brings its annotations). */
export const IMPORT_FORMATS = [...ARTICLE_FORMATS, "newsmark"] as const;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "must be an http(s) URL");

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

export const articleStatusSchema = z.enum(["draft", "in_review", "reviewed"]);

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

export const uuidSchema = z.uuid({ message: "must be a UUID" });
