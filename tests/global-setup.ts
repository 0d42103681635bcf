import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../lib/db/migrate";
import { readMigrationList, SCHEMA_PATH } from "../lib/db/migrations-folder";
import { databaseName, disconnectOthers, onServer, quoteIdent } from "./helpers/postgres-admin";
import type { PgliteSnapshots, PostgresTemplate } from "./helpers/provided-context";

const SNAPSHOT_PREFIX = "newsmark-test-pglite-";
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Everything a PGlite snapshot depends on: the migrations, the schema, and the locked package
 * versions (PGlite's data format, the schema engine). A change to any of them makes a new snapshot.
 */
function snapshotKey(): string {
  const hash = createHash("sha256");
  for (const dir of readMigrationList().migrationDirectories) {
    hash.update(dir.path).update("\0").update(dir.migrationFile.content.value).update("\0");
  }
  hash.update(readFileSync(SCHEMA_PATH));
  hash.update(readFileSync(path.resolve(process.cwd(), "package-lock.json")));
  return hash.digest("hex").slice(0, 16);
}

function writeAtomically(file: string, data: Uint8Array): void {
  const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}

/** Removes snapshots of older migrations or packages, once nobody can still be using them. */
function removeStaleSnapshots(keep: string[]): void {
  const dir = os.tmpdir();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!name.startsWith(SNAPSHOT_PREFIX) || keep.includes(file)) continue;
    try {
      if (Date.now() - statSync(file).mtimeMs > STALE_AFTER_MS) rmSync(file, { force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

/**
 * Starting PGlite runs initdb, which costs seconds; loading a dumped data folder is several times
 * faster. So one instance is initialised (and one migrated) here, dumped to the OS temp folder, and
 * every test file loads its own copy. The dumps are kept between runs while the key is unchanged.
 * Gzipped dumps are a ninth of the size (about 5 MB) and load as fast as plain tarballs.
 */
async function pgliteSnapshots(): Promise<PgliteSnapshots> {
  const key = snapshotKey();
  const snapshots = {
    empty: path.join(os.tmpdir(), `${SNAPSHOT_PREFIX}${key}-empty.tgz`),
    migrated: path.join(os.tmpdir(), `${SNAPSHOT_PREFIX}${key}-migrated.tgz`),
  };
  if (!existsSync(snapshots.empty) || !existsSync(snapshots.migrated)) {
    const pglite = new PGlite();
    try {
      await pglite.waitReady;
      const empty = await pglite.dumpDataDir("gzip");
      await applyMigrations(new PrismaPGlite(pglite));
      const migrated = await pglite.dumpDataDir("gzip");
      writeAtomically(snapshots.empty, new Uint8Array(await empty.arrayBuffer()));
      writeAtomically(snapshots.migrated, new Uint8Array(await migrated.arrayBuffer()));
    } finally {
      await pglite.close();
    }
  }
  removeStaleSnapshots([snapshots.empty, snapshots.migrated]);
  return snapshots;
}

/** Migrates the (fresh, empty) TEST_DATABASE_URL database once, to serve as every test file's template. */
async function postgresTemplate(url: string): Promise<PostgresTemplate> {
  const template = databaseName(url);
  const pool = new pg.Pool({ connectionString: url });
  try {
    await applyMigrations(new PrismaPg(pool));
  } finally {
    await pool.end();
  }
  await onServer(url, (client) => disconnectOthers(client, template));
  return { template, prefix: `nm_${randomBytes(4).toString("hex")}_` };
}

/** Drops the databases of this run that a crashed test file did not drop itself. */
async function dropLeftovers(url: string, prefix: string): Promise<void> {
  await onServer(url, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide("newsmarkPgliteSnapshots", await pgliteSnapshots());
  const url = process.env.TEST_DATABASE_URL;
  const postgres = url ? await postgresTemplate(url) : null;
  project.provide("newsmarkPostgres", postgres);
  return async () => {
    if (url && postgres) await dropLeftovers(url, postgres.prefix);
  };
}
