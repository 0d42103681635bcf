import type { Metadata } from "next";
import Link from "next/link";
import { ArticleList } from "@/components/article-list";
import { BulkExportForm } from "@/components/bulk-export-form";
import { withPageActor } from "@/lib/auth/with-page-actor";
import { listArticles } from "@/lib/server/articles/list-articles";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "Articles" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS_LABELS = { "": "Any status", draft: "Draft", in_review: "In review", reviewed: "Reviewed" } as const;

export default async function ArticlesPage({ searchParams }: Props) {
  const raw = await searchParams;
  const pick = (key: string) => (typeof raw[key] === "string" && raw[key] !== "" ? (raw[key] as string) : undefined);
  const query = { q: pick("q"), status: pick("status"), pending: pick("pending"), unattributed: pick("unattributed"), cursor: pick("cursor") };
  const { result, problem } = await withPageActor("/", async ({ actor, db }) => {
    try {
      return { result: await listArticles(db, actor, query), problem: undefined };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { result: await listArticles(db, actor, {}), problem: err.message };
    }
  });
  const filtered = Boolean(query.q || query.status || query.pending || query.unattributed);
  const next = result.nextCursor
    ? `/?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), cursor: result.nextCursor })}`
    : null;

  return (
    <section className="wide">
      <div className="page-title">
        <h1>Articles</h1>
        <Link href="/articles/new" className="button-primary">
          Import article
        </Link>
      </div>
      <form className="filters" role="search" action="/">
        <input type="search" name="q" defaultValue={query.q} placeholder="Search titles and bylines" aria-label="Search articles" />
        <select name="status" defaultValue={query.status ?? ""} aria-label="Status">
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input type="checkbox" name="pending" value="true" defaultChecked={query.pending === "true"} /> Has pending annotations
        </label>
        <label className="checkbox" title="Claims no attribution is linked to yet: who said them?">
          <input type="checkbox" name="unattributed" value="true" defaultChecked={query.unattributed === "true"} /> Has unattributed claims
        </label>
        <button type="submit" className="button-secondary">
          Filter
        </button>
        {filtered && <Link href="/">Clear</Link>}
      </form>
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
      <ArticleList items={result.items} filtered={filtered} />
      {(query.cursor || next) && (
        <nav className="pager" aria-label="Pages">
          {query.cursor && <Link href="/">First page</Link>}
          {next && <Link href={next}>Next page →</Link>}
        </nav>
      )}
      <BulkExportForm />
    </section>
  );
}
