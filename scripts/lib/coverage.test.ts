import { describe, expect, it } from "vitest";
import {
  computeCoverage,
  engineStatus,
  idsInTitle,
  looseTags,
  mustsMissingEngines,
  mustsWithoutTests,
  parseRequirements,
  playwrightTests,
  unknownIds,
  type TestRecord,
} from "./coverage";

const yamlText = `
district_sso:
  - {id: DSSO-01, kind: must, text: "Use the authorization grant flow"}
  - {id: DSSO-R4, kind: should, text: "UTF-8 names such as ñ or é"}
  - {id: DSSO-Q1, kind: question, text: "Which browsers?"}
library_certification:
  - {id: LIB-08, kind: must, text: "Support students with multiple teachers"}
`;

const record = (title: string, engine = "chromium", status: TestRecord["status"] = "passed", ownTitle = title): TestRecord => ({
  title,
  ownTitle,
  file: "x.spec.ts",
  engine,
  status,
  screenshots: [],
});

describe("the coverage rule", () => {
  const requirements = parseRequirements(yamlText);

  it("reads every requirement with its kind and group", () => {
    expect(requirements.map((r) => [r.id, r.kind, r.group])).toEqual([
      ["DSSO-01", "must", "district_sso"],
      ["DSSO-R4", "should", "district_sso"],
      ["DSSO-Q1", "question", "district_sso"],
      ["LIB-08", "must", "library_certification"],
    ]);
    expect(requirements[1]?.text).toContain("ñ or é");
  });

  it("fails a must requirement that no test names", () => {
    const coverage = computeCoverage(requirements, [record("[DSSO-01] logs in through the authorization grant")]);
    expect(mustsWithoutTests(coverage).map((r) => r.id)).toEqual(["LIB-08"]);
  });

  it("passes when every must requirement has a test, whatever the should ones", () => {
    const coverage = computeCoverage(requirements, [
      record("[DSSO-01][LIB-08] a student with two teachers logs in"),
    ]);
    expect(mustsWithoutTests(coverage)).toEqual([]);
    expect(coverage.find((c) => c.requirement.id === "DSSO-R4")?.tests).toEqual([]);
  });

  it("fails a must requirement without a test in an engine it must pass in, unless it is about the data the app keeps", () => {
    const withSync = parseRequirements(`${yamlText}secure_sync:\n  - {id: SS-04, kind: must, text: "Unshared records are archived"}\n`);
    const engines = ["chromium", "firefox", "webkit"];
    const tests = [
      record("[DSSO-01] logs in", "chromium"),
      record("[DSSO-01] logs in", "firefox"),
      record("[LIB-08] two teachers", "chromium"),
      record("[LIB-08] two teachers", "firefox"),
      record("[LIB-08] two teachers", "webkit"),
      record("[SS-04] archived", "chromium"),
    ];
    const missing = mustsMissingEngines(computeCoverage(withSync, tests), engines);
    expect(missing.map((m) => [m.requirement.id, m.engines])).toEqual([["DSSO-01", ["webkit"]]]);
    // Server-only specs, run once in chromium, ask nothing of the other engines.
    const serverOnly = { ...record("[DSSO-01] refuses http", "chromium"), file: "cert-config.server.spec.ts" };
    expect(mustsMissingEngines(computeCoverage(withSync, [serverOnly, ...tests.slice(2)]), engines)).toEqual([]);
  });

  it("reads only the run of [ID] tags a title starts with", () => {
    expect(idsInTitle("[DSSO-05][LIB-10] primary redirect URI @mobile")).toEqual(["DSSO-05", "LIB-10"]);
    expect(idsInTitle("[DSSO-05] [LIB-R01] button [LIB-08] text")).toEqual(["DSSO-05", "LIB-R01"]);
    expect(idsInTitle("a student [see LIB-08] with two teachers")).toEqual([]);
    expect(idsInTitle("[see LIB-08] a student")).toEqual([]);
    expect(idsInTitle("a student with two teachers LIB-08")).toEqual([]);
    expect(idsInTitle("[DSSO-05, LIB-10] one bracket, two IDs")).toEqual([]);
    expect(idsInTitle("[security] [DSSO-01] a label first")).toEqual([]);
    expect(idsInTitle("renders [1] item")).toEqual([]);
  });

  it("does not count an ID in a describe title", () => {
    const test = record("[LIB-08] Log Out › ends the session", "chromium", "passed", "ends the session");
    expect(computeCoverage(requirements, [test]).find((c) => c.requirement.id === "LIB-08")?.tests).toEqual([]);
  });

  it("names loose tags (describe titles, mid-title, [see ID]) and leaves labels and prose alone", () => {
    const tests = [
      record("[LIB-08] Log Out › ends the session", "chromium", "passed", "ends the session"),
      record("a student [see LIB-08] with two teachers"),
      record("[DSSO-01] logs in, as LIB-08 requires"),
      record("[DSSO-01] logs in [LIB-99] later"),
      record("[LIB-08] a student with two teachers"),
      record("[security] a POST to the callback is refused"),
      record("[clever-today] [bug] a UTF-8 teacher's name"),
      record("logged-in banner › [DSSO-01] shows a UTF-8 name", "chromium", "passed", "[DSSO-01] shows a UTF-8 name"),
    ];
    expect(looseTags(requirements, tests)).toEqual([
      "x.spec.ts: [DSSO-01] logs in [LIB-99] later",
      "x.spec.ts: [DSSO-01] logs in, as LIB-08 requires",
      "x.spec.ts: [LIB-08] Log Out › ends the session",
      "x.spec.ts: a student [see LIB-08] with two teachers",
    ]);
  });

  it("reports IDs that requirements.yml does not define", () => {
    expect(unknownIds(requirements, [record("[LIB-8] typo"), record("[LIB-08] ok")])).toEqual(["LIB-8"]);
  });

  it("passes a requirement in an engine only when every test of it listed there passed at the first attempt", () => {
    const tests = [record("[LIB-08] a", "firefox"), record("[LIB-08] b", "firefox", "failed"), record("[LIB-08] c", "chromium")];
    expect(engineStatus(tests, "firefox")).toBe("failed");
    expect(engineStatus(tests, "chromium")).toBe("passed");
    expect(engineStatus(tests, "webkit")).toBe("not run");
    expect(engineStatus([record("[LIB-08] a"), record("[LIB-08] b", "chromium", "flaky")], "chromium")).toBe("failed");
    for (const status of ["skipped", "expected failure", "listed"] as const) {
      expect(engineStatus([record("[LIB-08] a"), record("[LIB-08] b", "chromium", status)], "chromium")).toBe("incomplete");
    }
    expect(engineStatus([record("[LIB-08] b", "chromium", "listed")], "chromium")).toBe("not run");
  });

  it("rejects duplicate IDs and malformed entries", () => {
    expect(() => parseRequirements("a:\n  - {id: X-1, kind: must, text: a}\n  - {id: X-1, kind: must, text: b}\n")).toThrow(/duplicate/);
    expect(() => parseRequirements("a:\n  - {id: X-1, kind: maybe, text: a}\n")).toThrow(/malformed/);
  });
});

