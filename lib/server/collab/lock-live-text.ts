import "server-only";
import { Prisma } from "../../db/prisma";
import type { Tx } from "../db";
import { AppError, notFound } from "../errors";

/** How often the pointer may move under a waiting writer before it gives up (each move is someone's save or first step). */
const MAX_TRIES = 5;

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
 *
 * A writer that waited for the lock may find the article has moved on meanwhile: the one before
 * it opened the next revision (its first steps after a save) or saved a new one. PostgreSQL then
 * hands over the row it waited for, re-read, but checks the join against the article as it was,
 * so the pointer is read again, and the new current revision locked in its place.
 */
export async function lockLiveText(tx: Tx, articleId: string, mode: "update" | "share"): Promise<LiveText> {
  const lock = mode === "update" ? Prisma.sql`FOR UPDATE OF r` : Prisma.sql`FOR SHARE OF r`;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const rows = await tx.$queryRaw<LiveText[]>`
      SELECT r."id", r."articleId", r."number", r."version", r."doc", r."savedAt"
        FROM "articles" a JOIN "revisions" r ON r."id" = a."currentRevisionId"
       WHERE a."id" = ${articleId}::uuid AND a."deletedAt" IS NULL
       ${lock}`;
    if (!rows[0]) throw notFound("Article");
    // A new statement sees what committed while this one waited.
    const current = await tx.article.findFirst({ where: { id: articleId, deletedAt: null }, select: { currentRevisionId: true } });
    if (!current) throw notFound("Article");
    if (current.currentRevisionId === rows[0].id) return rows[0];
  }
  throw new AppError("service_unavailable", "The article's text is changing too fast to take this change now; nothing was changed. Try again shortly.");
}
