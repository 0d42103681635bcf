import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";

/** A running production server of the app. */
export interface BenchServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Serves the existing production build with `next start` on PostgreSQL (`databaseUrl`); with
 * `cpuProfileDir`, the server writes a V8 CPU profile there when it stops.
 */
export async function startServer(port: number, databaseUrl: string, options: { cpuProfileDir?: string } = {}): Promise<BenchServer> {
  const url = `http://localhost:${port}`;
  // next's own entry run by node directly, so the pid is the server itself and its memory is measurable.
  const profiling = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const server = spawn(process.execPath, [...profiling, "node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
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
    async stop() {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await exited;
      }
    },
  };
}
