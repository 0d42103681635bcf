import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * The layers, enforced (README "Architecture"; tests/lint/layers.test.ts plants a violation of each):
 *
 * 1. Only lib/server uses Prisma: the generated client (lib/db/generated, lib/db/prisma.ts), the
 *    @prisma/* packages and the database drivers are imported only in lib/server and in lib/db,
 *    which constructs the client, migrates and opens the database for lib/server.
 * 2. lib/db sits below lib/server: lib/server may import lib/db, never the other way round, and
 *    lib/db is imported only by lib/server, lib/cli (the operator's migrate and migration tools)
 *    and lib/api (the database errors it maps to responses). Pages, components and lib/auth
 *    reach the database only through lib/server functions.
 * 3. lib/auth and lib/api read users through lib/server, never the other way round: lib/server
 *    imports none of lib/auth, lib/api, lib/cli, app or components.
 * 4. Components import types, not code, from lib/server (type-only imports pass).
 * 5. Pages, layouts and components do not open the database: they load through withPageActor /
 *    withPageVisitor (lib/auth/with-page-actor.ts), as route handlers do through withAuth.
 * 6. Only lib/env.ts reads process.env. Exempt: the tools' own configuration files
 *    (next.config.mjs, playwright.config.ts, vitest.config.ts, eslint.config.mjs), tests/** and
 *    bench/** (harnesses that start servers with chosen environments), and instrumentation.ts,
 *    whose `process.env.NEXT_RUNTIME` Next.js replaces at build time so the edge bundle drops
 *    Node-only imports (read through lib/env.ts it would not be replaced).
 *
 * Relative specifiers are matched by depth: from lib/server/users/<file>.ts "../auth" is lib/server/auth
 * and "../../auth" is lib/auth, so each rule is built for the folder depth of the files it covers.
 */

const SOURCE = "{ts,tsx,mts,cts,js,jsx,mjs}";
const MAX_DEPTH = 5;

/** A regex source matching an import of lib/<target> from a file `depth` folders below lib/ (null: outside lib/). */
function layer(target, depth, rest = "(/|$)") {
  const escaped = target.replace(/[/.]/g, (c) => `\\${c}`);
  const routes = ["@/lib/", "(\\./|(\\.\\./)+)lib/"];
  if (depth === 0) routes.push("\\./");
  else if (depth !== null) routes.push(`(\\.\\./){${depth}}`);
  return `^(${routes.join("|")})${escaped}${rest}`;
}

const MESSAGES = {
  prisma: "Only lib/server uses Prisma and the database drivers: call a lib/server function (lib/server/<domain>/<verb>-<noun>.ts) instead.",
  db: "lib/db is for lib/server (and the operator's CLI): open the database through lib/server (getDatabase, or withPageActor in pages), not lib/db.",
  dbUp: "lib/db sits below lib/server: it constructs the client, migrates and opens the database, and must not import lib/server or the layers above it.",
  serverUp: "lib/server is the data layer: it must not import lib/auth, lib/api, lib/cli, app or components (they build on it, not the other way round).",
  componentServer: "Components import only types from lib/server (import type …): data reaches them as props from a page or through the API.",
  pageDatabase: "Pages, layouts and components do not open the database: load through withPageActor / withPageVisitor (lib/auth/with-page-actor.ts).",
  env: "Only lib/env.ts reads process.env: use env() (or add the variable to its schema).",
};

const DRIVERS = "^(@prisma/.*|prisma|pg|pg-copy-streams|@electric-sql/pglite|pglite-prisma-adapter)$";

const RESTRICTIONS = {
  prisma: (d) => [
    { regex: DRIVERS, message: MESSAGES.prisma },
    { regex: layer("db/generated", d), message: MESSAGES.prisma },
    { regex: layer("db/prisma", d), message: MESSAGES.prisma },
  ],
  // The Prisma client's own modules get the Prisma message alone.
  db: (d) => [{ regex: layer("db", d, "(/(?!generated(/|$)|prisma$)|$)"), message: MESSAGES.db }],
  dbUp: (d) => ["server", "auth", "api", "cli"].map((t) => ({ regex: layer(t, d), message: MESSAGES.dbUp })),
  serverUp: (d) => [
    ...["auth", "api", "cli"].map((t) => ({ regex: layer(t, d), message: MESSAGES.serverUp })),
    { regex: "^(@/|(\\.\\./)+)(app|components)(/|$)", message: MESSAGES.serverUp },
  ],
  componentServer: (d) => [{ regex: layer("server", d), message: MESSAGES.componentServer, allowTypeImports: true }],
  pageDatabase: (d) => [{ regex: layer("server/database", d), message: MESSAGES.pageDatabase }],
};

/** One config block restricting the imports of `files` (all at one depth) to the named restrictions. */
function restrict(files, depth, names) {
  return {
    files,
    rules: {
      // The typed variant, for allowTypeImports; the base rule would report the same imports twice.
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: names.flatMap((n) => RESTRICTIONS[n](depth)) }],
    },
  };
}

/** Blocks for every depth of a folder under lib/ (later blocks override earlier ones for the same files). */
function restrictLib(folder, names) {
  const blocks = [];
  const base = folder ? folder.split("/").length : 0;
  for (let extra = 0; extra + base <= MAX_DEPTH; extra++) {
    const depth = base + extra;
    const glob = ["lib", ...(folder ? [folder] : []), ...Array(extra).fill("*"), `*.${SOURCE}`].join("/");
    blocks.push(restrict([glob], depth, names));
  }
  return blocks;
}

const layerRules = [
  // Outside lib/: app, components and the root files.
  restrict([`app/**/*.${SOURCE}`, `*.${SOURCE}`], null, ["prisma", "db"]),
  restrict([`app/**/page.${SOURCE}`, `app/**/layout.${SOURCE}`], null, ["prisma", "db", "pageDatabase"]),
  restrict([`components/**/*.${SOURCE}`], null, ["prisma", "db", "componentServer", "pageDatabase"]),
  // Inside lib/: everything by default, then the layers with their own rules.
  ...restrictLib("", ["prisma", "db"]),
  ...restrictLib("cli", ["prisma"]),
  ...restrictLib("api", ["prisma"]),
  ...restrictLib("db", ["dbUp"]),
  ...restrictLib("server", ["serverUp"]),
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...layerRules,
  {
    files: [`**/*.${SOURCE}`],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: MESSAGES.env }],
    },
  },
  {
    // The exemptions of rule 6 above.
    files: ["lib/env.ts", "tests/**", "bench/**", "instrumentation.ts", "next.config.mjs", "playwright.config.ts", "vitest.config.ts", "eslint.config.mjs"],
    rules: { "no-restricted-properties": "off" },
  },
  globalIgnores([".next/**", "node_modules/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".data/**"]),
]);