describe("Playwright's JSON report", () => {
  it("yields one record per test and project, with describe titles, own title, status and screenshots", () => {
    const report = {
      suites: [
        {
          title: "auth-login.spec.ts",
          file: "auth-login.spec.ts",
          specs: [],
          suites: [
            {
              title: "[DSSO-07] Log Out",
              file: "auth-login.spec.ts",
              specs: [
                {
                  title: "ends the session",
                  file: "auth-login.spec.ts",
                  tests: [
                    {
                      projectName: "chromium",
                      status: "expected",
                      results: [{ status: "passed", duration: 1200, attachments: [{ name: "screenshot", contentType: "image/png", path: "/tmp/a.png" }] }],
                    },
                    { projectName: "firefox", status: "unexpected", results: [{ status: "failed", duration: 900, error: { message: "\u001b[31mboom\u001b[39m\nstack" } }] },
                    { projectName: "mobile-chrome", status: "skipped", results: [{ status: "skipped", duration: 0 }] },
                    { projectName: "iphone-chromium", status: "flaky", results: [{ status: "failed", duration: 900 }, { status: "passed", duration: 800 }] },
                    // A second spec in the same project: `test.fail()` that failed as declared.
                    { projectName: "firefox", status: "expected", expectedStatus: "failed", results: [{ status: "failed", duration: 700 }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const tests = playwrightTests(report);
    expect(tests.map((t) => [t.title, t.ownTitle, t.engine, t.status])).toEqual([
      ["[DSSO-07] Log Out › ends the session", "ends the session", "chromium", "passed"],
      ["[DSSO-07] Log Out › ends the session", "ends the session", "firefox", "failed"],
      ["[DSSO-07] Log Out › ends the session", "ends the session", "mobile-chrome", "skipped"],
      ["[DSSO-07] Log Out › ends the session", "ends the session", "iphone-chromium", "flaky"],
      ["[DSSO-07] Log Out › ends the session", "ends the session", "firefox", "expected failure"],
    ]);
    expect(tests[0]?.screenshots).toEqual(["/tmp/a.png"]);
    expect(tests[1]?.error).toBe("boom");
  });

  it("treats a listed test (no results) as existing but not run", () => {
    const tests = playwrightTests({ suites: [{ title: "a.spec.ts", file: "a.spec.ts", specs: [{ title: "[LIB-08] x", tests: [{ projectName: "chromium", results: [] }] }] }] });
    expect(tests[0]?.status).toBe("listed");
    expect(engineStatus(tests, "chromium")).toBe("not run");
  });
});
