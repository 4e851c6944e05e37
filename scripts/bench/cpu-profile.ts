// Where a server's CPU goes: a V8 `.cpuprofile` (node --cpu-prof) summed by
// the package each sample ran in. Native and Node-internal frames (socket
// writes, zlib, crypto) count toward the nearest caller that belongs to a
// package, so "pg" includes the syscalls that send its queries.

interface CallFrame {
  functionName: string;
  url: string;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const special = new Set(["(idle)", "(program)", "(garbage collector)"]);

/** The package a frame's script belongs to, or undefined for Node's own. */
export function packageOf(url: string): string | undefined {
  if (url === "" || url.startsWith("node:")) return undefined;
  if (url.startsWith("wasm://")) return "Prisma query compiler (WebAssembly)";
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(url);
  if (dependency) {
    const [, name = "", rest = ""] = dependency;
    if (name !== "next") return name;
    const compiled = /\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(rest);
    return compiled ? `next (compiled ${compiled[1]})` : "next";
  }
  // The production build's server chunks hold the app and what it bundled.
  if (/\/server\/(chunks|app)\//.test(url)) return "app build (app code, Auth.js, zod, React server rendering)";
  return url.split("/").slice(-2).join("/");
}

/** Milliseconds per package (plus idle, GC and unattributed), largest first. */
export function cpuByPackage(profile: CpuProfile): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));

  const totals = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    let name = frame && special.has(frame.functionName) ? frame.functionName : undefined;
    for (let current: number | undefined = id; name === undefined && current !== undefined; current = parent.get(current)) {
      name = packageOf(byId.get(current)?.callFrame.url ?? "");
    }
    name ??= "(Node.js internals, no package caller)";
    totals.set(name, (totals.get(name) ?? 0) + ms);
  }
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}
