import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { env, type Env } from "../env";

let cached: string | undefined;

const MIN_LENGTH = 32;
/** A random 32-character key has about 20 distinct characters; fewer than this is a pattern, not a key. */
const MIN_DISTINCT = 12;
/** Words that people paste from examples instead of generating a key. */
const PLACEHOLDER = /secret|password|changeme|change-me|example|nextauth|newsmark|openssl|\$\(|^(.)\1*$/i;

/**
 * Why a NEXTAUTH_SECRET is not strong enough to sign sessions in production, or null when it is.
 * Never quotes the secret itself, since the answer ends up in logs.
 */
export function weakSecretReason(secret: string): string | null {
  if (secret.length < MIN_LENGTH) return `it has ${secret.length} characters; it needs at least ${MIN_LENGTH}`;
  if (new Set(secret).size < MIN_DISTINCT) return "it repeats too few characters to be random";
  if (PLACEHOLDER.test(secret)) return "it looks like a placeholder or a word, not a random key";
  return null;
}

/**
 * Whether these settings may run: a production server on PostgreSQL (several instances share one
 * key, and anyone with the key can forge any session) needs a strong NEXTAUTH_SECRET; elsewhere a
 * missing one is generated. Answers the problem, or null.
 */
export function authSecretProblem(e: Pick<Env, "NODE_ENV" | "DATABASE_URL" | "NEXTAUTH_SECRET">): string | null {
  if (e.NODE_ENV !== "production" || !e.DATABASE_URL) return null;
  const fix = "generate one with: openssl rand -base64 32";
  if (!e.NEXTAUTH_SECRET) return `Set NEXTAUTH_SECRET to run in production on PostgreSQL (${fix})`;
  const weak = weakSecretReason(e.NEXTAUTH_SECRET);
  return weak ? `NEXTAUTH_SECRET is too weak for production: ${weak} (${fix})` : null;
}

/**
 * The key that signs session tokens: NEXTAUTH_SECRET when set. Without a strong one, a production
 * server on PostgreSQL refuses to run; elsewhere a random key is made once and kept in the data
 * folder so sessions survive restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  const e = env();
  const problem = authSecretProblem(e);
  if (problem) throw new Error(problem);
  if (e.NEXTAUTH_SECRET) return (cached = e.NEXTAUTH_SECRET);
  const file = path.resolve(e.NEWSMARK_DATA_DIR, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return (cached = readFileSync(file, "utf8").trim());
}
