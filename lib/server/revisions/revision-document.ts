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

/** A revision as read from the database: the current one changes with each accepted step, so its version is part of its identity. */
export interface StoredRevision {
  id: string;
  articleId: string;
  version: number;
  doc: unknown;
}

// A revision's text at one version never changes, so its parsed form can be kept; a small bound
// keeps memory flat. Keyed by id and version: the current revision is the live text.
const cache = new Map<string, RevisionDocument & { articleId: string }>();
const CACHE_SIZE = 32;

const keyOf = (id: string, version: number) => `${id}@${version}`;

/** Keeps an already parsed document (say, one the server just computed by applying steps). */
export function rememberRevisionDocument(revision: Omit<StoredRevision, "doc">, doc: Node, index = new TextIndex(doc)): RevisionDocument {
  const parsed = { doc, index, articleId: revision.articleId };
  cache.set(keyOf(revision.id, revision.version), parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return parsed;
}

function recall(id: string, version: number): (RevisionDocument & { articleId: string }) | undefined {
  const key = keyOf(id, version);
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest is evicted first.
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

/** The parsed document and text index of a revision at its version, cached. */
export function revisionDocument(revision: StoredRevision): RevisionDocument {
  return recall(revision.id, revision.version) ?? rememberRevisionDocument(revision, Node.fromJSON(schema, revision.doc));
}

/**
 * The parsed revision `revisionId` of the article `articleId` at `version`, reading its document
 * from the database only when it is not cached: tagging would otherwise fetch and parse the whole
 * document on every request. Null when the article has no such revision at that version.
 */
export async function loadRevisionDocument(db: Db, articleId: string, revisionId: string, version: number): Promise<RevisionDocument | null> {
  const hit = recall(revisionId, version);
  // The cache holds revisions of every article: the id must belong to this one.
  if (hit) return hit.articleId === articleId ? hit : null;
  const revision = await db.revision.findFirst({ where: { id: revisionId, articleId, version }, select: { id: true, articleId: true, doc: true, version: true } });
  return revision ? revisionDocument(revision) : null;
}
