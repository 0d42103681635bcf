import { Node } from "prosemirror-model";
import { TextIndex } from "../../anchoring/text-index";
import { schema } from "../../editor/schema";

/** A stored revision parsed for anchoring: its document and the index of its plain text. */
export interface RevisionDocument {
  doc: Node;
  index: TextIndex;
}

// Revisions never change once written, so their parsed form can be kept; a small bound keeps memory flat.
const cache = new Map<string, RevisionDocument>();
const CACHE_SIZE = 32;

/** The parsed document and text index of a revision, cached by revision id. */
export function revisionDocument(revision: { id: string; doc: unknown }): RevisionDocument {
  const hit = cache.get(revision.id);
  if (hit) {
    cache.delete(revision.id);
    cache.set(revision.id, hit);
    return hit;
  }
  const doc = Node.fromJSON(schema, revision.doc);
  const parsed = { doc, index: new TextIndex(doc) };
  cache.set(revision.id, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return parsed;
}
