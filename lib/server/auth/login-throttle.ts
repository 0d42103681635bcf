import "server-only";
import type { Db } from "../db";

/** Failed sign-ins allowed per email inside the window before further attempts get 429. */
export const MAX_FAILED_LOGINS = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * Seconds until this email may try again, or 0 when it may now. Counted from the database so the
 * limit holds across every app instance behind a load balancer.
 */
export async function loginRetryAfter(db: Db, email: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const failures = await db.loginAttempt.findMany({
    where: { email: email.toLowerCase(), succeeded: false, at: { gt: since } },
    orderBy: { at: "desc" },
    take: MAX_FAILED_LOGINS,
    select: { at: true },
  });
  if (failures.length < MAX_FAILED_LOGINS) return 0;
  // The window passes when the oldest of the last MAX failures leaves it.
  const oldest = failures[failures.length - 1]!.at.getTime();
  return Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - now.getTime()) / 1000));
}

/** Records one sign-in attempt for throttling and the audit of access. */
export async function recordLoginAttempt(db: Db, email: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email: email.toLowerCase().slice(0, 320), succeeded } });
}
