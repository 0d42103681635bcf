import "server-only";
import { docText } from "../../anchoring/doc-text";
import type { Prisma } from "../../db/prisma";
import { ContentError } from "../../import/content-error";
import { parseContent } from "../../import/parse-content";
import { createArticleInput, type CreateArticleInput } from "../../contracts/articles";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { importNewsmark } from "./import-newsmark";

/** What createArticle answers: enough for the caller to open the new article. */
export interface CreatedArticle {
  id: string;
  title: string;
  revision: { id: string; number: number };
  /** Newsmark imports only: annotations the file carried without text in its revision, which were not imported. */
  skippedWithoutText?: number;
}

/**
 * Imports an article: its content is parsed through the editor schema (so nothing outside it, such
 * as scripts, survives), stored as revision 1 with its plain text, and audited, all in one transaction.
 * A Newsmark export (format "newsmark") is recreated with its annotations instead.
 */
export async function createArticle(db: Db, actor: Actor, input: CreateArticleInput | unknown): Promise<CreatedArticle> {
  requireRole(actor, ANY_ROLE, "import articles");
  const data = createArticleInput.parse(input);
  if (data.format === "newsmark") return importNewsmark(db, actor, data);
  let doc;
  try {
    doc = parseContent(data.format, data.content);
  } catch (err) {
    if (err instanceof ContentError) throw new AppError("validation_failed", err.message, [{ path: "content", message: err.message }]);
    throw err;
  }
  const docJson = doc.toJSON() as Prisma.InputJsonValue;
  const text = docText(doc);
  return db.$transaction(async (tx) => {
    const article = await tx.article.create({
      data: { title: data.title!, byline: data.byline || null, sourceUrl: data.sourceUrl || null, createdById: actor.id },
    });
    const revision = await tx.revision.create({
      data: { articleId: article.id, number: 1, doc: docJson, text, createdById: actor.id },
    });
    await tx.article.update({ where: { id: article.id }, data: { currentRevisionId: revision.id } });
    await recordAudit(tx, actor, {
      action: "article.create",
      entityType: "article",
      entityId: article.id,
      after: { title: article.title, format: data.format, revisionId: revision.id, characters: [...text].length },
    });
    return { id: article.id, title: article.title, revision: { id: revision.id, number: revision.number } };
  });
}
