"use client";

import { useState } from "react";

type StatusFilter = "all" | "approved";

/** Download links for one article's export, as Newsmark JSON or W3C Web Annotations, all or approved only. */
export function ArticleExportButtons({ articleId }: { articleId: string }) {
  const [status, setStatus] = useState<StatusFilter>("all");
  const href = (format: "json" | "w3c") => `/api/articles/${encodeURIComponent(articleId)}/export?format=${format}&status=${status}`;
  return (
    <div className="article-export">
      <span className="muted small">Export</span>
      <select aria-label="Annotations to export" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
        <option value="all">All annotations</option>
        <option value="approved">Approved only</option>
      </select>
      {/* Plain links: the route's Content-Disposition names the file, and the session cookie authenticates. */}
      <a className="button-secondary" href={href("json")} download>
        JSON
      </a>
      <a className="button-secondary" href={href("w3c")} download title="W3C Web Annotation collection (JSON-LD)">
        W3C
      </a>
    </div>
  );
}
