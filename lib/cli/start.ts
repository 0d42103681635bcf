import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { env, inheritedEnvironment } from "../env";
import { serverCommand } from "./server-process";

/**
 * `npm start` (production) and `npm run dev`: builds first when there is no build, then serves on
 * PORT. next-auth builds its callback URLs from NEXTAUTH_URL, so it defaults to this port.
 */
const dev = process.argv.includes("--dev");
const { PORT, NEXTAUTH_URL } = env();
const childEnv = { ...inheritedEnvironment(), NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: NEXTAUTH_URL ?? `http://localhost:${PORT}` };

if (!dev && !existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: building (about a minute)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Production runs with the memory settings of server-process.ts, which the benchmarks measure.
const { command, args, env: serverEnv } = dev ? { command: "npx", args: ["next", "dev", "-p", String(PORT)], env: {} } : serverCommand(PORT);
const server = spawn(command, args, { stdio: "inherit", env: { ...childEnv, ...serverEnv } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
