/**
 * Where the editor keeps unsent work in the browser's storage. Every entry names its author, the
 * article and the page (tab) that wrote it, so a shared computer never mixes two people's work and
 * two tabs of one person never overwrite each other's entries.
 */

/** Unsent annotation changes (the sync queue) or unsaved text (a draft). */
export type UnsentKind = "sync" | "draft";

/** One stored entry's address. */
export interface UnsentKey {
  kind: UnsentKind;
  userId: string;
  articleId: string;
  tabId: string;
}

const PREFIX = "newsmark";
// Ids are UUIDs or cuids today, but a colon in one must not shift the other parts.
const part = (value: string) => encodeURIComponent(value);

/** The storage key of one tab's unsent work of one user on one article. */
export function unsentKey({ kind, userId, articleId, tabId }: UnsentKey): string {
  return `${PREFIX}:${kind}:${part(userId)}:${part(articleId)}:${part(tabId)}`;
}

/** Reads a key written by `unsentKey`; null for anything else (including the old article-only keys). */
export function parseUnsentKey(key: string): UnsentKey | null {
  const parts = key.split(":");
  if (parts.length !== 5 || parts[0] !== PREFIX || (parts[1] !== "sync" && parts[1] !== "draft")) return null;
  try {
    const [userId, articleId, tabId] = parts.slice(2).map(decodeURIComponent) as [string, string, string];
    return { kind: parts[1], userId, articleId, tabId };
  } catch {
    return null;
  }
}

/** The key earlier versions used, of the article only: its author is unknown. */
export function legacyKey(kind: UnsentKind, articleId: string): string {
  return `${PREFIX}:${kind}:${articleId}`;
}

/** Where entries under an old key are set aside: never sent, kept until someone discards them. */
export function unownedKey(kind: UnsentKind, articleId: string): string {
  return `${PREFIX}:unowned:${kind}:${part(articleId)}`;
}

/** The Web Lock a live page holds while it owns its entries (queue and draft) of a user's article. */
export function holdLockName(userId: string, articleId: string, tabId: string): string {
  return `${PREFIX}:held:${part(userId)}:${part(articleId)}:${part(tabId)}`;
}

/** The Web Lock taken while a page takes over entries that closed pages left behind. */
export function adoptLockName(userId: string, articleId: string): string {
  return `${PREFIX}:adopt:${part(userId)}:${part(articleId)}`;
}

type KeyedStorage = Pick<Storage, "length" | "key">;

/** Every per-user entry stored for an article, whoever wrote it. */
export function listUnsent(storage: KeyedStorage, articleId: string): (UnsentKey & { key: string })[] {
  const found: (UnsentKey & { key: string })[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    const parsed = key ? parseUnsentKey(key) : null;
    if (key && parsed && parsed.articleId === articleId) found.push({ ...parsed, key });
  }
  return found;
}
