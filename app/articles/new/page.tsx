import type { Metadata } from "next";
import { ImportArticleForm } from "@/components/import-article-form";
import { requirePageActor } from "@/lib/auth/require-page-actor";

export const metadata: Metadata = { title: "Import article" };

export default async function ImportArticlePage() {
  await requirePageActor("/articles/new");
  return (
    <section className="reading">
      <h1>Import an article</h1>
      <p className="muted">Paste or upload plain text, Markdown or HTML. Scripts, styles and embeds are removed.</p>
      <ImportArticleForm />
    </section>
  );
}
