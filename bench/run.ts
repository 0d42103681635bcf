import { mkdirSync, writeFileSync } from "node:fs";
import { apiBench } from "./api";
import type { Bench, Figure } from "./bench-result";
import { buildOnce } from "./build-once";
import { collabBench } from "./collab";
import { editorBench } from "./editor";
import { exportBench } from "./export";
import { reanchorBench } from "./reanchor";

/**
 * `npm run bench` runs every benchmark, `npm run bench -- NAME…` the named ones: each writes
 * bench/results/<name>.json, and a table of all figures is printed at the end.
 */
// Re-anchoring runs in this process: first, before the others' seeding has grown its heap.
const BENCHES: Bench[] = [reanchorBench, editorBench, apiBench, exportBench, collabBench];

async function main() {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const unknown = names.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown bench: ${unknown.join(", ")}. Choose from: ${BENCHES.map((b) => b.name).join(", ")}`);
    process.exit(2);
  }
  const chosen = names.length > 0 ? BENCHES.filter((b) => names.includes(b.name)) : BENCHES;
  if (chosen.some((b) => b.needsBuild)) buildOnce();
  const port = Number(process.env.BENCH_PORT ?? 3210);
  const figures: Figure[] = [];
  let failed = false;
  mkdirSync("bench/results", { recursive: true });
  for (const bench of chosen) {
    console.error(`Running ${bench.name}…`);
    try {
      const outcome = await bench.run({ port });
      writeFileSync(`bench/results/${bench.name}.json`, JSON.stringify(outcome.result, null, 2) + "\n");
      figures.push(...outcome.figures);
    } catch (err) {
      failed = true;
      console.error(`${bench.name} failed:`, err);
      figures.push({ bench: bench.name, figure: "failed", value: err instanceof Error ? err.message.slice(0, 80) : String(err) });
    }
  }
  console.table(
    figures.map((f) => ({ bench: f.bench, figure: f.figure, value: f.value, target: f.target ?? "", met: f.met === undefined ? "" : f.met ? "yes" : "NO" })),
  );
  process.exit(failed ? 1 : 0);
}

void main();
