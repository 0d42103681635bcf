import type { Prisma } from "../../db/prisma";
import { listArticlesQuery, uuidSchema } from "../../schemas/article";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { AppError } from "../errors";
import { countAnnotations, type AnnotationCounts } from "./count-annotations";

export interface ArticleListItem {
  id: string;
  title: string;
  byline: string | null;
  status: "draft" | "in_review" | "reviewed";
  updatedAt: string;
  counts: AnnotationCounts;
}

interface Cursor {
  updatedAt: string;
  id: string;
}

function decodeCursor(raw: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (uuidSchema.safeParse(value.id).success && !Number.isNaN(Date.parse(value.updatedAt))) return value;
  } catch {
    // Fall through to the error below.
  }
  throw new AppError("validation_failed", "cursor is not one this API returned", [{ path: "cursor", message: "invalid" }]);
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

/** Articles, most recently changed first, with search, filters and keyset pagination. */
export async function listArticles(
  db: Db,
  actor: Actor,
  query: unknown,
): Promise<{ items: ArticleListItem[]; nextCursor: string | null }> {
  requireRole(actor, ANY_ROLE, "list articles");
  const { q, status, pending, cursor, limit } = listArticlesQuery.parse(query);
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
  if (cursor) {
    const c = decodeCursor(cursor);
    const at = new Date(c.updatedAt);
    filters.push({ OR: [{ updatedAt: { lt: at } }, { updatedAt: at, id: { lt: c.id } }] });
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
    nextCursor: rows.length > limit && last ? encodeCursor({ updatedAt: last.updatedAt.toISOString(), id: last.id }) : null,
  };
}
