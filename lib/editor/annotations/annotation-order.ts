import type { EditorAnnotation } from "./types";

/** Orders annotations as a reader meets them: by start, then end, then id for a stable tie-break. */
export function compareDocumentOrder(a: EditorAnnotation, b: EditorAnnotation): number {
  return a.from - b.from || a.to - b.to || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The annotations in document order. */
export function inDocumentOrder(annotations: Iterable<EditorAnnotation>): EditorAnnotation[] {
  return [...annotations].sort(compareDocumentOrder);
}

/** The innermost of several annotations covering one spot: the shortest, then the one starting last. */
export function innermostAnnotation(candidates: Iterable<EditorAnnotation>): EditorAnnotation | null {
  let best: EditorAnnotation | null = null;
  for (const candidate of candidates) {
    if (best === null) {
      best = candidate;
      continue;
    }
    const length = candidate.to - candidate.from;
    const bestLength = best.to - best.from;
    if (length < bestLength || (length === bestLength && compareDocumentOrder(candidate, best) > 0)) best = candidate;
  }
  return best;
}
