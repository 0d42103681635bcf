import { Node } from "prosemirror-model";
import { schema } from "@/lib/editor/schema";
import { isBlankText } from "@/lib/import/blank-content";
import { ContentError } from "@/lib/import/content-error";

/** Rebuilds a ProseMirror JSON document against our schema, rejecting anything it does not allow. */
export function parseProseMirrorJson(json: unknown): Node {
  let doc: Node;
  try {
    doc = Node.fromJSON(schema, json);
    // fromJSON trusts structure; check() enforces content expressions, marks and attr validators.
    doc.check();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ContentError(`ProseMirror document is invalid: ${reason}`);
  }
  if (doc.type !== schema.topNodeType) {
    throw new ContentError(`ProseMirror document is invalid: top node must be "doc", got "${doc.type.name}"`);
  }
  if (isBlankText(doc.textContent)) throw new ContentError("ProseMirror document contains no text");
  return doc;
}
