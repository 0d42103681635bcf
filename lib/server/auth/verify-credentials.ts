import "server-only";
import { verifyPassword } from "./password";
import { credentialsInput } from "../../contracts/users";
import type { Actor } from "../actor";
import type { Db } from "../db";
import { AppError } from "../errors";
import { toActor } from "../users/to-actor";
import { loginRetryAfter, recordLoginAttempt } from "./login-throttle";

/** Why a sign-in was refused; the sign-in page turns each into a clear message. */
export type SignInRefusal = "invalid" | "disabled" | "throttled";

// Verified when the email is unknown so that response time does not reveal which emails exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Jc0Yk8vJ9m7q0l3mGJq6s3QmF0xQ0nV8d3rQk1Yb6E";

/** Checks an email and password, with throttling; every failure is recorded. */
export async function verifyCredentials(
  db: Db,
  raw: unknown,
): Promise<{ actor: Actor } | { refused: SignInRefusal; retryAfter?: number }> {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) return { refused: "invalid" };
  const { email, password } = parsed.data;
  const retryAfter = await loginRetryAfter(db, email);
  if (retryAfter > 0) return { refused: "throttled", retryAfter };
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok) {
    await recordLoginAttempt(db, email, false);
    return { refused: "invalid" };
  }
  if (user.disabled) {
    await recordLoginAttempt(db, email, false);
    return { refused: "disabled" };
  }
  await recordLoginAttempt(db, email, true);
  return { actor: toActor(user) };
}

/** The 429 answered while an email is throttled. */
export function throttledError(retryAfter: number): AppError {
  const minutes = Math.ceil(retryAfter / 60);
  return new AppError(
    "rate_limited",
    `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfter },
  );
}
