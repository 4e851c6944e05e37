import { describe, expect, it } from "vitest";
import { parseRequirements, type TestRecord } from "../../../scripts/lib/coverage";
import type { RunMetadata } from "../../../scripts/lib/run-metadata";
import { dashboardSettings, surveyAnswers } from "./answers";
import { buildReport, certificationPasses, engines, exitCode, headline, type RunEvidence } from "./model";
import { renderHtml, renderMarkdown } from "./render";

const requirements = parseRequirements(`
district_sso:
  - {id: DSSO-06, kind: must, text: "A friendly error screen when logins fail"}
  - {id: DSSO-07, kind: must, text: "A 'Log Out' button"}
  - {id: DSSO-R4, kind: should, text: "UTF-8 names such as ñ or é"}
  - {id: DSSO-Q1, kind: question, text: "Which browsers?"}
library_integration_guide:
  - {id: LIG-06, kind: must, text: "Production redirect URI is https and has no '#' fragment"}
`);

const record = (title: string, engine: string, status: TestRecord["status"], file = "auth.spec.ts", screenshots: string[] = []): TestRecord => ({
  title,
  ownTitle: title,
  file,
  engine,
  status,
  screenshots,
});

const commit = "a".repeat(40);
const builtAt = new Date("2026-12-01T10:00:00Z");
const runRecord = (overrides: Partial<RunMetadata> = {}): RunMetadata => ({
  commit,
  dirty: false,
  startedAt: "2026-12-01T10:01:00.000Z",
  finishedAt: "2026-12-01T10:20:00.000Z",
  args: [],
  filters: {},
  runId: "run-1",
  apiVersion: "v2.1",
  node: "v24.11.0",
  ...overrides,
});
/** One complete run of the current commit on the current build. */
const complete: RunEvidence = {
  head: { commit, dirty: false },
  builtAt,
  playwright: { startTime: "2026-12-01T10:01:02.000Z", metadata: runRecord() },
  webkit: { metadata: runRecord({ startedAt: "2026-12-01T10:15:00.000Z" }) },
  v31: {
    found: true,
    tests: [record("[DSSO-07] Log out", "chromium", "passed", "auth-login.spec.ts")],
    startTime: "2026-12-01T10:21:02.000Z",
    metadata: runRecord({ startedAt: "2026-12-01T10:21:00.000Z", finishedAt: "2026-12-01T10:30:00.000Z", apiVersion: "v3.1", args: ["e2e/auth-login.spec.ts"] }),
    specs: ["e2e/auth-login.spec.ts"],
  },
};

const everywhere = (title: string, status: TestRecord["status"] = "passed") => engines.map((e) => record(title, e.id, status));
/** Every must proven in every engine; LIG-06 is a server-only spec, run once in chromium. */
const green = [...everywhere("[DSSO-06] error page"), ...everywhere("[DSSO-07] Log out"), record("[LIG-06] refuses http", "chromium", "passed", "cert-config.server.spec.ts")];
const listedFor = (ran: TestRecord[]): TestRecord[] => ran.map((t) => ({ ...t, status: "listed" }));
const report = (ran: TestRecord[], evidence: RunEvidence = complete, listed: TestRecord[] = listedFor(green)) => buildReport(requirements, ran, listed, evidence);
const expectIncomplete = (model: ReturnType<typeof report>, reason: RegExp) => {
  expect(certificationPasses(model)).toBe(false);
  expect(exitCode(model)).toBe(1);
  expect(headline(model)).toMatch(/^Certification incomplete: /);
  expect(headline(model)).toMatch(reason);
};

