import type { AnnotationKind, AnnotationStatus, LinkType } from "../contracts/vocabulary";

/** A person in an export: the email lets an import match authors across installations. */
export interface ExportPerson {
  id: string;
  name: string;
  email: string;
}

/**
 * One annotation as exports carry it (offsets in Unicode code points of `text`). `start` and `end`
 * are null when its words are not in the exported revision (orphaned by a correction): its quote
 * then holds the words it had in the older revision it still points at.
 */
export interface ExportAnnotation {
  id: string;
  kind: AnnotationKind;
  start: number | null;
  end: number | null;
  quote: { exact: string; prefix: string; suffix: string };
  note: string;
  attributes: Record<string, unknown>;
  status: AnnotationStatus;
  createdBy: ExportPerson;
  createdAt: string;
  reviewedBy: ExportPerson | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  links: { type: LinkType; targetId: string }[];
}

/** Everything an exporter needs about one article, loaded once. */
export interface ArticleExportSource {
  article: { id: string; title: string; byline: string | null; sourceUrl: string | null; updatedAt: string };
  revision: { id: string; number: number; createdAt: string; doc: unknown; text: string };
  annotations: ExportAnnotation[];
}
