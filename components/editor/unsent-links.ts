import type { AnnotationLink } from "@/lib/editor/annotations/types";
import type { SyncOperation } from "@/lib/editor/sync/sync-operation";
import type { AnnotationDetails } from "./annotation-types";
import type { DetailsMap } from "./details-map";

const same = (a: AnnotationLink, b: AnnotationLink) => a.type === b.type && a.targetId === b.targetId;

/** The details with the link added (the same object when it is there already). */
export function withLink(details: AnnotationDetails, link: AnnotationLink): AnnotationDetails {
  return details.links.some((l) => same(l, link)) ? details : { ...details, links: [...details.links, { type: link.type, targetId: link.targetId }] };
}

/** The details without the link (the same object when it was not there). */
export function withoutLink(details: AnnotationDetails, link: AnnotationLink): AnnotationDetails {
  return details.links.some((l) => same(l, link)) ? { ...details, links: details.links.filter((l) => !same(l, link)) } : details;
}

/**
 * The details with the links and unlinks still waiting in the sync queue applied in order. The
 * server's word on an annotation (an answer, a refetch, the page itself after a reload) predates
 * them, and an unlink's answer has no body that would correct it later. Applying one the server
 * already has changes nothing, so the operation being answered may still be in the list.
 */
export function withUnsentLinks(map: DetailsMap, unsent: readonly SyncOperation[]): DetailsMap {
  let next: Map<string, AnnotationDetails> | null = null;
  for (const op of unsent) {
    if (op.type !== "link" && op.type !== "unlink") continue;
    const current = (next ?? map).get(op.id);
    if (!current) continue;
    const changed = op.type === "link" ? withLink(current, op.body) : withoutLink(current, op.body);
    if (changed === current) continue;
    next ??= new Map(map);
    next.set(op.id, changed);
  }
  return next ?? map;
}
