import { z } from "zod";

/** What prepare-database.ts prints: the editors with their tokens in clear, and the shared article. */
export const preparedDatabaseSchema = z.object({
  editors: z.array(z.object({ id: z.uuid(), email: z.string(), token: z.string().startsWith("nmk_") })),
  articleId: z.uuid(),
  revisionId: z.uuid(),
});
export type PreparedDatabase = z.infer<typeof preparedDatabaseSchema>;

/**
 * The article every resilience test writes on: 40 paragraphs of plain words, so any span inside
 * one paragraph is a valid target. Paragraph p (from 0) starts at ProseMirror position
 * 1 + p * (PARAGRAPH_LENGTH + 2).
 */
export const PARAGRAPH_LENGTH = 100;
export const ARTICLE_PARAGRAPHS = Array.from({ length: 40 }, (_, p) =>
  `Paragraph ${String(p).padStart(2, "0")} says officials confirmed the figures while critics doubted them`.padEnd(PARAGRAPH_LENGTH, "."),
);

/** A span of `length` characters inside paragraph `p`, at `offset` from its start. */
export function span(p: number, offset: number, length: number): { from: number; to: number } {
  const start = 1 + (p % ARTICLE_PARAGRAPHS.length) * (PARAGRAPH_LENGTH + 2) + (offset % (PARAGRAPH_LENGTH - length));
  return { from: start, to: start + length };
}
