import { BODY_LIMIT, readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { createArticle } from "@/lib/server/articles/create-article";
import { getArticle } from "@/lib/server/articles/get-article";
import { listArticles } from "@/lib/server/articles/list-articles";
import { contractJson } from "@/lib/api/contract-json";
import { articleListResponse, createArticleResponse } from "@/lib/contracts/articles";

/** Articles, newest change first: `?q=&status=&pending=&unattributed=&cursor=&limit=`. */
export const GET = withAuth(async ({ req, db, actor }) => {
  const query = Object.fromEntries(req.nextUrl.searchParams);
  return contractJson(articleListResponse, await listArticles(db, actor, query));
});

/**
 * Imports an article from text, Markdown, HTML, a ProseMirror document, or a Newsmark JSON export (with
 * its annotations); for an export the answer also says how many annotations had no text to attach to.
 */
export const POST = withAuth(async ({ req, db, actor }) => {
  const body = await readJson(req, BODY_LIMIT.articleImport);
  const created = await createArticle(db, actor, body);
  const detail = await getArticle(db, actor, created.id);
  const skipped = created.skippedWithoutText === undefined ? {} : { skippedWithoutText: created.skippedWithoutText };
  return contractJson(createArticleResponse, { ...detail, ...skipped }, { status: 201 });
});
