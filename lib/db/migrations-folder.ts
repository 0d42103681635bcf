import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Where the committed migrations live (Prisma Migrate's layout), relative to the project root. */
export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");
export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma", "schema.prisma");

/** The migrations folder in the shape the schema engine takes: every `NAME/migration.sql`, in order. */
export function readMigrationList(baseDir: string = MIGRATIONS_DIR) {
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const directories = existsSync(/* turbopackIgnore: true */ baseDir)
    ? readdirSync(/* turbopackIgnore: true */ baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(/* turbopackIgnore: true */ path.join(baseDir, d.name, "migration.sql")))
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(/* turbopackIgnore: true */ lockPath) ? readFileSync(/* turbopackIgnore: true */ lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(/* turbopackIgnore: true */ path.join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** The names of the committed migrations, oldest first. */
export function migrationNames(baseDir: string = MIGRATIONS_DIR): string[] {
  return readMigrationList(baseDir).migrationDirectories.map((d) => d.path);
}
