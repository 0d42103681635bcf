import type { AnnotationDecorationSpec } from "./annotation-decorations";
import { innermostAnnotation } from "./annotation-order";
import type { AnnotationState } from "./annotation-state";
import type { EditorAnnotation } from "./types";

// The clicked element decides when it lies inside the editor; otherwise (synthetic
// events) the click position does.
/** The id of the innermost annotation under a click, or null on plain text. */
export function annotationAtClick(
  state: AnnotationState,
  pos: number,
  target: EventTarget | null,
  root: Node,
): string | null {
  const fromDom = annotationsAroundTarget(state, target, root);
  const candidates = fromDom ?? annotationsAtPosition(state, pos);
  return innermostAnnotation(candidates)?.id ?? null;
}

/**
 * The clicked character knows exactly which annotations cover it: each one wraps
 * it in its own span. The click position cannot tell, as it is the nearest gap
 * between characters and so also touches an annotation that merely ends there.
 */
function annotationsAroundTarget(state: AnnotationState, target: EventTarget | null, root: Node): EditorAnnotation[] | null {
  if (!isDomNode(target)) return null;
  const found: EditorAnnotation[] = [];
  for (let node: Node | null = target; node !== null; node = node.parentNode) {
    if (node === root) return found;
    if (node.nodeType !== 1) continue;
    const id = (node as Element).getAttribute("data-annotation-id");
    const annotation = id === null ? undefined : state.annotations.get(id);
    if (annotation !== undefined) found.push(annotation);
  }
  return null;
}

function annotationsAtPosition(state: AnnotationState, pos: number): EditorAnnotation[] {
  const found: EditorAnnotation[] = [];
  for (const decoration of state.decorations.find(pos, pos)) {
    const annotation = state.annotations.get((decoration.spec as AnnotationDecorationSpec).id);
    if (annotation !== undefined) found.push(annotation);
  }
  return found;
}

function isDomNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Partial<Node>).nodeType === "number";
}
