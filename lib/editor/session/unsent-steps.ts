/**
 * Text steps not yet accepted by the server, kept in the browser's storage so a reload, a crash or
 * a closed laptop loses no typing. Stored per user and article, with the text they were made on,
 * so they can be replayed and rebased on whatever the server has by then.
 */
export interface UnsentSteps {
  /** The version of the shared text the steps were made on. */
  version: number;
  /** That version's document (JSON): the steps apply to it. */
  doc: unknown;
  /** The steps, as JSON, in order. */
  steps: unknown[];
}

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Where one user's unsent steps of one article are kept. */
export const unsentStepsKey = (userId: string, articleId: string) => `newsmark:steps:${encodeURIComponent(userId)}:${encodeURIComponent(articleId)}`;

/** Reads the stored steps; null when there are none or they cannot be read. */
export function loadUnsentSteps(storage: Store, userId: string, articleId: string): UnsentSteps | null {
  try {
    const raw = storage.getItem(unsentStepsKey(userId, articleId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as UnsentSteps;
    return typeof parsed.version === "number" && Array.isArray(parsed.steps) && parsed.steps.length > 0 ? parsed : null;
  } catch {
    return null;
  }
}

/** Stores the steps (or forgets them when there are none); false when the browser refused to store them. */
export function saveUnsentSteps(storage: Store, userId: string, articleId: string, unsent: UnsentSteps | null): boolean {
  const key = unsentStepsKey(userId, articleId);
  try {
    if (!unsent || unsent.steps.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(unsent));
    return true;
  } catch {
    return false;
  }
}
