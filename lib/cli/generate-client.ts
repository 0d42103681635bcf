import { spawnSync } from "node:child_process";
import { inheritedEnvironment } from "../env";

/**
 * Generates the Prisma client (run on install). The Prisma CLI insists on a schema engine binary
 * it would download; generating does not run it, so any existing executable satisfies the check
 * and the install stays offline. Migrations use the WebAssembly engine instead (lib/db/migrate.ts).
 */
const inherited = inheritedEnvironment();
const result = spawnSync("npx", ["prisma", "generate", "--schema", "prisma/schema.prisma"], {
  stdio: "inherit",
  env: {
    ...inherited,
    PRISMA_SCHEMA_ENGINE_BINARY: inherited.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
