import type { AnnotationJson } from "@/lib/contracts/annotations";
import { detailsFrom, type AnnotationDetails } from "./annotation-types";

/** The annotation details the editor page shows, by id. Never changed in place: React compares maps by identity. */
export type DetailsMap = ReadonlyMap<string, AnnotationDetails>;

/** The map with these details set, replacing any held for the same ids. */
export function withDetails(map: DetailsMap, list: Iterable<AnnotationDetails>): DetailsMap {
  const next = new Map(map);
  for (const details of list) next.set(details.id, details);
  return next;
}

/** A change to one annotation's details: the fields to set, or a function of the details held. */
export type DetailsPatch = Partial<AnnotationDetails> | ((d: AnnotationDetails) => AnnotationDetails);

/** The map with one annotation's details patched; the same map when the id is unknown. */
export function withPatch(map: DetailsMap, id: string, patch: DetailsPatch): DetailsMap {
  const current = map.get(id);
  if (!current) return map;
  return new Map(map).set(id, typeof patch === "function" ? patch(current) : { ...current, ...patch });
}

/**
 * The map after a text save, with the annotations as the server now has them. An annotation with
 * edits not yet sent (a note, attributes) keeps them on screen, taking only the new status and
 * quote, until the queue sends them.
 */
export function withSavedAnnotations(map: DetailsMap, saved: Iterable<AnnotationJson>): DetailsMap {
  const next = new Map(map);
  for (const a of saved) {
    const local = next.get(a.id);
    next.set(a.id, local && !local.saved ? { ...local, status: a.status, quote: a.quote } : detailsFrom(a));
  }
  return next;
}
