import { spawnSync } from "node:child_process";

let built = false;

/** Builds the production app at most once per run: every bench serves the same build. */
export function buildOnce(): void {
  // BENCH_SKIP_BUILD=1 reuses the last build, for re-running a bench on unchanged code.
  if (built || process.env.BENCH_SKIP_BUILD === "1") return;
  console.error("Building the app (next build)…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
  built = true;
}
