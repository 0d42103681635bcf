"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { skippedWithoutTextMessage } from "@/lib/import/skipped-without-text";

const FORMATS = [
  { value: "text", label: "Plain text" },
  { value: "markdown", label: "Markdown" },
  { value: "html", label: "HTML" },
  { value: "newsmark", label: "Newsmark JSON export (with its annotations)" },
] as const;

function formatFromFileName(name: string): (typeof FORMATS)[number]["value"] {
  if (/\.(md|markdown)$/i.test(name)) return "markdown";
  if (/\.html?$/i.test(name)) return "html";
  if (/\.json$/i.test(name)) return "newsmark";
  return "text";
}

/** Paste or upload an article and create it through the public API. */
export function ImportArticleForm() {
  const router = useRouter();
  const [format, setFormat] = useState<string>("text");
  const [content, setContent] = useState("");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** An import that left annotations out: the article exists, but the user must hear about them before moving on. */
  const [partial, setPartial] = useState<{ id: string; message: string }>();

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const detected = formatFromFileName(file.name);
    setFormat(detected);
    setContent(await file.text());
    if (!title && detected !== "newsmark") setTitle(file.name.replace(/\.[^.]+$/, ""));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    setPartial(undefined);
    try {
      const res = await fetch("/api/articles", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          // A Newsmark export carries its own title; one typed here overrides it.
          title: title.trim() || undefined,
          byline: String(form.get("byline") ?? "") || undefined,
          sourceUrl: String(form.get("sourceUrl") ?? "") || undefined,
          format,
          content,
        }),
      });
      const body = (await res.json()) as { article?: { id: string }; skippedWithoutText?: number; error?: { message: string } };
      if (!res.ok || !body.article) {
        setError(body.error?.message ?? `Import failed (${res.status})`);
        return;
      }
      const skipped = skippedWithoutTextMessage(body.skippedWithoutText ?? 0);
      if (skipped) {
        setPartial({ id: body.article.id, message: `Imported; ${skipped}.` });
        return;
      }
      router.push(`/articles/${body.article.id}`);
    } catch {
      setError("Could not reach Newsmark. Your text is still here; try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stacked-form" onSubmit={onSubmit}>
      <label>
        Title
        <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} required={format !== "newsmark"} maxLength={500} />
      </label>
      <div className="row">
        <label>
          Byline <span className="muted">(optional)</span>
          <input name="byline" maxLength={500} />
        </label>
        <label>
          Source URL <span className="muted">(optional)</span>
          <input name="sourceUrl" type="url" placeholder="https://" />
        </label>
      </div>
      <div className="row">
        <label>
          Format
          <select name="format" value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Or upload a file
          <input type="file" accept=".txt,.md,.markdown,.html,.htm,.json,text/plain,text/markdown,text/html,application/json" onChange={onFile} />
        </label>
      </div>
      <label>
        Content
        <textarea name="content" rows={16} value={content} onChange={(e) => setContent(e.target.value)} required />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {partial && (
        <p role="status">
          {partial.message} <Link href={`/articles/${partial.id}`}>Open the imported article</Link>
        </p>
      )}
      <button type="submit" className="button-primary" disabled={busy || partial !== undefined || (!title.trim() && format !== "newsmark") || !content.trim()}>
        {busy ? "Importing…" : "Import article"}
      </button>
    </form>
  );
}
