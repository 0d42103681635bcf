import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { env } from "../env";

/**
 * `npm start` (production) and `npm run dev`: builds first when there is no build, then serves on
 * PORT. next-auth builds its callback URLs from NEXTAUTH_URL, so it defaults to this port.
 */
const dev = process.argv.includes("--dev");
const { PORT, NEXTAUTH_URL } = env();
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: NEXTAUTH_URL ?? `http://localhost:${PORT}` };

if (!dev && !existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: building (about a minute)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn("npx", ["next", dev ? "dev" : "start", "-p", String(PORT)], { stdio: "inherit", env: childEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
