import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ArticleBody } from "@/components/article-body";
import { ArticleExportButtons } from "@/components/article-export-buttons";
import { AnnotationEditor } from "@/components/editor/annotation-editor";
import { toEditorPayload } from "@/components/editor/editor-payload";
import { withPageActor } from "@/lib/auth/with-page-actor";
import { getArticle } from "@/lib/server/articles/get-article";
import { AppError } from "@/lib/server/errors";

type Props = { params: Promise<{ id: string }> };

/** The reader and the article; read once per request, for the page and for its title alike. */
const load = cache(async (id: string) => {
  return withPageActor(`/articles/${id}`, async ({ actor, db }) => {
    try {
      return { actor, detail: await getArticle(db, actor, id) };
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    }
  });
});

// The window's title names the article, so tabs and screen readers tell one article from another.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { detail } = await load((await params).id);
  return { title: detail.article.title };
}

export default async function ArticlePage({ params }: Props) {
  const { actor, detail } = await load((await params).id);
  const { article, revision } = detail;
  return (
    <article className="article-page">
      <p className="breadcrumbs">
        <Link href="/">← Articles</Link>
      </p>
      <header className="article-header">
        <h1>{article.title}</h1>
        <p className="muted">
          {article.byline && <span>{article.byline}</span>}
          {article.sourceUrl && (
            <>
              {article.byline && " · "}
              <a href={article.sourceUrl} rel="noopener noreferrer nofollow">
                Source
              </a>
            </>
          )}
        </p>
        <ArticleExportButtons articleId={article.id} />
      </header>
      <AnnotationEditor initial={toEditorPayload(detail)} actor={actor}>
        <ArticleBody doc={revision.doc} />
      </AnnotationEditor>
    </article>
  );
}
