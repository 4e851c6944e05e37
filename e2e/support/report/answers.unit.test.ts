// The survey answers (answers.ts): every question Clever asks has one, each
// names only requirements that exist, and those that quote a setting quote
// the run's value, with the default a deployment gets when they differ.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRequirements, parseRequirements, type Requirement } from "../../../scripts/lib/coverage";
import { projectRoot } from "../../../scripts/lib/postgres";
import { type AppConfiguration, surveyAnswers } from "./answers";
import { answersConfiguration } from "./configuration";
import { buildReport } from "./model";

/** A deployment that sets nothing the answers quote. */
const defaults: AppConfiguration = {
  idleMinutes: 120,
  maxHours: 12,
  trialDays: 30,
  loginSyncFreshSeconds: 300,
  redirectUris: ["https://classroom.example/api/auth/callback/clever"],
  cleverApiVersion: "v2.1",
  districtRostering: "auto",
  districtFullSyncHours: 24,
  districtEventsPollSeconds: 60,
  districtRetentionDays: 30,
  districtHoldPercent: 20,
  defaults: {},
};

/** Both copies of requirements.yml: the one the report reads (the team's
 * shared copy beside the checkout when there is one) and the repository's. */
const reportRequirements = loadRequirements(projectRoot);
const requirementFiles: [string, Requirement[]][] = [
  ["the requirements the report reads", reportRequirements],
  ["the repository's copy", parseRequirements(readFileSync(path.join(projectRoot, "e2e", "support", "report", "requirements.yml"), "utf8"))],
];

const answersFor = (requirements: Requirement[], config: AppConfiguration = defaults) =>
  surveyAnswers(buildReport(requirements, [], [], { head: { commit: "a".repeat(40), dirty: false } }), config, [{ browser: "Chrome", how: "Chromium", passed: 0, failed: 0 }]);

const textOf = (requirements: Requirement[], id: string, config: AppConfiguration = defaults) =>
  answersFor(requirements, config)
    .find((a) => a.ids.includes(id))
    ?.answer.join("\n") ?? expect.unreachable(`no answer to ${id}`);

describe.each(requirementFiles)("the survey answers, against %s", (_, requirements) => {
  it("answer every question, each once, in at least one non-empty paragraph", () => {
    const answers = answersFor(requirements);
    const questions = requirements.filter((r) => r.kind === "question").map((r) => r.id);
    const answered = answers.flatMap((a) => a.ids);
    expect(questions.filter((id) => !answered.includes(id))).toEqual([]);
    expect(answered.filter((id, index) => answered.indexOf(id) !== index)).toEqual([]);
    for (const a of answers) expect(a.answer.length > 0 && a.answer.every((p) => p.trim().length > 0), a.ids.join()).toBe(true);
  });

  it("answer only questions, and cite as evidence only requirements requirements.yml defines", () => {
    const answers = answersFor(requirements);
    const kinds = new Map(requirements.map((r) => [r.id, r.kind]));
    expect(answers.flatMap((a) => a.ids).filter((id) => kinds.get(id) !== "question")).toEqual([]);
    expect(answers.flatMap((a) => a.evidence.map((e) => e.id)).filter((id) => !kinds.has(id))).toEqual([]);
  });
});

describe("the Secure Sync answers", () => {
  const requirements = reportRequirements;
  const testStack: AppConfiguration = {
    ...defaults,
    districtRostering: "manual",
    districtEventsPollSeconds: 2,
    defaults: { DISTRICT_ROSTERING: "auto", DISTRICT_EVENTS_POLL_SECONDS: "60" },
  };

  it("quote the run's settings, and a deployment's default where the run's differs", () => {
    expect(textOf(requirements, "SS-Q8")).toContain("at least every 24 hours");
    expect(textOf(requirements, "SS-Q8")).toContain("read every minute (DISTRICT_EVENTS_POLL_SECONDS=60)");
    expect(textOf(requirements, "SS-Q8", testStack)).toContain("read every 2 seconds (DISTRICT_EVENTS_POLL_SECONDS=2 in this run, 60 by default)");
    expect(textOf(requirements, "SS-Q8")).toContain("synced in the last 5 minutes (LOGIN_SYNC_FRESH_SECONDS=300)");
    expect(textOf(requirements, "SS-Q6")).toContain("older than a minute (DISTRICT_EVENTS_POLL_SECONDS=60)");
    expect(textOf(requirements, "SS-Q20", { ...defaults, districtRetentionDays: 90 })).toContain("within 90 days (DISTRICT_RETENTION_DAYS=90)");
  });

  it("say how a district is set up as the run's DISTRICT_ROSTERING has it", () => {
    expect(textOf(requirements, "SS-Q4")).toContain("rosters the whole district in the background");
    expect(textOf(requirements, "SS-Q4")).not.toContain("npm run roster -- sync");
    expect(textOf(requirements, "SS-Q4", testStack)).toContain("once an operator runs `npm run roster -- sync <districtId>` (DISTRICT_ROSTERING=manual in this run, auto by default");
  });

  it("say the API version the run used, and how the v3.1 run went", () => {
    const v31 = buildReport(requirements, [], [], {
      head: { commit: "a".repeat(40), dirty: false },
      v31: { found: true, tests: [{ title: "[DSSO-07] Log out", ownTitle: "[DSSO-07] Log out", file: "auth-login.spec.ts", engine: "chromium", status: "passed", screenshots: [] }], specs: [] },
    });
    const text = surveyAnswers(v31, defaults, []).find((a) => a.ids.includes("SS-Q1"))?.answer.join("\n");
    expect(text).toContain("This certification ran on v2.1, and the specs whose calls depend on the version ran again on v3.1: 1 test run(s) passed, 0 did not.");
    expect(textOf(requirements, "SS-Q1", { ...defaults, cleverApiVersion: "v3.1" })).toContain("This certification ran on v3.1.");
  });

  it("say how a mass change is held for review, at the run's share", () => {
    expect(textOf(requirements, "SS-Q15")).toContain("more than 20% (DISTRICT_HOLD_PERCENT=20) of a district's active students, teachers or classes");
    expect(textOf(requirements, "SS-Q15", { ...defaults, districtHoldPercent: 35, defaults: { DISTRICT_HOLD_PERCENT: "20" } })).toContain("more than 35% (DISTRICT_HOLD_PERCENT=35 in this run, 20 by default)");
    expect(textOf(requirements, "SS-Q15")).toContain("npm run roster -- release");
  });
});

describe("the configuration the answers quote", () => {
  it("is the certified test stack's, with each default it departs from", () => {
    const config = answersConfiguration();
    // The test stack rosters districts on request and reads events every two seconds (scripts/lib/test-stack.ts).
    expect(config).toMatchObject({ districtRostering: "manual", districtEventsPollSeconds: 2, districtFullSyncHours: 24, districtRetentionDays: 30 });
    expect(config.defaults).toMatchObject({ DISTRICT_ROSTERING: "auto", DISTRICT_EVENTS_POLL_SECONDS: "60" });
    expect(config.defaults).not.toHaveProperty("DISTRICT_FULL_SYNC_HOURS");
  });
});
