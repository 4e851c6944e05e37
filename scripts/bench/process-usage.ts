// Resident memory and CPU time of a process and its descendants, from /proc
// (Linux). `next start` and `tsx` each run their server in a child process,
// so the whole tree is what a server costs.
import { readdirSync, readFileSync } from "node:fs";

/** /proc/PID/stat fields after the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU in ms (the kernel counts in 100 Hz ticks on Linux). */
function cpuMs(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : 0;
}

function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number)) {
    const parent = statFields(pid)?.[1];
    if (parent !== undefined) children.set(Number(parent), [...(children.get(Number(parent)) ?? []), pid]);
  }
  const pids: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    pids.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return pids;
}

export function treeRssMb(root: number): number {
  return tree(root).reduce((sum, pid) => sum + rssKb(pid), 0) / 1024;
}

export function treeCpuMs(root: number): number {
  return tree(root).reduce((sum, pid) => sum + cpuMs(pid), 0);
}
