// The coverage check of `npm test` and `npm run certify`: which tests exist
// (Playwright's `--list`, every project, plus the WebKit journeys) and whether
// every `must` requirement is named by one in each engine it must pass in. Needs no build, browser or server.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { engines } from "../../e2e/support/report/model";
import { computeCoverage, loadRequirements, looseTags, mustsMissingEngines, mustsWithoutTests, playwrightTests, unknownIds, type RequirementCoverage, type TestRecord } from "./coverage";
import { projectRoot } from "./postgres";

const execFileAsync = promisify(execFile);

/** Every test Playwright would run in `npm run certify` (all projects, all specs), not run. */
export async function listPlaywrightTests(): Promise<TestRecord[]> {
  const { stdout } = await execFileAsync(path.join(projectRoot, "node_modules", ".bin", "playwright"), ["test", "--list", "--reporter=json"], {
    cwd: projectRoot,
    env: { ...process.env, CERTIFY: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return playwrightTests(JSON.parse(stdout));
}

/** Every journey in every window the WebKit runner opens (desktop and phone). */
export async function listWebkitTests(): Promise<TestRecord[]> {
  const { journeys } = await import("../../e2e/webkit/journeys");
  const { profiles } = await import("../../e2e/webkit/run");
  return profiles.flatMap((profile) =>
    journeys.map((journey) => ({ title: journey.title, ownTitle: journey.title, file: journey.file, engine: profile.engine, status: "listed" as const, screenshots: [] })),
  );
}

export interface CoverageCheck {
  coverage: RequirementCoverage[];
  missing: string[];
  /** Musts without a test in an engine they must pass in (`DSSO-06: Safari (webkit)`). */
  missingEngines: string[];
  unknown: string[];
  /** Tests naming an ID where it does not tag them (describe titles, mid-title). */
  loose: string[];
}

export async function checkCoverage(): Promise<CoverageCheck> {
  const requirements = loadRequirements(projectRoot);
  const tests = [...(await listPlaywrightTests()), ...(await listWebkitTests())];
  const coverage = computeCoverage(requirements, tests);
  return {
    coverage,
    missing: mustsWithoutTests(coverage).map((r) => `${r.id} (${r.text})`),
    missingEngines: mustsMissingEngines(coverage, engines.map((e) => e.id)).map(
      (m) => `${m.requirement.id}: ${m.engines.map((id) => `${engines.find((e) => e.id === id)?.browser ?? id} (${id})`).join(", ")}`,
    ),
    unknown: unknownIds(requirements, tests),
    loose: looseTags(requirements, tests),
  };
}
