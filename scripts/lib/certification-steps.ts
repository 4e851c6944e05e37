// The certification steps of `npm test` (scripts/test.ts) and
// `npm run certify`: the Safari engine (WebKitGTK) journeys against the same
// production build and database as Playwright, and the coverage rule.
import { checkCoverage } from "./coverage-check";
import { ensureSystemPackages, webkitPackages } from "./system-packages";
import { startTestStack, testPorts } from "./test-stack";

export interface StepCounts {
  passed: number;
  failed: number;
}

/** Starts the local Clever and `next start` (the build must exist) on the
 * test ports, runs e2e/webkit/ in a desktop and a phone-sized window, stops
 * them. Writes test-results/webkit.json. */
export async function runWebkitStep(databaseUrl: string): Promise<StepCounts> {
  await ensureSystemPackages(webkitPackages);
  const stack = await startTestStack(testPorts(), databaseUrl);
  try {
    const { runWebkit } = await import("../../e2e/webkit/run");
    return await runWebkit({ ...stack, databaseUrl });
  } finally {
    await stack.stop();
  }
}

/** Fails when a `must` requirement has no end-to-end test tagged with its ID,
 * or when a test names an ID anywhere but its own title's leading `[ID]` tags. */
export async function runCoverageStep(): Promise<void> {
  const { coverage, missing, missingEngines, unknown, loose } = await checkCoverage();
  const musts = coverage.filter((c) => c.requirement.kind === "must");
  const shoulds = coverage.filter((c) => c.requirement.kind === "should");
  console.log(`  must: ${musts.length - missing.length}/${musts.length} have a test`);
  console.log(`  should: ${shoulds.filter((c) => c.tests.length > 0).length}/${shoulds.length} have a test`);
  if (unknown.length > 0) console.log(`  IDs in test titles that requirements.yml does not define: ${unknown.join(", ")}`);
  if (loose.length > 0) {
    throw new Error(
      `These tests name a requirement ID outside the leading [ID] tags of their own title, where it counts for nothing; tag the test itself (\`test("[LIB-08] …")\`) or reword:\n${loose.map((l) => `  - ${l}`).join("\n")}`,
    );
  }
  if (missing.length > 0) {
    throw new Error(`These must requirements have no end-to-end test tagged with their ID:\n${missing.map((m) => `  - ${m}`).join("\n")}`);
  }
  if (missingEngines.length > 0) {
    throw new Error(`These must requirements have no test in a browser they must pass in (coverage.ts, requiredEngines):\n${missingEngines.map((m) => `  - ${m}`).join("\n")}`);
  }
}
