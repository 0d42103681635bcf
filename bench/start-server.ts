import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Builds the app and serves the production build on a port with a fresh embedded database. */
export async function startServer(port: number): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const build = spawnSync("npx", ["next", "build"], { stdio: "ignore", env });
  if (build.status !== 0) throw new Error("next build failed");
  const dataDir = mkdtempSync(path.join(tmpdir(), "newsmark-bench-"));
  const url = `http://localhost:${port}`;
  const server = spawn("npx", ["next", "start", "-p", String(port)], {
    stdio: "ignore",
    env: { ...env, PORT: String(port), NEWSMARK_DATA_DIR: dataDir, NEXTAUTH_URL: url },
    detached: true,
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: server.pid!,
    async stop() {
      process.kill(-server.pid!, "SIGTERM");
      await new Promise((r) => server.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
