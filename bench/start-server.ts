import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { serverCommand } from "@/lib/cli/server-process";

/** A running production server of the app. */
export interface BenchServer {
  url: string;
  pid: number;
  /** The last few kilobytes the server wrote to stderr (errors it logged). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Serves the existing production build with `next start` on PostgreSQL (`databaseUrl`), started as
 * `npm start` starts it (same command, Node.js flags and memory settings, without the launcher
 * around it); with
 * `cpuProfileDir`, the server writes a V8 CPU profile there when it stops.
 */
export async function startServer(port: number, databaseUrl: string, options: { cpuProfileDir?: string } = {}): Promise<BenchServer> {
  const url = `http://localhost:${port}`;
  // The command `npm start` runs (lib/cli/start.ts), with its Node.js flags: the pid is the server
  // itself and its memory is measurable.
  const profiling = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  // BENCH_NODE_FLAGS="--flag …" adds Node.js flags after the production ones (a later flag wins), to
  // measure a change of the server's memory settings before making it.
  const trying = process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const { command, args, env: serverEnv } = serverCommand(port, [...profiling, ...trying]);
  const server = spawn(command, args, {
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      ...serverEnv,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    },
  });
  let errors = "";
  server.stderr!.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}: ${errors}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && ((await res.json()) as { database?: string }).database === "postgresql") break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      server.kill("SIGTERM");
      throw new Error(`server did not start: ${errors}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: server.pid!,
    log: () => errors,
    async stop() {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        // A connection still open (an event stream) can hold a politely stopped server; it is disposable.
        const stubborn = setTimeout(() => server.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(stubborn);
      }
    },
  };
}
