import { spawn } from "node:child_process";
import path from "node:path";
import { AppServer, createServerDatabase, type TestServerDatabase } from "../resilience/app-server";
import { SERVER_CONDITION } from "../server-condition";
import { preparedCollabSchema } from "./collab-world";

const TSX_BIN = path.resolve("node_modules", "tsx", "dist", "cli.mjs");

/** Runs the preparation script, which prints the prepared articles as its last line. */
function runPrepare(args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_BIN, SERVER_CONDITION, "tests/collab/prepare-collab-database.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`prepare-collab-database failed (${code}): ${stderr}`))));
  });
}

/** Two production app instances on one PostgreSQL database, as behind a load balancer without sticky sessions. */
export interface CollabServers {
  database: TestServerDatabase;
  one: AppServer;
  two: AppServer;
  /** Articles of their own for the tests, in order of use. */
  articles: string[];
  stop(): Promise<void>;
}

/**
 * Creates the shared database, prepares it, and starts both instances on the existing build. With
 * `databasePort`, the instances reach PostgreSQL through that port (a proxy a test can cut).
 */
export async function startCollabServers(label: string, basePort: number, databasePort?: number): Promise<CollabServers> {
  const database = await createServerDatabase(label);
  if (database.kind === "pglite") return startOnEmbeddedDatabase(database, basePort);
  const url = database.env.DATABASE_URL!;
  const out = await runPrepare(["--database-url", url]);
  const { articles } = preparedCollabSchema.parse(JSON.parse(out.trim().split("\n").pop()!));
  const serverUrl = new URL(url);
  if (databasePort !== undefined) serverUrl.port = String(databasePort);
  const env = { ...database.env, DATABASE_URL: serverUrl.toString() };
  const one = new AppServer(basePort, env);
  const two = new AppServer(basePort + 1, env);
  await Promise.all([one.start(), two.start()]);
  return {
    database,
    one,
    two,
    articles,
    async stop() {
      // Open event streams would keep a politely stopped server waiting: these servers are disposable.
      await Promise.all([one.kill("SIGKILL"), two.kill("SIGKILL")]);
      await database.dispose();
    },
  };
}

/**
 * Without a PostgreSQL server (TEST_DATABASE_URL unset) there is one instance: the embedded
 * database belongs to one process. Both windows then share it, and its events travel in-process;
 * `one` and `two` are the same server.
 */
async function startOnEmbeddedDatabase(database: TestServerDatabase, port: number): Promise<CollabServers> {
  const out = await runPrepare(["--data-dir", database.env.NEWSMARK_DATA_DIR!]);
  const { articles } = preparedCollabSchema.parse(JSON.parse(out.trim().split("\n").pop()!));
  const server = new AppServer(port, database.env);
  await server.start();
  return {
    database,
    one: server,
    two: server,
    articles,
    async stop() {
      await server.kill("SIGKILL");
      await database.dispose();
    },
  };
}
