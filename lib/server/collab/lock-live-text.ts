import "server-only";
import { Prisma } from "../../db/prisma";
import type { Tx } from "../db";
import { AppError, notFound } from "../errors";

/** The article's live text as the step log knows it: its current revision, locked for this transaction. */
export interface LiveText {
  id: string;
  articleId: string;
  number: number;
  version: number;
  doc: unknown;
  savedAt: Date | null;
}

/** How often the lock is taken again when the article moved to a newer revision while it waited. */
const ATTEMPTS = 5;

/**
 * Locks and reads the article's current revision, the live text. Every write that depends on its
 * positions takes this lock (steps exclusively, tags shared), so positions are never read in one
 * version and stored after another has landed.
 *
 * The lock may have been waited for while another transaction moved the article to a newer
 * revision (the first steps on a saved revision open the next one; a saved replacement makes
 * another) without changing the row locked: PostgreSQL then hands over that row as it was, no
 * longer the live text, and steps sent meanwhile would be taken on it (two sends racing onto a
 * saved revision both opened "the next one", and the second failed with a 500). A new statement
 * sees the article as it is now; once it still points at the locked revision, nobody can move it
 * until this transaction ends (moving it takes this lock).
 */
export async function lockLiveText(tx: Tx, articleId: string, mode: "update" | "share"): Promise<LiveText> {
  const lock = mode === "update" ? Prisma.sql`FOR UPDATE OF r` : Prisma.sql`FOR SHARE OF r`;
  for (let attempt = 1; ; attempt++) {
    const rows = await tx.$queryRaw<LiveText[]>`
      SELECT r."id", r."articleId", r."number", r."version", r."doc", r."savedAt"
        FROM "articles" a JOIN "revisions" r ON r."id" = a."currentRevisionId"
       WHERE a."id" = ${articleId}::uuid AND a."deletedAt" IS NULL
       ${lock}`;
    if (!rows[0]) throw notFound("Article");
    const current = await tx.$queryRaw<{ id: string }[]>`
      SELECT "currentRevisionId" AS "id" FROM "articles" WHERE "id" = ${articleId}::uuid AND "deletedAt" IS NULL`;
    if (!current[0]) throw notFound("Article");
    if (current[0].id === rows[0].id) return rows[0];
    if (attempt === ATTEMPTS) throw new AppError("unavailable", "The article's text kept changing revision; try again");
  }
}
