import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, inject } from "vitest";
import type { DatabaseKind } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { pgliteNotifications, pgNotifications, type Notifications } from "@/lib/db/notifications";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma";
import { onServer, quoteIdent, withDatabase } from "./postgres-admin";
import type { PgliteSnapshots } from "./provided-context";

/** A database of its own for one test file (or one test), closed and discarded afterwards. */
export interface OpenedDatabase {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** The client's connection pool on a PostgreSQL server, as the app's `Database` has it. */
  pool?: pg.Pool;
  /** The database's connection string, on a PostgreSQL server (for clients of a test's own). */
  connectionString?: string;
  /**
   * Where NOTIFY reaches the test, as the app's `Database` has it (live events). Listeners still
   * open when the database closes are stopped first, so no connection outlives it.
   */
  notifications: Notifications;
  /** A new migration-aware adapter on the same database, for `applyMigrations`. */
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** false: a brand-new database with no migrations applied (default true). */
  migrated?: boolean;
}

export interface TestDatabase {
  name: DatabaseKind;
  open(options?: OpenOptions): Promise<OpenedDatabase>;
}

function snapshotBlob(snapshots: PgliteSnapshots | undefined, migrated: boolean): Blob | undefined {
  if (!snapshots) return undefined;
  return new Blob([new Uint8Array(readFileSync(migrated ? snapshots.migrated : snapshots.empty))]);
}

/** Notifications whose listeners are all stopped by `stopAll` (those stopped already are skipped). */
function stoppedOnClose(inner: Notifications): Notifications & { stopAll(): Promise<void> } {
  const open = new Set<() => Promise<void>>();
  return {
    async listen(channel, onPayload, onResumed) {
      const stopInner = await inner.listen(channel, onPayload, onResumed);
      let stopped: Promise<void> | undefined;
      const stop = () => {
        open.delete(stop);
        stopped ??= stopInner();
        return stopped;
      };
      open.add(stop);
      return stop;
    },
    async stopAll() {
      await Promise.all([...open].map((stop) => stop().catch(() => undefined)));
    },
  };
}

/** An in-memory PGlite, loaded from the global setup's snapshot (or initialised here without one). */
async function openPglite({ migrated = true }: OpenOptions = {}): Promise<OpenedDatabase> {
  const loadDataDir = snapshotBlob(inject("newsmarkPgliteSnapshots"), migrated);
  const pglite = new PGlite(loadDataDir ? { loadDataDir } : {});
  await pglite.waitReady;
  if (!loadDataDir && migrated) await applyMigrations(new PrismaPGlite(pglite));
  const prisma = createPrismaClient(new PrismaPGlite(pglite));
  const notifications = stoppedOnClose(pgliteNotifications(pglite));
  return {
    prisma,
    kind: "pglite",
    notifications,
    adapterFactory: () => new PrismaPGlite(pglite),
    async close() {
      await notifications.stopAll();
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * A new database on the TEST_DATABASE_URL server: a copy of the template the global setup migrated,
 * or an empty one. Each test file gets its own, so files can run in parallel.
 */
async function openPostgres(url: string, { migrated = true }: OpenOptions = {}): Promise<OpenedDatabase> {
  const provided = inject("newsmarkPostgres");
  const name = `${provided?.prefix ?? "nm_"}${randomBytes(6).toString("hex")}`;
  const template = migrated && provided ? provided.template : "template0";
  await onServer(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`));
  const connectionString = withDatabase(url, name);
  const pools: pg.Pool[] = [];
  const adapterFactory = () => {
    // The schema engine takes a session-level advisory lock and never unlocks it, so a pooled
    // connection would keep holding it and the next applyMigrations would wait 10 s for it.
    // Closing each connection after one use releases the lock with the session.
    const pool = new pg.Pool({ connectionString, maxUses: 1 });
    pools.push(pool);
    return new PrismaPg(pool);
  };
  if (migrated && !provided) await applyMigrations(adapterFactory());
  const pool = new pg.Pool({ connectionString });
  const prisma = createPrismaClient(new PrismaPg(pool, { disposeExternalPool: true }));
  const notifications = stoppedOnClose(pgNotifications(connectionString));
  return {
    prisma,
    kind: "postgresql",
    pool,
    connectionString,
    notifications,
    adapterFactory,
    async close() {
      // Before the database is dropped: a listening connection cut by the drop would try to reconnect.
      await notifications.stopAll();
      await prisma.$disconnect();
      await Promise.all(pools.map((pool) => pool.end()));
      await onServer(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
}

/** PGlite always; a PostgreSQL server too when TEST_DATABASE_URL is set. */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: "pglite", open: openPglite }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) databases.push({ name: "postgresql", open: (options) => openPostgres(url, options) });
  return databases;
}

/** What a `describeEachDatabase` block sees: the open database, valid inside tests and hooks. */
export interface DatabaseContext {
  readonly prisma: PrismaClient;
  readonly kind: DatabaseKind;
  /** The connection pool under the client, on a PostgreSQL server. */
  readonly pool: pg.Pool | undefined;
  /** The database's connection string, on a PostgreSQL server. */
  readonly connectionString: string | undefined;
  /** Where NOTIFY reaches the test (pass it to `useDatabase` for the app's event bus). */
  readonly notifications: Notifications;
  /** A new migration-aware adapter on the same database. */
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory;
  /** Opens another, separate database of the same kind (closed by the caller). */
  openAnother(options?: OpenOptions): Promise<OpenedDatabase>;
}

/** Runs the block once per available database, each with its own database opened before and closed after. */
export function describeEachDatabase(title: string, fn: (db: DatabaseContext) => void): void {
  for (const database of testDatabases()) {
    describe(`${title} [${database.name}]`, () => {
      let opened: OpenedDatabase | undefined;
      beforeAll(async () => {
        opened = await database.open();
      });
      afterAll(async () => {
        await opened?.close();
        opened = undefined;
      });
      const current = (): OpenedDatabase => {
        if (!opened) throw new Error("The test database is open only inside tests and hooks");
        return opened;
      };
      fn({
        get prisma() {
          return current().prisma;
        },
        kind: database.name,
        get pool() {
          return current().pool;
        },
        get connectionString() {
          return current().connectionString;
        },
        get notifications() {
          return current().notifications;
        },
        adapterFactory: () => current().adapterFactory(),
        openAnother: (options) => database.open(options),
      });
    });
  }
}
