/**
 * Text steps not yet accepted by the server, kept in the browser's storage so a reload, a crash or
 * a closed laptop loses no typing. Stored per user, article and page (tab), with the text they were
 * made on, so they can be replayed and rebased on whatever the server has by then; two tabs of one
 * person typing offline never overwrite each other's.
 */
export interface UnsentSteps {
  /** The version of the shared text the steps were made on. */
  version: number;
  /** That version's document (JSON): the steps apply to it. */
  doc: unknown;
  /** The steps, as JSON, in order. */
  steps: unknown[];
}

/** Whose steps, of which article, typed in which page. */
export interface StepsOwner {
  userId: string;
  articleId: string;
  tabId: string;
}

/** Steps a page left in storage, with the key they are under. */
export interface StoredSteps {
  key: string;
  tabId: string;
  unsent: UnsentSteps | null;
}

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;
type ListableStore = Store & Pick<Storage, "length" | "key">;

const PREFIX = "newsmark:steps:";
// Ids are UUIDs or cuids today, but a colon in one must not shift the other parts.
const part = (value: string) => encodeURIComponent(value);

/** Where one page's unsent steps of one user's article are kept. */
export const unsentStepsKey = ({ userId, articleId, tabId }: StepsOwner) => `${PREFIX}${part(userId)}:${part(articleId)}:${part(tabId)}`;

/** Whose entry a storage key is, when it is one of `unsentStepsKey`'s; null for anything else. */
export function parseUnsentStepsKey(key: string): StepsOwner | null {
  if (!key.startsWith(PREFIX)) return null;
  const parts = key.slice(PREFIX.length).split(":");
  if (parts.length !== 3) return null;
  try {
    const [userId, articleId, tabId] = parts.map(decodeURIComponent) as [string, string, string];
    return { userId, articleId, tabId };
  } catch {
    return null;
  }
}

/** Reads stored steps; null when there are none or they cannot be read. */
export function parseUnsentSteps(raw: string | null): UnsentSteps | null {
  try {
    if (!raw) return null;
    const parsed = JSON.parse(raw) as UnsentSteps;
    return typeof parsed.version === "number" && Array.isArray(parsed.steps) && parsed.steps.length > 0 ? parsed : null;
  } catch {
    return null;
  }
}

/** Stores a page's steps (or forgets them when there are none); false when the browser refused to store them. */
export function saveUnsentSteps(storage: Store, owner: StepsOwner, unsent: UnsentSteps | null): boolean {
  const key = unsentStepsKey(owner);
  try {
    if (!unsent || unsent.steps.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(unsent));
    return true;
  } catch {
    return false;
  }
}

/** Every page's stored steps of one user's article, this page's own among them. */
export function listUnsentSteps(storage: ListableStore, userId: string, articleId: string): StoredSteps[] {
  const found: StoredSteps[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    const owner = key ? parseUnsentStepsKey(key) : null;
    if (!key || !owner || owner.userId !== userId || owner.articleId !== articleId) continue;
    found.push({ key, tabId: owner.tabId, unsent: parseUnsentSteps(storage.getItem(key)) });
  }
  return found;
}
