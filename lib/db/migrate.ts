import "server-only";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { readMigrationList } from "./migrations-folder";
import { openSchemaEngine } from "./schema-engine";

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * @prisma/adapter-pg runs a migration script by splitting it at every ";", those inside a function
 * body included, so a migration that defines a PL/pgSQL function (the live events' trigger) fails
 * on a PostgreSQL server with "unterminated dollar-quoted string". PostgreSQL takes a whole script
 * as one query without parameters (the simple query protocol), as one implicit transaction, which
 * is how Prisma's native engine sends it: this adapter is made to do the same. PGlite's adapter
 * already runs a script whole.
 */
function wholeScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  if (factory.adapterName !== "@prisma/adapter-pg") return factory;
  const whole = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    adapter.executeScript = async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => whole(await factory.connect()),
    connectToShadowDb: async () => whole(await factory.connectToShadowDb()),
  };
}

/** Applies every committed migration not yet applied (idempotent); returns the names it applied. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(wholeScripts(adapterFactory));
  try {
    const result = await engine.applyMigrations({ migrationsList: readMigrationList(), filters: noFilters });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
