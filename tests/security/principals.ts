/**
 * Who may call the app. Every route in the authorization matrix states its answer for each of
 * these; a signed-in role is tested twice for annotations (their author and another editor).
 */
export const PRINCIPALS = ["anonymous", "author", "otherEditor", "reviewer", "admin", "disabled", "revokedToken"] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** Expected HTTP status per principal. */
export type Expected = Record<Principal, number>;

/**
 * Any enabled user gets `ok`; nobody else gets in. Overrides state what differs by role.
 * A disabled user's token and a revoked token are both refused as unauthenticated (401).
 */
export function signedIn(ok: number, overrides: Partial<Expected> = {}): Expected {
  return { anonymous: 401, author: ok, otherEditor: ok, reviewer: ok, admin: ok, disabled: 401, revokedToken: 401, ...overrides };
}

/** Admins only: other roles are forbidden (403). */
export function adminsOnly(ok: number): Expected {
  return signedIn(ok, { author: 403, otherEditor: 403, reviewer: 403 });
}

/** Everyone, signed in or not, gets `ok`. */
export function everyone(ok: number): Expected {
  return { anonymous: ok, author: ok, otherEditor: ok, reviewer: ok, admin: ok, disabled: ok, revokedToken: ok };
}
