import "server-only";
import type { DatabaseKind } from "../../db/database";
import { isDatabaseUnreachable } from "../../db/database-unreachable";
import { env } from "../../env";
import { getDatabase } from "./app-database";

/** How long the health check waits for the database: a load balancer's probe must not hang on it. */
export const DATABASE_CHECK_TIMEOUT_MS = 2_000;

/** Which engine is behind the app, and whether it answered the check. */
export interface DatabaseCheck {
  kind: DatabaseKind;
  reachable: boolean;
}

/**
 * Opens the database if need be and runs a trivial query, for the health check: unreachable when
 * the server cannot be reached or does not answer within `timeoutMs`. Any other failure (a locked
 * or unmigrated database) is thrown.
 */
export async function checkDatabase(timeoutMs = DATABASE_CHECK_TIMEOUT_MS): Promise<DatabaseCheck> {
  let opened: DatabaseKind | undefined;
  const query = (async () => {
    const { prisma, kind } = await getDatabase();
    opened = kind;
    await prisma.$queryRawUnsafe("SELECT 1");
  })();
  // The open database says what it is; one that could not be opened is the configured one.
  const kindNow = (): DatabaseKind => opened ?? (env().DATABASE_URL ? "postgresql" : "pglite");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    // A query still waiting when time is up finishes (or fails) on its own, unobserved.
    query.catch(() => {});
    const answered = (await Promise.race([query, timedOut])) !== "timeout";
    return { kind: kindNow(), reachable: answered };
  } catch (err) {
    if (isDatabaseUnreachable(err)) return { kind: kindNow(), reachable: false };
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
