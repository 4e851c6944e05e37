import { describe, expect, it } from "vitest";
import { parseRequirements, type TestRecord } from "../../../scripts/lib/coverage";
import { dashboardSettings, surveyAnswers } from "./answers";
import { buildReport, certificationPasses } from "./model";
import { renderHtml, renderMarkdown } from "./render";

const requirements = parseRequirements(`
district_sso:
  - {id: DSSO-06, kind: must, text: "A friendly error screen when logins fail"}
  - {id: DSSO-07, kind: must, text: "A 'Log Out' button"}
  - {id: DSSO-R4, kind: should, text: "UTF-8 names such as ñ or é"}
  - {id: DSSO-Q1, kind: question, text: "Which browsers?"}
`);

const test = (title: string, engine: string, status: TestRecord["status"], screenshots: string[] = []): TestRecord => ({
  title,
  file: "auth.spec.ts",
  engine,
  status,
  screenshots,
});

const config = { idleMinutes: 120, maxHours: 12, trialDays: 30, redirectUris: ["http://localhost:3100/api/auth/callback/clever"] };

describe("the certification report", () => {
  it("passes only when every must requirement has a test that ran and passed everywhere", () => {
    const ran = [
      test("[DSSO-06] error page", "chromium", "passed", ["/tmp/desk.png"]),
      test("[DSSO-06] error page", "iphone-chromium", "passed", ["/tmp/phone.png"]),
      test("[DSSO-07] Log out", "chromium", "passed"),
      test("[DSSO-07] Log out", "firefox", "failed"),
    ];
    const model = buildReport(requirements, ran, []);
    const verdicts = Object.fromEntries(model.rows.map((r) => [r.requirement.id, r.verdict]));
    expect(verdicts).toMatchObject({ "DSSO-06": "proven", "DSSO-07": "failed", "DSSO-R4": "no test" });
    expect(model.rows[1]?.statuses).toMatchObject({ chromium: "passed", firefox: "failed", webkit: "not run" });
    expect(model.rows[0]?.screenshots.map((s) => s.engine)).toEqual(["chromium", "iphone-chromium"]);
    expect(certificationPasses(model)).toBe(false);

    const fixed = buildReport(requirements, [...ran.slice(0, 3), test("[DSSO-07] Log out", "firefox", "passed")], []);
    expect(certificationPasses(fixed)).toBe(true);
  });

  it("counts a listed test that never ran as not run, and a must without any test as missing", () => {
    const model = buildReport(requirements, [], [test("[DSSO-06] error page", "chromium", "listed")]);
    expect(model.summary.mustNotRun).toEqual(["DSSO-06"]);
    expect(model.summary.mustWithoutTest).toEqual(["DSSO-07"]);
  });

  it("renders the verdict, the survey answers and the dashboard settings for a reader", () => {
    const model = buildReport(requirements, [test("[DSSO-Q1] no JavaScript", "chromium", "passed")], []);
    const input = {
      model,
      answers: surveyAnswers(model, config, [{ browser: "Chrome", how: "Chromium", passed: 1, failed: 0 }]),
      dashboard: dashboardSettings(config),
      passes: certificationPasses(model),
      screenshotHref: (p: string) => p,
      webkitViewports: {},
    };
    const html = renderHtml(input);
    expect(html).toContain("Certification check NOT passed");
    expect(html).toContain("Chrome: yes — all 1 tests passed");
    expect(html).toContain("SESSION_IDLE_MINUTES=120");
    expect(html).toContain("https://YOUR-DOMAIN/api/auth/callback/clever");
    expect(html).toContain("ñ or é");
    expect(html).not.toContain("<script");
    const markdown = renderMarkdown(input);
    expect(markdown).toContain("| DSSO-07 | must | A 'Log Out' button | No test yet |");
  });
});
