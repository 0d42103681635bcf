import "server-only";
import type { Prisma } from "../../db/prisma";
import type { AnnotationJson } from "../../contracts/annotations";

export type { AnnotationJson };

/** The relations an Annotation needs to be serialised for the API. */
export const annotationInclude = {
  createdBy: { select: { id: true, name: true } },
  reviewedBy: { select: { id: true, name: true } },
  substanceBy: { select: { id: true, name: true } },
  // Links stay stored when an end is deleted (undo restores them); only live targets are shown.
  linksFrom: { where: { to: { deletedAt: null } }, select: { toId: true, type: true } },
} satisfies Prisma.AnnotationInclude;

type AnnotationRow = Prisma.AnnotationGetPayload<{ include: typeof annotationInclude }>;

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
