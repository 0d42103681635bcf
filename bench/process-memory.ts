import { readdirSync, readFileSync } from "node:fs";

/** The ids of a process and all its descendants (Linux /proc). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces and parentheses; the fields after its closing ")" do not.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function statusField(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process and its descendants now, in bytes. */
export function treeRss(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + statusField(p, "VmRSS"), 0);
}

/** The kernel's high-water mark of resident memory, summed over the process tree, in bytes. */
export function treePeakRss(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + statusField(p, "VmHWM"), 0);
}

/** Samples a process tree's resident memory until stopped; reports the highest sample. */
export function sampleRss(pid: number, everyMs = 20): { stop(): number } {
  let peak = treeRss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRss(pid));
    },
  };
}
