import { z } from "zod";
import { isoDateTimeSchema } from "./common";

/** The query of GET /api/articles/:id/export. */
export const exportArticleQuery = z
  .object({
    format: z.enum(["json", "w3c"]).default("json"),
    status: z.enum(["all", "approved"]).default("all"),
  })
  .strict();

const since = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "must be an ISO 8601 date or date-time, e.g. 2025-01-31T00:00:00Z" })
  .transform((value) => new Date(value));

/** The query of GET /api/export (and the CLI's options): which articles, and which of their annotations. */
export const bulkExportQuery = z
  .object({
    format: z.literal("jsonl", { error: 'must be "jsonl"' }).default("jsonl"),
    status: z.enum(["all", "approved"], { error: 'must be "all" or "approved"' }).default("all"),
    since: since.optional(),
    /** Only these articles (the list page's selection): comma-separated ids. */
    ids: z
      .string()
      .transform((value) => value.split(",").filter(Boolean))
      .pipe(z.array(z.uuid({ message: "must be article ids (UUIDs)" })).min(1).max(500))
      .optional(),
  })
  .strict();
export type BulkExportQuery = z.input<typeof bulkExportQuery>;

/** `GET /api/articles/:id/export?format=json`: one article in Newsmark JSON (its full JSON Schema: `lib/export/newsmark-article.schema.json`). */
export const newsmarkArticleExportSchema = z.looseObject({
  format: z.literal("newsmark.article"),
  version: z.literal(1),
  exportedAt: isoDateTimeSchema,
  article: z.looseObject({ id: z.string(), title: z.string() }),
  revision: z.looseObject({ id: z.string(), number: z.number().int() }),
  text: z.string(),
  offsets: z.literal("unicode-code-points"),
  doc: z.unknown(),
  annotations: z.array(z.looseObject({ id: z.string() })),
  summary: z.record(z.string(), z.number().int()),
});

/** `GET /api/articles/:id/export?format=w3c`: a W3C Web Annotation collection. */
export const w3cCollectionSchema = z.looseObject({ "@context": z.unknown(), type: z.unknown(), id: z.string() });

/** `GET /api/export`: JSON Lines, one Newsmark JSON article a line. */
export const jsonLinesSchema = z.string();
