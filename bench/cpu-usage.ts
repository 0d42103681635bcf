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

/** CPU seconds the whole machine has been busy (all cores, every state but idle and waiting for I/O). */
function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: guest time is already counted in user and nice.
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}

/** CPU seconds used so far by one process, by all PostgreSQL processes, by this one, and by the whole machine. */
export function cpuSnapshot(serverPid?: number): { server: number; postgres: Map<string, number>; bench: number; machine: number } {
  // Per process: a session that ends between two snapshots takes its CPU time with it, and a sum
  // over whatever processes exist would then go down.
  const postgres = new Map<string, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const usage = cpuSeconds(entry);
    if (usage?.comm === "postgres") postgres.set(entry, usage.seconds);
  }
  const usage = process.cpuUsage();
  return {
    server: serverPid ? (cpuSeconds(String(serverPid))?.seconds ?? 0) : 0,
    postgres,
    bench: (usage.user + usage.system) / 1e6,
    machine: machineBusySeconds(),
  };
}

/**
 * CPU seconds spent between two snapshots, per party. PostgreSQL's is summed over the processes
 * alive at the end (a session that ended meanwhile is missed). `other` is what the rest of the
 * machine took meanwhile (other people's builds and tests, time the host gave to other machines,
 * the kernel's own work): on a shared machine it says whether a run competed for the cores it
 * measures.
 */
export function cpuSpent(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  const r = (v: number) => Math.round(v * 10) / 10;
  const server = after.server - before.server;
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  const bench = after.bench - before.bench;
  const other = Math.max(0, after.machine - before.machine - server - postgres - bench);
  return { server: r(server), postgres: r(postgres), bench: r(bench), other: r(other) };
}
