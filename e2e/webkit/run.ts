// The Safari-engine step: WebKitWebDriver inside a virtual display
// (`xvfb-run -a`), the journeys of journeys.ts in a desktop window and in a
// phone-sized one, results in test-results/webkit.json.
//
//   npx tsx e2e/webkit/run.ts            # against a running test stack (E2E_APP_PORT / E2E_SANDBOX_PORT, its DATABASE_URL)
//   npm test -- --only webkit            # build, fresh database, the stack, then the journeys
// WEBKIT_PROFILES=webkit (or webkit-phone) and WEBKIT_GREP=<text> narrow a run
// while working on it; webkit.json records them, and the report then says
// the run is incomplete.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { WebkitReport } from "../../scripts/lib/coverage";
import { freePort, projectRoot } from "../../scripts/lib/postgres";
import { startRun, webkitFilters } from "../../scripts/lib/run-metadata";
import { waitForHttp } from "../../scripts/lib/run";
import { miniBrowser, runJourneys, type JourneyResult, type Stack, type WindowProfile } from "./harness";
import { journeys } from "./journeys";

const webkitReportFile = "test-results/webkit.json";
const screenshotDir = "test-results/webkit";

/** Desktop Safari's usual window, and an iPhone-sized one (390 × 844 CSS px). */
export const profiles: WindowProfile[] = [
  { engine: "webkit", width: 1280, height: 800 },
  {
    engine: "webkit-phone",
    width: 390,
    height: 844,
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
  },
];

interface Driver {
  port: number;
  stop(): Promise<void>;
}

async function startDriver(): Promise<Driver> {
  const port = await freePort();
  // -a picks a free display; the driver launches MiniBrowser on it.
  const child: ChildProcess = spawn("xvfb-run", ["-a", "WebKitWebDriver", `--port=${port}`], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitForHttp(`http://127.0.0.1:${port}/status`, 20_000, child);
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once("exit", () => resolve());
        // The process group: xvfb-run, Xvfb and the driver.
        process.kill(-child.pid, "SIGTERM");
      }),
  };
}

export interface WebkitSummary {
  passed: number;
  failed: number;
}

export async function runWebkit(stack: Stack): Promise<WebkitSummary> {
  const filters = webkitFilters();
  const record = startRun(projectRoot, [], filters);
  const driver = await startDriver();
  const tests: JourneyResult[] = [];
  const windows: WebkitReport["profiles"] = [];
  try {
    const only = filters.WEBKIT_PROFILES?.split(",");
    const grep = filters.WEBKIT_GREP;
    const selected = grep ? journeys.filter((j) => j.title.includes(grep)) : journeys;
    for (const profile of profiles.filter((p) => !only || only.includes(p.engine))) {
      const { results, viewport } = await runJourneys({
        journeys: selected,
        driverPort: driver.port,
        profile,
        stack,
        screenshotDir: path.resolve(screenshotDir),
      });
      tests.push(...results);
      windows.push({ engine: profile.engine, viewport: viewport ?? `${profile.width} × ${profile.height}`, userAgent: profile.userAgent ?? "MiniBrowser's own" });
    }
  } finally {
    await driver.stop();
  }
  const report: WebkitReport = {
    engine: "webkit",
    browser: `WebKitGTK MiniBrowser (${miniBrowser}) via WebKitWebDriver`,
    profiles: windows,
    run: record.finish(),
    tests,
  };
  mkdirSync(path.dirname(webkitReportFile), { recursive: true });
  writeFileSync(webkitReportFile, `${JSON.stringify(report, null, 2)}\n`);
  const failed = tests.filter((t) => t.status === "failed").length;
  return { passed: tests.length - failed, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { testAppUrl, testPorts, testStackEnv } = await import("../../scripts/lib/test-stack");
  const ports = testPorts();
  const summary = await runWebkit({
    appUrl: testAppUrl(ports),
    cleverUrl: `http://127.0.0.1:${ports.sandboxPort}`,
    clientId: testStackEnv(ports).CLEVER_CLIENT_ID ?? "demo-client-id",
    redirectUris: (testStackEnv(ports).CLEVER_REDIRECT_URIS ?? "").split(","),
    databaseUrl: process.env.DATABASE_URL,
  });
  console.log(`\n${summary.passed} passed, ${summary.failed} failed`);
  process.exit(summary.failed === 0 ? 0 : 1);
}
