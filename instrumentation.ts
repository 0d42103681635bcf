/**
 * Runs once when the server starts: opens the database (migrating and seeding the embedded one) so
 * that a locked folder or an unmigrated PostgreSQL stops the start with the fix, not a later request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./lib/db/database");
  try {
    const { kind } = await getDatabase();
    console.log(`Newsmark: database ready (${kind}).`);
  } catch (err) {
    console.error(`Newsmark cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
