import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

let cached: string | undefined;

/**
 * The key that signs session tokens: NEXTAUTH_SECRET when set. Without it, a production server on
 * PostgreSQL refuses to run (several instances must share one strong key); elsewhere a random key
 * is made once and kept in the data folder so sessions survive restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  const e = env();
  if (e.NEXTAUTH_SECRET) {
    if (e.NODE_ENV === "production" && e.DATABASE_URL && e.NEXTAUTH_SECRET.length < 32) {
      throw new Error("NEXTAUTH_SECRET must be at least 32 characters in production (try: openssl rand -base64 32)");
    }
    return (cached = e.NEXTAUTH_SECRET);
  }
  if (e.NODE_ENV === "production" && e.DATABASE_URL) {
    throw new Error("Set NEXTAUTH_SECRET (at least 32 characters) to run in production on PostgreSQL");
  }
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
