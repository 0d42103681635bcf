import type { AnnotationKind, LinkType } from "../contracts/vocabulary";

/** What deciding "who said this?" needs to know of an annotation. */
export interface LinkedAnnotation {
  readonly id: string;
  readonly kind: AnnotationKind;
  readonly links: readonly { readonly type: LinkType; readonly targetId: string }[];
}

/**
 * Newsmark's one definition of an unattributed claim: a claim that no attribution among the same
 * annotations links to with an `attributes` link. The caller passes the annotations it speaks
 * for: the live (not deleted) ones of every status in the export's summary, the article list and
 * the editor, so a rejected or orphaned claim still wants a source and a rejected attribution
 * still names one; an approved-only export passes only the approved ones. The article list asks
 * PostgreSQL the same question (`lib/server/articles/unattributed-claim-where.ts`, and the bulk
 * export's query); tests hold them equal.
 */
export function unattributedClaimIds(annotations: Iterable<LinkedAnnotation>): Set<string> {
  const list = [...annotations];
  const attributed = new Set<string>();
  for (const a of list) if (a.kind === "attribution") for (const l of a.links) if (l.type === "attributes") attributed.add(l.targetId);
  return new Set(list.filter((a) => a.kind === "claim" && !attributed.has(a.id)).map((a) => a.id));
}
