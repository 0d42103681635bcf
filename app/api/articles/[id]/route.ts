import { withAuth } from "@/lib/api/with-auth";
import { getArticle } from "@/lib/server/articles/get-article";
import { contractJson } from "@/lib/api/contract-json";
import { articleDetailSchema } from "@/lib/contracts/articles";

/** One article with its current revision and annotations. */
export const GET = withAuth<{ id: string }>(async ({ db, actor, params }) =>
  contractJson(articleDetailSchema, await getArticle(db, actor, params.id)),
);
