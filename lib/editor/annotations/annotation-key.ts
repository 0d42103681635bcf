import { PluginKey } from "prosemirror-state";
import type { AnnotationState } from "./annotation-state";

/**
 * The annotation plugin's key. Kept out of the index so that every change goes
 * through the meta helpers and commands rather than ad hoc setMeta calls.
 */
export const annotationKey = new PluginKey<AnnotationState>("newsmark-annotations");
