import "server-only";
import type { Prisma } from "../../db/prisma";
import { listArticlesQuery } from "../../contracts/articles";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { decodeCursor, encodeCursor } from "../keyset-cursor";
import { countAnnotations } from "./count-annotations";
import { unattributedClaimWhere } from "./unattributed-claim-where";
import type { ArticleListItem } from "../../contracts/articles";

export type { ArticleListItem };

/** Articles, most recently changed first, with search, filters and keyset pagination. */
export async function listArticles(
  db: Db,
  actor: Actor,
  query: unknown,
): Promise<{ items: ArticleListItem[]; nextCursor: string | null }> {
  requireRole(actor, ANY_ROLE, "list articles");
  const { q, status, pending, unattributed, cursor, limit } = listArticlesQuery.parse(query);
  const filters: Prisma.ArticleWhereInput[] = [{ deletedAt: null }];
  if (q) {
    // Prisma passes `contains` into ILIKE as is: escape its wildcards so a search is literal.
    const literal = q.replace(/[\\%_]/g, "\\$&");
    filters.push({ OR: [{ title: { contains: literal, mode: "insensitive" } }, { byline: { contains: literal, mode: "insensitive" } }] });
  }
  if (status) filters.push({ status });
  if (pending !== undefined) {
    const somePending = { annotations: { some: { status: "pending" as const, deletedAt: null } } };
    filters.push(pending ? somePending : { NOT: somePending });
  }
  if (unattributed !== undefined) {
    const someUnattributed = { annotations: { some: unattributedClaimWhere } };
    filters.push(unattributed ? someUnattributed : { NOT: someUnattributed });
  }
  if (cursor) {
    const { at, id } = decodeCursor(cursor);
    filters.push({ OR: [{ updatedAt: { lt: at } }, { updatedAt: at, id: { lt: id } }] });
  }
  const rows = await db.article.findMany({
    where: { AND: filters },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, title: true, byline: true, status: true, updatedAt: true },
  });
  const page = rows.slice(0, limit);
  const counts = await countAnnotations(db, page.map((r) => r.id));
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString(), counts: counts.get(r.id)! })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt, last.id) : null,
  };
}
