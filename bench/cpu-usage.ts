import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: string): { comm: string; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat; fields[0] here is field 3.
    return { comm, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by one process, by all PostgreSQL processes, and by this one. */
export function cpuSnapshot(serverPid?: number): { server: number; postgres: number; bench: number } {
  let postgres = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const usage = cpuSeconds(entry);
    if (usage?.comm === "postgres") postgres += usage.seconds;
  }
  const usage = process.cpuUsage();
  return {
    server: serverPid ? (cpuSeconds(String(serverPid))?.seconds ?? 0) : 0,
    postgres,
    bench: (usage.user + usage.system) / 1e6,
  };
}

/** CPU seconds spent between two snapshots, per party. */
export function cpuSpent(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  const r = (v: number) => Math.round(v * 10) / 10;
  return { server: r(after.server - before.server), postgres: r(after.postgres - before.postgres), bench: r(after.bench - before.bench) };
}
