import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs, each shown to fail on a planted violation and to let the
// allowed form through. The code is linted as if it lived at the given path; nothing is written.
const root = path.resolve(import.meta.dirname, "../..");
const LAYER_RULES = new Set(["@typescript-eslint/no-restricted-imports", "no-restricted-imports", "no-restricted-properties"]);

const MESSAGES = {
  prisma: "Only lib/server uses Prisma and the database drivers",
  db: "lib/db is for lib/server (and the operator's CLI)",
  dbUp: "lib/db sits below lib/server",
  serverUp: "lib/server is the data layer: it must not import lib/auth, lib/api, lib/cli, app or components",
  componentServer: "Components import only types from lib/server",
  pageDatabase: "Pages, layouts and components do not open the database",
  env: "Only lib/env.ts reads process.env",
};

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layer rules' messages for `code` linted as the file at `filePath` (relative to the project). */
async function layerMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

/** Asserts `code` at `filePath` breaks exactly `count` times with the given rule's message. */
async function expectViolation(filePath: string, code: string, message: string, count = 1) {
  const messages = await layerMessages(filePath, code);
  expect(messages).toHaveLength(count);
  for (const m of messages) expect(m).toContain(message);
}

describe("layer lint rules", { timeout: 60_000 }, () => {
  it("refuses a runtime import of lib/server in a component, by alias or relative path", async () => {
    await expectViolation("components/planted.tsx", `import { listUsers } from "@/lib/server/users/list-users";\nexport const x = listUsers;\n`, MESSAGES.componentServer);
    await expectViolation("components/review/planted.tsx", `import { AppError } from "../../lib/server/errors";\nexport const x = AppError;\n`, MESSAGES.componentServer);
    await expectViolation("components/planted.tsx", `import { type Actor, toActor } from "@/lib/server/users/to-actor";\nexport const x: Actor | null = null;\nexport const y = toActor;\n`, MESSAGES.componentServer);
  });

  it("lets a component import types from lib/server", async () => {
    expect(await layerMessages("components/planted.tsx", `import type { Actor } from "@/lib/server/actor";\nexport const x: Actor | null = null;\n`)).toEqual([]);
  });

  it("refuses Prisma, its generated client and the database drivers outside lib/server and lib/db", async () => {
    await expectViolation("lib/auth/planted.ts", `import { PrismaClient } from "../db/prisma";\nexport const x = PrismaClient;\n`, MESSAGES.prisma);
    await expectViolation("lib/cli/planted.ts", `import { PrismaPg } from "@prisma/adapter-pg";\nexport const x = PrismaPg;\n`, MESSAGES.prisma);
    await expectViolation("app/api/planted/route.ts", `import type { User } from "@/lib/db/generated/client";\nimport pg from "pg";\nexport type X = User;\nexport const y = pg;\n`, MESSAGES.prisma, 2);
    await expectViolation("components/planted.tsx", `import { PGlite } from "@electric-sql/pglite";\nexport const x = PGlite;\n`, MESSAGES.prisma);
  });

  it("lets lib/server and lib/db use Prisma and the drivers", async () => {
    const code = `import { PrismaPg } from "@prisma/adapter-pg";\nimport pg from "pg";\nimport type { User } from "../../db/prisma";\nexport const x = [PrismaPg, pg];\nexport type Y = User;\n`;
    expect(await layerMessages("lib/server/users/planted.ts", code)).toEqual([]);
    expect(await layerMessages("lib/db/planted.ts", `import { PrismaPg } from "@prisma/adapter-pg";\nimport { createPrismaClient } from "./prisma";\nexport const x = [PrismaPg, createPrismaClient];\n`)).toEqual([]);
  });

  it("refuses lib/db in pages, components and lib/auth, which go through lib/server", async () => {
    await expectViolation("lib/auth/planted.ts", `import { openServerDatabase } from "../db/database";\nexport const x = openServerDatabase;\n`, MESSAGES.db);
    await expectViolation("app/planted/page.tsx", `import { DEMO_USERS } from "@/lib/db/demo-users";\nexport default function P() { return DEMO_USERS.length; }\n`, MESSAGES.db);
  });

  it("refuses lib/server (and the layers above it) in lib/db", async () => {
    await expectViolation("lib/db/planted.ts", `import { createUser } from "../server/users/create-user";\nexport const x = createUser;\n`, MESSAGES.dbUp);
    await expectViolation("lib/db/planted.ts", `import type { Db } from "@/lib/server/db";\nexport type X = Db;\n`, MESSAGES.dbUp);
  });

  it("refuses lib/auth, lib/api and lib/cli in lib/server, telling lib/auth from lib/server/auth by depth", async () => {
    await expectViolation("lib/server/users/planted.ts", `import { authOptions } from "../../auth/auth-options";\nexport const x = authOptions;\n`, MESSAGES.serverUp);
    await expectViolation("lib/server/planted.ts", `import { withAuth } from "../api/with-auth";\nexport const x = withAuth;\n`, MESSAGES.serverUp);
    await expectViolation("lib/server/users/planted.ts", `import { sessionActor } from "@/lib/auth/session-actor";\nexport const x = sessionActor;\n`, MESSAGES.serverUp);
    expect(await layerMessages("lib/server/users/planted.ts", `import { hashPassword } from "../auth/password";\nexport const x = hashPassword;\n`)).toEqual([]);
  });

  it("refuses a page, layout or component that opens the database instead of loading through withPageActor", async () => {
    const code = `import { getDatabase } from "@/lib/server/database/app-database";\nexport default async function P() { await getDatabase(); return null; }\n`;
    await expectViolation("app/planted/page.tsx", code, MESSAGES.pageDatabase);
    await expectViolation("app/planted/layout.tsx", code, MESSAGES.pageDatabase);
    expect(await layerMessages("app/planted/page.tsx", `import { withPageActor } from "@/lib/auth/with-page-actor";\nexport default async function P() { return withPageActor("/", async () => null); }\n`)).toEqual([]);
  });

  it("refuses process.env outside lib/env.ts, including by destructuring", async () => {
    await expectViolation("lib/export/planted.ts", `export const url = process.env.DATABASE_URL;\n`, MESSAGES.env);
    await expectViolation("app/api/planted/route.ts", `const { env } = process;\nexport const x = env;\n`, MESSAGES.env);
    await expectViolation("components/planted.tsx", `export const x = process["env"].NODE_ENV;\n`, MESSAGES.env);
    expect(await layerMessages("lib/env.ts", `export const url = process.env.DATABASE_URL;\n`)).toEqual([]);
    expect(await layerMessages("tests/planted.test.ts", `export const url = process.env.DATABASE_URL;\n`)).toEqual([]);
  });
});
