import { PluginKey } from "prosemirror-state";
import type { AnnotationState } from "./annotation-state";

/** The annotation plugin's key; not re-exported, so changes go through commands and meta helpers. */
export const annotationKey = new PluginKey<AnnotationState>("newsmark-annotations");
