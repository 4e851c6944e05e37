// `npm run bench [-- ARGS]`: the roster sync benchmark (scripts/bench.ts),
// then the login load benchmark (scripts/bench-load.ts), each given ARGS.
// `npm run bench -- district [ARGS]`: only the district benchmark
// (scripts/bench-district.ts). (npm appends ARGS to the script's last
// command, so the choice is made here rather than in package.json.)
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const [first, ...rest] = process.argv.slice(2);
const all = process.argv.slice(2);
const scripts: [string, string[]][] = first === "district" ? [["bench-district.ts", rest]] : [["bench.ts", all], ["bench-load.ts", all]];
for (const [script, args] of scripts) {
  const child = spawnSync(tsx, [path.join(root, "scripts", script), ...args], { stdio: "inherit", cwd: root });
  if (child.status !== 0) process.exit(child.status ?? 1);
}