describe("the certification report", () => {
  it("passes only a complete run of this commit that proved every must in every engine", () => {
    const model = report(green);
    expect(model.rows.filter((r) => r.requirement.kind === "must").map((r) => r.verdict)).toEqual(["proven", "proven", "proven"]);
    expect(certificationPasses(model)).toBe(true);
    expect(exitCode(model)).toBe(0);
    expect(headline(model)).toContain(`all 3 required items are proven in every engine by one complete run of commit ${commit.slice(0, 10)}`);
    // A server-only requirement is not asked of the engines its spec does not run in.
    expect(model.rows.find((r) => r.requirement.id === "LIG-06")?.statuses).toMatchObject({ chromium: "passed", firefox: "not applicable" });
  });

  it("asks a Secure Sync requirement of the engines its tests run in, and a browser requirement of every engine", () => {
    const withSync = parseRequirements(`
district_sso:
  - {id: DSSO-07, kind: must, text: "A 'Log Out' button"}
secure_sync:
  - {id: SS-04, kind: must, text: "Unshared records are archived, not deleted"}
`);
    const browsers = ["chromium", "firefox", "mobile-chrome"];
    const ran = [...everywhere("[DSSO-07] Log out"), ...browsers.map((engine) => record("[SS-04] a class is archived", engine, "passed", "district.spec.ts"))];
    const model = buildReport(withSync, ran, listedFor(ran), complete);
    expect(certificationPasses(model)).toBe(true);
    expect(model.rows.find((r) => r.requirement.id === "SS-04")?.statuses).toMatchObject({ chromium: "passed", firefox: "passed", webkit: "not applicable" });
    // A browser requirement proven by such a journey alone needs Safari too.
    const browserRan = [...ran.filter((t) => !t.title.startsWith("[DSSO-07]")), ...browsers.map((engine) => record("[DSSO-07] Log out from the class page", engine, "passed", "district.spec.ts"))];
    const browserModel = buildReport(withSync, browserRan, listedFor(browserRan), complete);
    expect(browserModel.rows.find((r) => r.requirement.id === "DSSO-07")?.verdict).toBe("incomplete");
    expect(browserModel.rows.find((r) => r.requirement.id === "DSSO-07")?.statuses).toMatchObject({ webkit: "not run" });
    // A failure where it runs still fails it.
    const failed = ran.map((t) => (t.title.startsWith("[SS-04]") && t.engine === "firefox" ? { ...t, status: "failed" as const } : t));
    expect(buildReport(withSync, failed, listedFor(ran), complete).rows.find((r) => r.requirement.id === "SS-04")?.verdict).toBe("failed");
  });

  it("is incomplete when an engine is missing, even if every test passed where it ran", () => {
    const withoutWebkit = green.filter((t) => !t.engine.startsWith("webkit"));
    expectIncomplete(report(withoutWebkit), /not proven in every engine \(DSSO-06, DSSO-07\)/);
    expectIncomplete(report(withoutWebkit), /nothing ran in Safari \(webkit\)/);
    const row = report(withoutWebkit).rows.find((r) => r.requirement.id === "DSSO-07");
    expect(row?.verdict).toBe("incomplete");
    expect(row?.statuses).toMatchObject({ chromium: "passed", webkit: "not run", "webkit-phone": "not run" });
    expect(row?.problems).toContain("Safari: 1 not run");
    // No webkit.json at all.
    expectIncomplete(report(withoutWebkit, { ...complete, webkit: undefined }), /no WebKit results \(test-results\/webkit\.json\)/);
  });

  it("is incomplete for a narrowed run: Playwright arguments, WEBKIT_GREP, WEBKIT_PROFILES", () => {
    const narrowed = (playwright: Partial<RunMetadata>, webkit: Partial<RunMetadata>): RunEvidence => ({
      ...complete,
      playwright: { ...complete.playwright, metadata: runRecord(playwright) },
      webkit: { metadata: runRecord({ ...webkit, startedAt: "2026-12-01T10:15:00.000Z" }) },
    });
    expectIncomplete(report(green, narrowed({ args: ["--project=chromium", "e2e/auth-login.spec.ts"] }, {})), /Playwright was narrowed to `--project=chromium e2e\/auth-login\.spec\.ts`/);
    expectIncomplete(report(green, narrowed({}, { filters: { WEBKIT_GREP: "Log out" } })), /WebKit was narrowed by WEBKIT_GREP=Log out/);
    expectIncomplete(report(green, narrowed({}, { filters: { WEBKIT_PROFILES: "webkit" } })), /WebKit was narrowed by WEBKIT_PROFILES=webkit/);
  });

  it("is incomplete for stale or foreign results: another commit, a dirty tree, older than the build, no run record", () => {
    const playwright = (metadata: RunMetadata | undefined, startTime = complete.playwright?.startTime): RunEvidence => ({ ...complete, playwright: { startTime, metadata } });
    expectIncomplete(report(green, playwright(runRecord({ commit: "b".repeat(40) }))), /Playwright results are from commit bbbbbbbbbb, not the current aaaaaaaaaa/);
    expectIncomplete(report(green, playwright(runRecord({ dirty: true }))), /Playwright ran on a tree with uncommitted changes/);
    expectIncomplete(report(green, { ...complete, builtAt: new Date("2026-12-01T11:00:00Z") }), /results \(run started .*\) are older than the build/);
    expectIncomplete(report(green, playwright(undefined)), /Playwright results carry no run record/);
    // A results.json left from another run next to this run's record.
    expectIncomplete(report(green, playwright(runRecord(), "2026-11-30T09:00:00.000Z")), /results\.json \(started 2026-11-30.*\) is not the run its record describes/);
    expectIncomplete(report(green, { ...complete, builtAt: undefined }), /no production build/);
  });

  it("does not count a skipped decisive test, even when another test of the requirement passed", () => {
    const ran = [...green, record("[DSSO-07] Log out ends the server session", "firefox", "skipped")];
    const listed = [...listedFor(green), record("[DSSO-07] Log out ends the server session", "firefox", "listed")];
    const model = report(ran, complete, listed);
    expectIncomplete(model, /not proven in every engine \(DSSO-07\)/);
    expectIncomplete(model, /1 test run\(s\) skipped/);
    expect(model.rows.find((r) => r.requirement.id === "DSSO-07")?.statuses.firefox).toBe("incomplete");
    // An expected failure (test.fail) is no pass either.
    const expectedFailure = report([...green.filter((t) => !(t.title.startsWith("[DSSO-06]") && t.engine === "chromium")), record("[DSSO-06] error page", "chromium", "expected failure")]);
    expectIncomplete(expectedFailure, /DSSO-06/);
    expectIncomplete(expectedFailure, /expected to fail \(test\.fail\)/);
  });

  it("counts a flaky pass (passed only on a retry) as a failure", () => {
    const ran = green.map((t) => (t.title.startsWith("[DSSO-07]") && t.engine === "chromium" ? { ...t, status: "flaky" as const } : t));
    const model = report(ran);
    expectIncomplete(model, /1 of 3 required items failed \(DSSO-07\)/);
    expectIncomplete(model, /1 test run\(s\) passed only on a retry \(flaky\)/);
    expect(model.rows.find((r) => r.requirement.id === "DSSO-07")?.statuses.chromium).toBe("failed");
    expect(model.engineTotals.chromium).toEqual({ passed: 2, failed: 1 });
  });

  it("is incomplete when any test failed, tagged with a must or not: a should, a [security] test, an untagged behaviour", () => {
    for (const title of ["[DSSO-R4] UTF-8 names", "[security] a forged state is refused", "the dashboard renders"]) {
      const model = report([...green, record(title, "firefox", "failed")]);
      expect(model.summary.mustProven).toBe(model.summary.mustTotal);
      expectIncomplete(model, new RegExp(`1 test run\\(s\\) failed \\(${title.replace(/[[\]]/g, "\\$&")}\\)`));
    }
  });

  it("is incomplete when the v3.1 run failed, is missing, was narrowed otherwise, or ran on another version", () => {
    const v31 = complete.v31 ?? expect.unreachable();
    const with31 = (change: Partial<typeof v31>) => report(green, { ...complete, v31: { ...v31, ...change } });
    expectIncomplete(with31({ tests: [record("[DSSO-07] Log out", "chromium", "failed", "auth-login.spec.ts")] }), /1 test run\(s\) on Clever API v3\.1 did not pass/);
    expectIncomplete(with31({ found: false, tests: [], metadata: undefined }), /no Clever API v3\.1 results \(test-results\/results-v3\.1\.json\)/);
    expectIncomplete(with31({ tests: [] }), /nothing ran on Clever API v3\.1/);
    expectIncomplete(with31({ metadata: { ...(v31.metadata ?? expect.unreachable()), args: ["--grep=login"] } }), /Clever API v3\.1 was narrowed to `--grep=login`/);
    expectIncomplete(with31({ metadata: { ...(v31.metadata ?? expect.unreachable()), apiVersion: "v2.1" } }), /the Clever API v3\.1 results ran on v2\.1/);
    // A v3.1 certification (CLEVER_API_VERSION=v3.1) asks for none.
    expect(certificationPasses(report(green, { ...complete, v31: undefined }))).toBe(true);
    expect(report(green).v31Totals).toEqual({ passed: 1, failed: 0 });
  });

  it("is incomplete when WebKit or v3.1 results come from another run, or WebKit spoke another API version", () => {
    const webkit = (overrides: Partial<RunMetadata>): RunEvidence => ({ ...complete, webkit: { metadata: runRecord({ startedAt: "2026-12-01T10:15:00.000Z", ...overrides }) } });
    expectIncomplete(report(green, webkit({ runId: "run-0" })), /the WebKit results are not from the same run as Playwright's/);
    expectIncomplete(report(green, webkit({ runId: undefined })), /the WebKit results are not from the same run as Playwright's/);
    expectIncomplete(report(green, webkit({ apiVersion: "v3.1" })), /WebKit ran on Clever API v3\.1, Playwright on v2\.1/);
    const v31 = complete.v31 ?? expect.unreachable();
    expectIncomplete(report(green, { ...complete, v31: { ...v31, metadata: { ...(v31.metadata ?? expect.unreachable()), runId: "run-0" } } }), /the Clever API v3\.1 results are not from the same run/);
  });

  it("keeps a listed test that did not run in an engine as not run there, whatever ran elsewhere", () => {
    const model = report(green.filter((t) => !(t.title.startsWith("[DSSO-06]") && t.engine === "mobile-chrome")));
    expect(model.rows[0]?.statuses["mobile-chrome"]).toBe("not run");
    expectIncomplete(model, /DSSO-06/);
    const nothing = buildReport(requirements, [], [record("[DSSO-06] error page", "chromium", "listed")], complete);
    expect(nothing.summary.mustNotRun).toEqual(["DSSO-06"]);
    expect(nothing.summary.mustWithoutTest).toEqual(["DSSO-07", "LIG-06"]);
  });

  it("renders the verdict, the run, the survey answers and the dashboard settings for a reader", () => {
    const config = {
      idleMinutes: 120,
      maxHours: 12,
      trialDays: 30,
      loginSyncFreshSeconds: 300,
      redirectUris: ["http://localhost:3100/api/auth/callback/clever"],
      cleverApiVersion: "v2.1" as const,
      districtRostering: "auto" as const,
      districtFullSyncHours: 24,
      districtEventsPollSeconds: 60,
      districtRetentionDays: 30,
      districtHoldPercent: 20,
      defaults: {},
    };
    const model = report([...green, record("[DSSO-Q1] no JavaScript", "chromium", "passed")], {
      ...complete,
      webkit: { metadata: runRecord({ startedAt: "2026-12-01T10:15:00.000Z", filters: { WEBKIT_GREP: "Log out" } }) },
    });
    const input = {
      model,
      answers: surveyAnswers(model, config, [{ browser: "Chrome", how: "Chromium", passed: 1, failed: 0 }]),
      dashboard: dashboardSettings(config),
      passes: certificationPasses(model),
      screenshotHref: (p: string) => p,
      webkitViewports: {},
      deviations: [{ name: "LOGIN_SYNC_FRESH_SECONDS", tested: "0", production: "300" }],
    };
    const html = renderHtml(input);
    expect(html).toContain("Certification incomplete: WebKit was narrowed by WEBKIT_GREP=Log out");
    expect(html).toContain("WebKit journeys: commit aaaaaaaaaa, Clever API v2.1, Node.js v24.11.0, 2026-12-01T10:15:00.000Z to 2026-12-01T10:20:00.000Z; narrowed by WEBKIT_GREP=Log out.");
    expect(html).toContain("Clever API v3.1: commit aaaaaaaaaa, Clever API v3.1, Node.js v24.11.0, 2026-12-01T10:21:00.000Z to 2026-12-01T10:30:00.000Z; narrowed by arguments `e2e/auth-login.spec.ts`. 1 passed, 0 did not pass.");
    expect(html).toContain("Chrome: yes — all 1 tests passed");
    expect(html).toContain("SESSION_IDLE_MINUTES=120");
    expect(html).toContain("differ from a deployment's defaults (each says why in scripts/lib/test-stack.ts): LOGIN_SYNC_FRESH_SECONDS=0 (default 300).");
    expect(renderMarkdown(input)).toContain("LOGIN_SYNC_FRESH_SECONDS=0 (default 300)");
    expect(html).toContain("unless the same roster was synced successfully in the last 5 minutes");
    expect(html).toContain("District and school admins</strong>");
    expect(html).not.toContain("Not supported as users");
    expect(html).toContain("https://YOUR-DOMAIN/api/auth/callback/clever");
    expect(html).toContain("lib/platform/env.ts refuses to start on an http or '#' entry in CLEVER_REDIRECT_URIS, and e2e/cert-config.server.spec.ts starts the production build");
    expect(html).toContain("the local Clever (sandbox/)");
    expect(html).not.toContain("sandbox district");
    expect(html).toContain("ñ or é");
    expect(html).not.toContain("<script");
    const markdown = renderMarkdown(input);
    expect(markdown).toContain("| DSSO-R4 | should | UTF-8 names such as ñ or é | No test yet |");
    expect(markdown).toContain("| LIG-06 | must | Production redirect URI is https and has no '#' fragment | Proven | ✓ passed | n/a (same in every browser) |");
  });
});
