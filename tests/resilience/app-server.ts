import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import pg from "pg";
import { preparedDatabaseSchema, type PreparedDatabase } from "./prepared-database";
import { SERVER_CONDITION } from "../server-condition";

const NEXT_BIN = path.resolve("node_modules", "next", "dist", "bin", "next");
const TSX_BIN = path.resolve("node_modules", "tsx", "dist", "cli.mjs");

/** Polls `check` (Playwright's expect.poll) until it is true, or fails naming what was awaited. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  await expect.poll(() => check().catch(() => false), { message: `waiting for ${what}`, timeout: timeoutMs }).toBe(true);
}

/**
 * A database for one resilience test: a new PostgreSQL database on TEST_DATABASE_URL's server when
 * that is set (as in CI), otherwise a new embedded one in a temporary folder. Dropped by `dispose`.
 */
export interface TestServerDatabase {
  kind: "postgresql" | "pglite";
  env: Record<string, string>;
  prepare(editors: number): Promise<PreparedDatabase>;
  dispose(): Promise<void>;
}

export async function createServerDatabase(label: string): Promise<TestServerDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const runTsx = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [TSX_BIN, SERVER_CONDITION, "tests/resilience/prepare-database.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`prepare-database failed (${code}): ${err}`))));
    });
  const parse = (out: string) => preparedDatabaseSchema.parse(JSON.parse(out.trim().split("\n").pop()!));

  if (serverUrl) {
    const name = `newsmark_${label}_${randomBytes(4).toString("hex")}`;
    const admin = new URL(serverUrl);
    admin.pathname = "/postgres";
    const query = async (sql: string) => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      kind: "postgresql",
      // Production on PostgreSQL refuses to start without a strong key.
      env: { DATABASE_URL: url.toString(), NEXTAUTH_SECRET: randomBytes(32).toString("base64") },
      prepare: async (editors) => parse(await runTsx(["--editors", String(editors), "--database-url", url.toString()])),
      dispose: () => query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `newsmark-${label}-`));
  return {
    kind: "pglite",
    env: { NEWSMARK_DATA_DIR: dir },
    prepare: async (editors) => parse(await runTsx(["--editors", String(editors), "--data-dir", dir])),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A production server (`next start` on the existing build) that this test started and may kill. */
export class AppServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Everything the server printed, across restarts: checked for leaked secrets. */
  output = "";

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get baseUrl(): string {
    return `http://localhost:${this.port}`;
  }

  /** Starts the server in a process group of its own and waits until it reports healthy. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(this.port)], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...this.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: this.baseUrl, PORT: String(this.port) },
    });
    this.child = child;
    child.stdout!.on("data", (d) => (this.output += d));
    child.stderr!.on("data", (d) => (this.output += d));
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    let gone = false;
    void this.exited.then(() => (gone = true));
    await waitFor(`the server on port ${this.port}`, async () => {
      if (gone) throw new Error(`The server exited while starting:\n${this.output}`);
      const res = await fetch(`${this.baseUrl}/api/health`);
      return res.ok;
    });
  }

  /** SIGKILL to the server's own process group (only the processes this test started), then waits for it to be gone. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
    }
    await this.exited;
  }
}

/** A fresh database prepared with editors, and a production server of this test's own on it. */
export interface PreparedServer {
  db: TestServerDatabase;
  prepared: PreparedDatabase;
  server: AppServer;
  /** Kills the server and drops the database. */
  stop(): Promise<void>;
}

/**
 * Creates the database, prepares `editors` editors and the shared article, and starts the server on
 * `port`. If any step fails, what was already made is removed before the error is thrown.
 */
export async function startPreparedServer(label: string, editors: number, port: number): Promise<PreparedServer> {
  const db = await createServerDatabase(label);
  const server = new AppServer(port, db.env);
  const stop = async () => {
    await server.kill();
    await db.dispose();
  };
  try {
    const prepared = await db.prepare(editors);
    await server.start();
    return { db, prepared, server, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
