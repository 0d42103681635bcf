import "server-only";
import { openEmbeddedDatabase, openServerDatabase, type Database } from "../../db/database";
import { env } from "../../env";
import { seedIfEmpty } from "../seed/seed-if-empty";

const holder = globalThis as unknown as { newsmarkDatabase?: Promise<Database> };

/**
 * The process-wide database, opened on first use from DATABASE_URL (or the embedded one, seeded
 * with the demo users and the sample article when empty, so a newcomer needs nothing else).
 */
export function getDatabase(): Promise<Database> {
  if (!holder.newsmarkDatabase) {
    const { DATABASE_URL, NEWSMARK_DATA_DIR } = env();
    const opening = DATABASE_URL ? openServerDatabase(DATABASE_URL) : openEmbeddedDatabase(NEWSMARK_DATA_DIR, seedIfEmpty);
    // A failed open (locked folder, unmigrated server) must be retried on the next request, not cached.
    holder.newsmarkDatabase = opening.catch((err) => {
      holder.newsmarkDatabase = undefined;
      throw err;
    });
  }
  return holder.newsmarkDatabase;
}

/** Installs an already-open database as the process-wide one (tests, and tools that open their own). */
export function useDatabase(database: Database): void {
  holder.newsmarkDatabase = Promise.resolve(database);
}
