import "server-only";
import { getDatabase } from "./app-database";

/**
 * Opens the database when the server starts (migrating and seeding the embedded one), so that a
 * locked data folder or an unmigrated PostgreSQL stops the start with the fix, not a later request.
 */
export async function openDatabaseAtStartup(): Promise<void> {
  try {
    const { kind } = await getDatabase();
    console.log(`Newsmark: database ready (${kind}).`);
  } catch (err) {
    console.error(`Newsmark cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
