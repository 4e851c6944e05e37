// Answers to Clever's certification survey (the `question` entries of
// requirements.yml), drawn from the app's configuration and backed by the
// tests that show them. Pure: the configuration comes in as values.
import { evidenceFor, type ReportModel, type Verdict } from "./model";

export interface AppConfiguration {
  /** SESSION_IDLE_MINUTES as the app runs it (lib/platform/env.ts default 120). */
  idleMinutes: number;
  /** SESSION_MAX_HOURS (default 12). */
  maxHours: number;
  /** TRIAL_DAYS (default 30). */
  trialDays: number;
  /** CLEVER_REDIRECT_URIS of the certified run, primary first. */
  redirectUris: string[];
  /** LOGIN_SYNC_FRESH_SECONDS as deployed (lib/platform/env.ts default 300). */
  loginSyncFreshSeconds: number;
}

export interface Answer {
  ids: string[];
  question: string;
  answer: string[];
  evidence: { id: string; verdict: Verdict; tests: string[] }[];
}

export interface DashboardSettings {
  redirectUris: { uri: string; note: string }[];
  userTypes: { type: string; note: string }[];
}

/** What a partner enters in Clever's dashboard (Settings > OAuth). */
export function dashboardSettings(config: AppConfiguration): DashboardSettings {
  const callbackPath = "/api/auth/callback/clever";
  return {
    redirectUris: [
      { uri: `https://YOUR-DOMAIN${callbackPath}`, note: "Production: list it FIRST (the primary redirect URI: Portal, Instant Login and Library logins arrive here). https only, no '#' (LIG-06): with APP_ENV=production, lib/platform/env.ts refuses to start on an http or '#' entry in CLEVER_REDIRECT_URIS, and e2e/cert-config.server.spec.ts starts the production build with such URIs to show it. What you type into Clever's dashboard is not checked by the app." },
      { uri: `https://YOUR-PREVIEW-OR-STAGING-DOMAIN${callbackPath}`, note: "Optional extra URIs (e.g. a staging deployment); Log in with Clever links may name them." },
      ...config.redirectUris.map((uri, index) => ({
        uri,
        note: index === 0 ? "The URI this certification run used: the local test stack, logging in through the local Clever (sandbox/), not Clever's servers." : "Also registered in this run.",
      })),
    ],
    userTypes: [
      { type: "Teachers", note: "Full experience: dashboard, classes, rosters, Sync my classes." },
      { type: "Students", note: "Student experience: their classes and teachers (LIB-05)." },
      { type: "District and school admins", note: "Supported (IL-07): school admins see their schools' classes and rosters, district admins any class of the district, both read-only, with the district's last sync or its failure. Check these types." },
    ],
  };
}

const fmtSeconds = (seconds: number) => (seconds === 0 ? "moment (every login syncs)" : seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? "" : "s"}` : `${seconds} seconds`);
const fmtHours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? "" : "s"}` : `${minutes} minutes`);

/** One line per browser Clever names, from this run's results. */
export interface BrowserResult {
  browser: string;
  how: string;
  passed: number;
  failed: number;
}

function browserLine(result: BrowserResult): string {
  if (result.passed + result.failed === 0) return `${result.browser}: not run in this run (${result.how}).`;
  if (result.failed === 0) return `${result.browser}: yes — all ${result.passed} tests passed (${result.how}).`;
  return `${result.browser}: not yet — ${result.failed} of ${result.passed + result.failed} tests failed in this run (${result.how}); see the table below.`;
}

