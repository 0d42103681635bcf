import "server-only";
import type { Prisma } from "../../db/prisma";

/** The relations an Annotation needs to be serialised for the API. */
export const annotationInclude = {
  createdBy: { select: { id: true, name: true } },
  reviewedBy: { select: { id: true, name: true } },
  substanceBy: { select: { id: true, name: true } },
  // Links stay stored when an end is deleted (undo restores them); only live targets are shown.
  linksFrom: { where: { to: { deletedAt: null } }, select: { toId: true, type: true } },
} satisfies Prisma.AnnotationInclude;

type AnnotationRow = Prisma.AnnotationGetPayload<{ include: typeof annotationInclude }>;

/** The public `Annotation` of the API (README.md, "API"; its schema is in the OpenAPI document, `/api/openapi.json`). */
export interface AnnotationJson {
  id: string;
  articleId: string;
  revisionId: string;
  kind: "claim" | "hedge" | "attribution";
  from: number;
  to: number;
  start: number;
  end: number;
  quote: { exact: string; prefix: string; suffix: string };
  note: string;
  attributes: unknown;
  status: "pending" | "approved" | "rejected" | "orphaned";
  version: number;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  reviewedBy: { id: string; name: string } | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  /** Who last decided what the annotation says (kind, span, attributes, re-attachment), and when: the creator unless someone changed it. */
  substanceBy: { id: string; name: string };
  substanceAt: string;
  links: { type: "attributes" | "qualifies"; targetId: string }[];
}

/** Serialises an annotation row with its relations into the API's shape. */
export function toAnnotationJson(row: AnnotationRow): AnnotationJson {
  return {
    id: row.id,
    articleId: row.articleId,
    revisionId: row.revisionId,
    kind: row.kind,
    from: row.from,
    to: row.to,
    start: row.start,
    end: row.end,
    quote: { exact: row.quoteExact, prefix: row.quotePrefix, suffix: row.quoteSuffix },
    note: row.note,
    attributes: row.attributes,
    status: row.status,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewNote: row.reviewNote,
    substanceBy: row.substanceBy ?? row.createdBy,
    substanceAt: (row.substanceAt ?? row.createdAt).toISOString(),
    links: row.linksFrom.map((l) => ({ type: l.type, targetId: l.toId })),
  };
}
