import "server-only";
import type { ArticleEvent } from "../../contracts/collab";
import type { Db } from "../db";

/** The most events one read returns: a page far behind catches up in a few reads. */
export const EVENTS_PER_READ = 500;

type Row = { seq: number; action: string; entityId: string; version: number; actorId: string | null; actorName: string | null; after: unknown };

/**
 * An article's live events after `after`, in order, with who made each and, for annotation events,
 * the annotation as that event left it (from the audit row written with the change).
 */
export async function loadArticleEvents(db: Db, articleId: string, after: number, limit = EVENTS_PER_READ): Promise<ArticleEvent[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT e."seq", e."action", e."entityId", e."version", u."id" AS "actorId", u."name" AS "actorName", a."after"
      FROM "article_events" e
      LEFT JOIN "audit_events" a ON a."id" = e."auditId"
      LEFT JOIN "users" u ON u."id" = a."actorId"
     WHERE e."articleId" = ${articleId}::uuid AND e."seq" > ${after}
     ORDER BY e."seq"
     LIMIT ${limit}`;
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    entityId: r.entityId,
    version: r.version,
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "" } : null,
    ...(r.action.startsWith("annotation.") && r.after ? { annotation: r.after } : {}),
    ...(r.action.startsWith("revision.") && r.after ? { revision: r.after as ArticleEvent["revision"] } : {}),
  }));
}

/** The number of an article's latest live event: a page that starts listening now resumes after it. */
export async function latestArticleEvent(db: Db, articleId: string): Promise<number> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { eventSeq: true } });
  return article?.eventSeq ?? 0;
}
