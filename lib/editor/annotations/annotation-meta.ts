import type { Transaction } from "prosemirror-state";
import type { AnnotationAction, AnnotationMeta, AnnotationOrigin } from "./annotation-action";
import { annotationKey } from "./annotation-key";

/** Attaches an annotation action to a transaction, so it can ride along with other changes. */
export function withAnnotationAction(
  tr: Transaction,
  action: AnnotationAction,
  origin: AnnotationOrigin = "local",
): Transaction {
  const meta: AnnotationMeta = { action, origin };
  return tr.setMeta(annotationKey, meta);
}

/** The annotation action a transaction carries, if any: what the app should sync to the server. */
export function getAnnotationMeta(tr: Transaction): AnnotationMeta | undefined {
  return tr.getMeta(annotationKey) as AnnotationMeta | undefined;
}
