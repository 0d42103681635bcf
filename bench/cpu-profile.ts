import { copyFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** V8's CPU profile format, from Chromium's profiler or from node --cpu-prof. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The functions that took the most self time, in ms, while a page's CPU profile ran. */
export interface ProfileSummary {
  totalMs: number;
  top: { fn: string; selfMs: number }[];
}

/** Starts Chromium's sampling profiler on a page; stop() returns the heaviest functions by self time. */
export async function startProfile(page: Page): Promise<{ stop(top?: number): Promise<ProfileSummary> }> {
  const session = await page.context().newCDPSession(page);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 100 });
  await session.send("Profiler.start");
  return {
    async stop(top = 15) {
      const { profile } = (await session.send("Profiler.stop")) as unknown as {
        profile: CpuProfile;
      };
      await session.detach();
      return summarizeProfile(profile, top);
    },
  };
}

/** The heaviest functions of a V8 CPU profile by self time. */
export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const selfMs = new Map<number, number>();
  profile.samples.forEach((node, i) => selfMs.set(node, (selfMs.get(node) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split("/").pop() ?? "";
    const key = `${functionName || "(anonymous)"}${file ? ` ${file}:${lineNumber + 1}` : ""}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (selfMs.get(node.id) ?? 0));
  }
  return {
    totalMs: Math.round((profile.endTime - profile.startTime) / 1000),
    top: [...byFunction.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, selfMs: Math.round(ms * 10) / 10 })),
  };
}

/** Summarises the profile a server wrote into `dir` (node --cpu-prof) and removes the folder. */
export function serverProfile(dir: string, top = 25): ProfileSummary | undefined {
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  const summary = file ? summarizeProfile(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile, top) : undefined;
  // BENCH_CPU_PROFILE_OUT=file.cpuprofile keeps the whole profile (it opens in Chromium's DevTools).
  if (file && process.env.BENCH_CPU_PROFILE_OUT) copyFileSync(path.join(dir, file), process.env.BENCH_CPU_PROFILE_OUT);
  rmSync(dir, { recursive: true, force: true });
  return summary;
}
