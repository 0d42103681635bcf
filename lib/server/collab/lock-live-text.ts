import "server-only";
import { Prisma } from "../../db/prisma";
import type { Tx } from "../db";
import { notFound } from "../errors";

/** The article's live text as the step log knows it: its current revision, locked for this transaction. */
export interface LiveText {
  id: string;
  articleId: string;
  number: number;
  version: number;
  doc: unknown;
  savedAt: Date | null;
}

/**
 * Locks and reads the article's current revision, the live text. Every write that depends on its
 * positions takes this lock (steps exclusively, tags shared), so positions are never read in one
 * version and stored after another has landed.
 */
export async function lockLiveText(tx: Tx, articleId: string, mode: "update" | "share"): Promise<LiveText> {
  const lock = mode === "update" ? Prisma.sql`FOR UPDATE OF r` : Prisma.sql`FOR SHARE OF r`;
  const rows = await tx.$queryRaw<LiveText[]>`
    SELECT r."id", r."articleId", r."number", r."version", r."doc", r."savedAt"
      FROM "articles" a JOIN "revisions" r ON r."id" = a."currentRevisionId"
     WHERE a."id" = ${articleId}::uuid AND a."deletedAt" IS NULL
     ${lock}`;
  if (!rows[0]) throw notFound("Article");
  return rows[0];
}

