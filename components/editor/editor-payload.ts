import type { ArticleDetail } from "@/lib/contracts/articles";
import type { AnnotationJson } from "@/lib/contracts/annotations";

/** What the editor needs of one annotation; the page sends only this, as thousands of them weigh on every open. */
export type EditorAnnotationJson = Pick<
  AnnotationJson,
  "id" | "revisionId" | "kind" | "from" | "to" | "status" | "version" | "note" | "attributes" | "createdBy" | "links" | "reviewNote" | "reviewedAt" | "substanceBy" | "substanceAt"
> & {
  // The context either side is only for anchoring on the server; the sidebar shows the words.
  quote: { exact: string; prefix?: string; suffix?: string };
};

/** What the article page hands to the editor: its text and annotations, without what only exports need. */
export interface EditorPayload {
  article: { id: string };
  revision: { id: string; number: number; doc: unknown; version: number; saved: boolean };
  annotations: EditorAnnotationJson[];
  /** The article's latest live event when the page was read: the event stream starts after it. */
  lastEvent: number;
}

/** Trims an article as the API returns it down to the editor's payload. */
export function toEditorPayload(detail: ArticleDetail): EditorPayload {
  return {
    article: { id: detail.article.id },
    revision: { id: detail.revision.id, number: detail.revision.number, doc: detail.revision.doc, version: detail.revision.version, saved: detail.revision.saved },
    lastEvent: detail.lastEvent,
    annotations: detail.annotations.map((a) => ({
      id: a.id,
      revisionId: a.revisionId,
      kind: a.kind,
      from: a.from,
      to: a.to,
      status: a.status,
      version: a.version,
      note: a.note,
      attributes: a.attributes,
      createdBy: a.createdBy,
      links: a.links,
      reviewNote: a.reviewNote,
      reviewedAt: a.reviewedAt,
      substanceBy: a.substanceBy,
      substanceAt: a.substanceAt,
      quote: { exact: a.quote.exact },
    })),
  };
}
