import "server-only";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { readMigrationList, SCHEMA_PATH } from "./migrations-folder";
import { openSchemaEngine } from "./schema-engine";

/**
 * The SQL that takes the committed migrations to the current schema.prisma ("" when they match).
 * The diff runs against a throwaway in-memory PGlite, so no shadow database on a server is needed.
 */
export async function pendingMigrationSql(): Promise<string> {
  const engine = await openSchemaEngine(new PrismaPGlite(new PGlite()));
  const result = await engine.diff({
    from: { tag: "migrations", ...readMigrationList() },
    to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? "";
  return !sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim()) ? "" : sql;
}
