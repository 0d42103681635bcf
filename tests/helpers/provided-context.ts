/** Values the global setup (tests/global-setup.ts) hands to every test worker through `inject`. */
export interface PgliteSnapshots {
  /** Gzipped tarball of a freshly initialised PGlite data folder with no migrations applied. */
  empty: string;
  /** Tarball of the same folder after every committed migration. */
  migrated: string;
}

export interface PostgresTemplate {
  /** The migrated TEST_DATABASE_URL database, copied (CREATE DATABASE … TEMPLATE) for each test file. */
  template: string;
  /** Prefix of every database this run creates, so the teardown can drop what a crashed worker left. */
  prefix: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    newsmarkPgliteSnapshots: PgliteSnapshots;
    newsmarkPostgres: PostgresTemplate | null;
  }
}
