import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "@/lib/db/pglite-lock";
import { createPrismaClient } from "@/lib/db/prisma";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { authenticateToken } from "@/lib/server/tokens/authenticate-token";
import { toActor } from "@/lib/server/users/to-actor";
import { SERVER_CONDITION } from "../../server-condition";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

/** Runs a CLI script as an operator would, with only the given database settings. */
async function cli(script: string, args: string[], dbEnv: Record<string, string>) {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "test" as const, ...dbEnv };
  try {
    const { stdout, stderr } = await run(tsx, [SERVER_CONDITION, path.join("lib", "cli", script), ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each case starts real CLI processes (TypeScript loader, WebAssembly Postgres, migrations, Argon2):
// slow on a busy two-core machine, so these get more time than unit tests.
const CLI_TIMEOUT = { timeout: 180_000 };

describe("CLI on the embedded database", CLI_TIMEOUT, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "newsmark-cli-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const dbEnv = { NEWSMARK_DATA_DIR: dataDir };

  it("creates a user and a token that authenticates as that user", async () => {
    const created = await cli("main.ts", ["user:create", "--email", "Desk@Example.org", "--name", "Night Desk", "--role", "reviewer", "--password", "a-long-password"], dbEnv);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created reviewer desk@example\.org/);

    const issued = await cli("main.ts", ["token:create", "--email", "desk@example.org"], dbEnv);
    expect(issued.code, issued.stderr).toBe(0);
    const token = issued.stdout.trim();
    expect(token).toMatch(/^nmk_[A-Za-z0-9_-]{43}$/);
    expect(issued.stderr).toMatch(/not shown again/);

    const pglite = await PGlite.create(path.join(dataDir, "pglite"));
    const prisma = createPrismaClient(new PrismaPGlite(pglite));
    try {
      expect(await authenticateToken(prisma, token)).toMatchObject({ email: "desk@example.org", role: "reviewer" });
      expect(await authenticateToken(prisma, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"))).toBeNull();
      // The first start seeded the demo users too.
      expect(await prisma.user.count()).toBe(4);
    } finally {
      await pglite.close();
    }
  });

  it("creates a user with a one-time set-up link, and a token that expires", async () => {
    const created = await cli("main.ts", ["user:create", "--email", "invited@example.org", "--name", "Invited", "--setup-link", "--base-url", "https://newsmark.example"], dbEnv);
    expect(created.code, created.stderr).toBe(0);
    const link = /Set-up link .*: (\S+)$/m.exec(created.stdout)?.[1];
    expect(link).toMatch(/^https:\/\/newsmark\.example\/set-password\/nms_[A-Za-z0-9_-]{43}$/);

    const issued = await cli("main.ts", ["token:create", "--email", "invited@example.org", "--days", "7"], dbEnv);
    expect(issued.code, issued.stderr).toBe(0);
    const pglite = await PGlite.create(path.join(dataDir, "pglite"));
    const prisma = createPrismaClient(new PrismaPGlite(pglite));
    try {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: "invited@example.org" }, include: { tokens: true, passwordSetups: true } });
      expect(user.passwordHash).toBeNull();
      expect(user.passwordSetups).toHaveLength(1);
      const days = (user.tokens[0]!.expiresAt!.getTime() - Date.now()) / (24 * 3600 * 1000);
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
    } finally {
      await pglite.close();
    }
    const bad = await cli("main.ts", ["token:create", "--email", "invited@example.org", "--days", "0"], dbEnv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/expiresInDays must be at least 1 day/);
  });

  it("explains bad arguments instead of failing obscurely", async () => {
    const bad = await cli("main.ts", ["user:create", "--email", "not-an-email", "--name", "X"], dbEnv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/email/);
    const unknown = await cli("main.ts", ["frobnicate"], dbEnv);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toMatch(/Usage: npm run cli/);
  });

  it("saves a new version of an article from a file, re-anchoring its annotations by quote", async () => {
    const first = path.join(dataDir, "first.txt");
    const second = path.join(dataDir, "second.txt");
    writeFileSync(first, "Talks\n\nEnvoy Steve Witkoff said the talks would resume in May.\n\nThe Kremlin declined to comment on the plan.\n");
    writeFileSync(second, "Talks\n\nEnvoy Steven Witkoff said the talks would resume in May.\n");
    const imported = await cli("main.ts", ["article:import", first], dbEnv);
    expect(imported.code, imported.stderr).toBe(0);
    const articleId = /as ([0-9a-f-]{36})/.exec(imported.stdout)![1]!;

    const pglite = await PGlite.create(path.join(dataDir, "pglite"));
    const prisma = createPrismaClient(new PrismaPGlite(pglite));
    try {
      const admin = toActor((await prisma.user.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" } }))!);
      const revisionId = (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).currentRevisionId!;
      await createAnnotation(prisma, admin, articleId, { revisionId, kind: "attribution", quote: { exact: "Steve Witkoff" } });
      await createAnnotation(prisma, admin, articleId, { revisionId, kind: "claim", quote: { exact: "the talks would resume in May" } });
      await createAnnotation(prisma, admin, articleId, { revisionId, kind: "claim", quote: { exact: "declined to comment" } });
    } finally {
      await pglite.close();
    }

    const revised = await cli("main.ts", ["article:revise", articleId, second], dbEnv);
    expect(revised.code, revised.stderr).toBe(0);
    expect(revised.stdout).toMatch(/Saved revision 2: 0 kept, 1 moved, 1 changed \(back to review\), 1 orphaned/);
    const again = await cli("main.ts", ["article:revise", articleId, second], dbEnv);
    expect(again.stdout).toMatch(/unchanged: still revision 2/);
    const missing = await cli("main.ts", ["article:revise", articleId], dbEnv);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Name the article id and the file/);
  });

  it("refuses to open the database while another process holds it", async () => {
    const release = lockDataDir(path.join(dataDir, "pglite"));
    try {
      const blocked = await cli("main.ts", ["token:create", "--email", "desk@example.org"], dbEnv);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toMatch(/in use by another Newsmark process/);
    } finally {
      release();
    }
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)("db:migrate on PostgreSQL", CLI_TIMEOUT, () => {
  const name = `nm_cli_${process.pid}_${Date.now()}`;
  const admin = () => {
    const url = new URL(serverUrl!);
    url.pathname = "/postgres";
    return new pg.Client({ connectionString: url.toString() });
  };
  const databaseUrl = () => {
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    return url.toString();
  };

  afterAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });

  it("refuses an unmigrated database with the fix, then migrates idempotently", async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const dbEnv = { DATABASE_URL: databaseUrl() };

    const refused = await cli("main.ts", ["user:create", "--email", "a@example.org", "--name", "A"], dbEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not migrated.*npm run db:migrate/s);

    const first = await cli("migrate.ts", [], dbEnv);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applied to PostgreSQL: \d+_init/);
    const second = await cli("migrate.ts", [], dbEnv);
    expect(second.stdout).toMatch(/up to date/);

    const created = await cli("main.ts", ["user:create", "--email", "a@example.org", "--name", "A", "--role", "admin"], dbEnv);
    expect(created.code, created.stderr).toBe(0);
  });
});
