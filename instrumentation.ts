/** Runs once when the server starts; the database is opened then rather than on the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseWeakSecretsAtStartup } = await import("./lib/auth/refuse-weak-secrets");
    refuseWeakSecretsAtStartup();
    const { openDatabaseAtStartup } = await import("./lib/server/database/open-at-startup");
    await openDatabaseAtStartup();
  }
}
