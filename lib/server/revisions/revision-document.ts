import "server-only";
import { Node } from "prosemirror-model";
import { TextIndex } from "../../anchoring/text-index";
import { schema } from "../../editor/schema";
import type { Db } from "../db";

/** A stored revision parsed for anchoring: its document and the index of its plain text. */
export interface RevisionDocument {
  doc: Node;
  index: TextIndex;
}

// Revisions never change once written, so their parsed form can be kept; a small bound keeps memory flat.
const cache = new Map<string, RevisionDocument & { articleId: string }>();
const CACHE_SIZE = 32;

function remember(revision: { id: string; articleId: string; doc: unknown }): RevisionDocument {
  const doc = Node.fromJSON(schema, revision.doc);
  const parsed = { doc, index: new TextIndex(doc), articleId: revision.articleId };
  cache.set(revision.id, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return parsed;
}

function recall(revisionId: string): (RevisionDocument & { articleId: string }) | undefined {
  const hit = cache.get(revisionId);
  if (hit) {
    // Most recently used last, so the oldest is evicted first.
    cache.delete(revisionId);
    cache.set(revisionId, hit);
  }
  return hit;
}

/** The parsed document and text index of a revision, cached by revision id. */
export function revisionDocument(revision: { id: string; articleId: string; doc: unknown }): RevisionDocument {
  return recall(revision.id) ?? remember(revision);
}

/**
 * The parsed revision `revisionId` of the article `articleId`, reading its document from the
 * database only when it is not cached: tagging would otherwise fetch and parse the whole document
 * on every request. Null when the article has no such revision.
 */
export async function loadRevisionDocument(db: Db, articleId: string, revisionId: string): Promise<RevisionDocument | null> {
  const hit = recall(revisionId);
  // The cache holds revisions of every article: the id must belong to this one.
  if (hit) return hit.articleId === articleId ? hit : null;
  const revision = await db.revision.findFirst({ where: { id: revisionId, articleId }, select: { id: true, articleId: true, doc: true } });
  return revision ? remember(revision) : null;
}