export function surveyAnswers(model: ReportModel, config: AppConfiguration, browsers: BrowserResult[]): Answer[] {
  const ev = (ids: string[]) => evidenceFor(model, ids);
  const proven = (id: string) => model.rows.find((r) => r.requirement.id === id)?.verdict === "proven";
  const browserAnswer: Answer = {
    ids: ["DSSO-Q1", "LIB-Q1"],
    question: "Does your integration work in Chrome, Firefox, Internet Explorer, Safari, Mobile Safari, Mobile Chrome?",
    answer: [
      ...browsers.map(browserLine),
      "Safari and Mobile Safari are tested in the real Safari engine (WebKit, through WebKitGTK on Linux), in a desktop and a phone-sized window with an iPhone's user agent.",
      "Internet Explorer: not supported. Microsoft retired Internet Explorer 11 on June 15, 2022. The app's pages are server-rendered HTML and its Clever buttons are plain forms, so a browser that cannot run its modern JavaScript still receives readable pages; " +
        (proven("DSSO-Q1")
          ? "the test marked [DSSO-Q1] below shows that with JavaScript switched off the login page shows, Log in with Clever logs the user in and Log out works."
          : "no passing test in this run shows what happens without JavaScript."),
    ],
    evidence: ev(["DSSO-Q1", "LIB-Q1"]),
  };
  const requiredFields: Answer = {
    ids: ["DSSO-Q2"],
    question: "Are there other required fields (school, district)? Are users prompted for them during onboarding?",
    answer: [
      "District-shared users (district SSO): no prompt. Name, email, role, grade, school and district all come from Clever.",
      "Teachers who come through the Clever Library (teacher-shared): Clever does not share their school or district, so onboarding asks them to pick their school once, with every other field pre-filled from Clever.",
    ],
    evidence: ev(["DSSO-Q2", "LIB-Q6", "DSSO-R2", "LIB-R02", "LIG-10", "SYNC-04", "LIB-R04"]),
  };
  const inactivity: Answer = {
    ids: ["DSSO-Q3"],
    question: "Is there an amount of inactivity after which a user is logged out?",
    answer: [
      `Yes: after ${fmtHours(config.idleMinutes)} without activity (SESSION_IDLE_MINUTES=${config.idleMinutes}), and in any case ${config.maxHours} hours after logging in (SESSION_MAX_HOURS=${config.maxHours}). Both are settings of the deployment.`,
    ],
    evidence: ev(["DSSO-Q3", "LIB-Q7"]),
  };
  const loggedOut: Answer = {
    ids: ["DSSO-Q4"],
    question: "Which screen do users see when logged out? Does the window close?",
    answer: [
      "A 'Log out' button is on every signed-in page. It ends the session and shows the app's logged-out page (\"You are logged out\"), which offers Log in with Clever again and reminds people on shared devices to close the window. The app does not close the window itself; sessions that end by inactivity land on the same page, saying why.",
    ],
    evidence: ev(["DSSO-Q4", "DSSO-07", "LIB-14"]),
  };
  return [
    browserAnswer,
    requiredFields,
    inactivity,
    loggedOut,
    {
      ids: ["LIB-Q2"],
      question: "What is the setup process when a teacher signs up?",
      answer: [
        `One click: Sign Up with Clever (or Log in with Clever, or the app's icon in the Clever Portal). The account is created on that first login, the teacher's classes and students are imported from Clever, and Library teachers start a ${config.trialDays}-day free trial. Library teachers then pick their school; a teacher who already has a password account can link it.`,
      ],
      evidence: ev(["LIB-Q2", "LIB-02", "LIG-01", "LIG-07", "LIB-03", "LIB-07", "LIB-R04"]),
    },
    {
      ids: ["LIB-Q3"],
      question: "Any specific rostering requirements (e.g. only Math sections)? Is there a UI to pick relevant sections?",
      answer: [
        "No requirements: every section Clever shares is imported, whatever the subject or grade. Teachers choose which classes are shown and kept in sync on their classes page.",
      ],
      evidence: ev(["LIB-Q3", "LIB-R07", "LIB-R10", "LIB-R11"]),
    },
    {
      ids: ["LIB-Q4"],
      question: "Do you update data on each login, or is there a sync option in the app?",
      answer: [
        `Both: a login re-syncs the teacher's sections and students from Clever in the background (the login is not slowed down), unless the same roster was synced successfully in the last ${fmtSeconds(config.loginSyncFreshSeconds)} (LOGIN_SYNC_FRESH_SECONDS); 'Sync my classes' always re-syncs on demand. A district that shares its data is also rostered in full at least daily and kept current from Clever's Events between logins. New sections are added, changed ones updated, and what Clever no longer shares is archived, not deleted.`,
      ],
      evidence: ev(["LIB-Q4", "LIB-12", "LIG-04", "LIB-R06"]),
    },
    {
      ids: ["LIB-Q5"],
      question: "Are co-teachers supported? How?",
      answer: [
        "Yes. Sections are keyed by their Clever ID: when a second teacher's sync finds a section that already exists, that teacher is added to it as a co-teacher, and every teacher of the section sees the same roster. A student with several teachers sees all of them.",
      ],
      evidence: ev(["LIB-Q5", "LIB-R09", "LIG-03", "LIB-08"]),
    },
    {
      ids: ["LIB-Q6"],
      question: "Other required fields (school, district)? Prompted during onboarding?",
      answer: requiredFields.answer,
      evidence: requiredFields.evidence,
    },
    {
      ids: ["LIB-Q7"],
      question: "Is there an inactivity logout? Which screen do logged-out users see? Does the window close?",
      answer: [...inactivity.answer, ...loggedOut.answer],
      evidence: ev(["LIB-Q7", "DSSO-Q3", "DSSO-Q4", "LIB-14"]),
    },
  ];
}
