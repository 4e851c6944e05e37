// `npm run bench:load -- --baseline REF`: another commit, checked out beside
// this one and measured in the same run, so the figures compare like with
// like on a shared machine; and the side-by-side table of the two.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectRoot } from "../lib/postgres";
import { run } from "../lib/run";

export interface BaselineCheckout {
  root: string;
  commit: string;
  dispose(): Promise<void>;
}

function git(args: string[], cwd = projectRoot): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("git", args, { cwd }, (error, stdout, stderr) => (error ? reject(new Error(`git ${args.join(" ")}: ${stderr.trim() || error.message}`)) : resolve(stdout.trim()))),
  );
}

/** The baseline's dependencies (name, version) its linked node_modules lacks. */
function missingDependencies(root: string): [string, string][] {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  return Object.entries(manifest.dependencies ?? {}).filter(([name]) => !existsSync(path.join(root, "node_modules", name, "package.json")));
}

/** `npm pack NAME@VERSION` into `folder`: the tarball's path. */
function npmPack(spec: string, folder: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("npm", ["pack", spec, "--pack-destination", folder, "--silent"], { cwd: folder }, (error, stdout, stderr) =>
      error ? reject(new Error(`npm pack ${spec}: ${stderr.trim() || error.message}`)) : resolve(path.join(folder, stdout.trim().split("\n").pop() ?? "")),
    ),
  );
}

/** A detached worktree of `ref` in a temporary folder, with this checkout's
 * node_modules hard-linked (no install; the registry only for a dependency
 * this checkout no longer has) and its own Prisma
 * client generated from its own schema. `dispose` removes it. */
export async function checkoutBaseline(ref: string): Promise<BaselineCheckout> {
  const commit = await git(["rev-parse", "--verify", `${ref}^{commit}`]);
  const root = path.join(mkdtempSync(path.join(tmpdir(), "bench-baseline-")), "checkout");
  await git(["worktree", "add", "--detach", root, commit]);
  const dispose = async () => {
    await git(["worktree", "remove", "--force", root]).catch(() => rmSync(root, { recursive: true, force: true }));
    await git(["worktree", "prune"]).catch(() => undefined);
    rmSync(path.dirname(root), { recursive: true, force: true });
  };
  try {
    // Hard links: seconds and no disk, where a copy would take minutes.
    await run("cp", ["-al", path.join(projectRoot, "node_modules"), path.join(root, "node_modules")]);
    // A dependency the baseline has and this checkout dropped since (e.g.
    // @streamparser/json): its registry tarball, unpacked beside the links.
    for (const [name, version] of missingDependencies(root)) {
      const folder = path.join(root, "node_modules", name);
      mkdirSync(folder, { recursive: true });
      const tarball = await npmPack(`${name}@${version}`, path.dirname(root));
      await run("tar", ["-xzf", tarball, "-C", folder, "--strip-components=1"]);
    }
    // Prisma 6 generates from the schema offline; a dummy URL satisfies the datasource.
    await run("node_modules/.bin/prisma", ["generate"], { cwd: root, env: { ...process.env, DATABASE_URL: "postgresql://localhost:5432/unused" }, stdio: ["ignore", "ignore", "inherit"] });
  } catch (error) {
    await dispose();
    throw error;
  }
  return { root, commit: commit.slice(0, 12), dispose };
}

/** What the comparison reads from one measured run (bench-load.ts's result). */
export interface MeasuredFigures {
  returningLogin: { sqlStatements: number };
  oneAtATime: { p95: number; errors: number; appCpuMsPerLogin: number };
  /** First logins, all at once. */
  burst: { p95: number; errors: number; appCpuMsPerLogin: number };
  /** The same users at once again, each a returning login. */
  returningBurst: { p95: number; errors: number; appCpuMsPerLogin: number };
  soak: { errors: number };
  databaseAfterBurst?: { users: string; distinct_ids: string };
}

export interface ComparisonRow {
  measure: string;
  ours: number;
  baseline: number;
  /** ours / baseline, two decimals; null when the baseline is 0. */
  ratio: number | null;
}

const duplicates = (figures: MeasuredFigures) => Number(figures.databaseAfterBurst?.users ?? 0) - Number(figures.databaseAfterBurst?.distinct_ids ?? 0);
const errors = (figures: MeasuredFigures) => figures.oneAtATime.errors + figures.burst.errors + figures.returningBurst.errors + figures.soak.errors;

/** The issue #17 targets' figures, ours beside the baseline's. */
export function compareFigures(ours: MeasuredFigures, baseline: MeasuredFigures): ComparisonRow[] {
  const rows: [string, (f: MeasuredFigures) => number][] = [
    ["app CPU per login, one at a time (ms)", (f) => f.oneAtATime.appCpuMsPerLogin],
    ["app CPU per login, burst of first logins (ms)", (f) => f.burst.appCpuMsPerLogin],
    ["app CPU per login, burst of returning logins (ms)", (f) => f.returningBurst.appCpuMsPerLogin],
    ["SQL statements, one returning login", (f) => f.returningLogin.sqlStatements],
    ["burst p95, first logins (ms)", (f) => f.burst.p95],
    ["burst p95, returning logins (ms)", (f) => f.returningBurst.p95],
    ["one at a time p95 (ms)", (f) => f.oneAtATime.p95],
    ["errors, all logins", errors],
    ["users duplicated by the burst", duplicates],
  ];
  return rows.map(([measure, read]) => {
    const [a, b] = [read(ours), read(baseline)];
    return { measure, ours: a, baseline: b, ratio: b === 0 ? null : Math.round((a / b) * 100) / 100 };
  });
}

/** The comparison as a plain-text table. */
export function formatComparison(rows: ComparisonRow[], baselineCommit: string): string {
  const header = ["measure", "ours", `baseline ${baselineCommit}`, "ours/baseline"];
  const cells = rows.map((r) => [r.measure, String(r.ours), String(r.baseline), r.ratio === null ? "—" : r.ratio.toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) => c.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), ...cells.map(line)].join("\n");
}
