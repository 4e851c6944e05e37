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
  /** CLEVER_API_VERSION (default v2.1). */
  cleverApiVersion: "v2.1" | "v3.1";
  /** DISTRICT_ROSTERING (default auto; the test stack runs manual). */
  districtRostering: "auto" | "manual";
  /** Hours between a district's full syncs (the district sync's DISTRICT_FULL_SYNC_HOURS, 24). */
  districtFullSyncHours: number;
  /** DISTRICT_EVENTS_POLL_SECONDS (default 60; the test stack reads every 2). */
  districtEventsPollSeconds: number;
  /** DISTRICT_RETENTION_DAYS (default 30). */
  districtRetentionDays: number;
  /** DISTRICT_HOLD_PERCENT (default 20): the share of a kind a full sync may archive before it is held. */
  districtHoldPercent: number;
  /** For each setting this run set otherwise than a deployment's default
   * (configuration.ts settingsDeviations), that default, by name: an answer
   * quoting such a setting says both. */
  defaults: Record<string, string>;
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
/** A length of time: "a minute", "2 seconds", "24 hours". */
const span = (seconds: number) => {
  const [count, unit] = seconds % 3600 === 0 ? [seconds / 3600, "hour"] : seconds % 60 === 0 ? [seconds / 60, "minute"] : [seconds, "second"];
  return count === 1 ? `${unit === "hour" ? "an" : "a"} ${unit}` : `${count} ${unit}s`;
};
/** "every minute", "every 2 seconds". */
const every = (seconds: number) => `every ${span(seconds).replace(/^an? /, "")}`;

/** A setting as an answer quotes it: `NAME=value`, and the default a
 * deployment gets when this run's value is not it. */
function setting(config: AppConfiguration, name: string, value: string | number): string {
  const fallback = config.defaults[name];
  return fallback === undefined ? `${name}=${value}` : `${name}=${value} in this run, ${fallback} by default`;
}

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
      "District-shared users (district SSO): nothing is required. Name, email, role, grade, school and district all come from Clever; a district teacher is asked once whether she already has an account to link, and sees her details pre-filled to confirm. Students and admins skip even that.",
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
        `Both: a login re-syncs the teacher's sections and students from Clever in the background (the login is not slowed down), unless the same roster was synced successfully in the last ${fmtSeconds(config.loginSyncFreshSeconds)} (LOGIN_SYNC_FRESH_SECONDS); 'Sync my classes' always re-syncs on demand. A district that shares its data is also rostered in full at least daily and kept current from Clever's Events between logins${config.districtRostering === "manual" ? " (in this run, DISTRICT_ROSTERING=manual, a district's first full sync waits for an operator's `npm run roster -- sync`)" : ""}. New sections are added, changed ones updated, and what Clever no longer shares is archived, not deleted.`,
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
    ...secureSyncAnswers(model, config),
  ];
}

/** Clever's Secure Sync questions (SS-Q*): what the district sync
 * (lib/roster/district/), the per-user sync (lib/roster/sync/) and
 * provisioning (lib/people/) do today, and what they do not. */
function secureSyncAnswers(model: ReportModel, config: AppConfiguration): Answer[] {
  const ev = (ids: string[]) => evidenceFor(model, ids);
  const poll = `${every(config.districtEventsPollSeconds)} (${setting(config, "DISTRICT_EVENTS_POLL_SECONDS", config.districtEventsPollSeconds)})`;
  const fullSync = every(config.districtFullSyncHours * 3600);
  const apiVersion = model.run.playwright?.apiVersion ?? config.cleverApiVersion;
  const v31 = model.v31Totals;
  const answer = (id: string, question: string, text: string[], evidence: string[]): Answer => ({ ids: [id], question, answer: text, evidence: ev([id, ...evidence]) });
  return [
    answer(
      "SS-Q1",
      "Which version of Clever's API do you use?",
      [
        "Clever's Data API v2.1 or v3.1, one version for every call, chosen by CLEVER_API_VERSION (v2.1 by default; v3.1 for a new deployment, and `npm run clever:migrate-ids` moves the stored v2 IDs before a switch). Who signed in comes from the OIDC id_token or /userinfo (else /me); on v3.1 a Library teacher's sections fall back to the v2.0 path Clever documents for Library tokens when v3.1 refuses them.",
        `This certification ran on ${apiVersion}${v31 ? `, and the specs whose calls depend on the version ran again on v3.1: ${v31.passed} test run(s) passed, ${v31.failed} did not` : ""}.`,
      ],
      ["IL-06", "SYNC-03"],
    ),
    answer(
      "SS-Q2",
      "Which field is your key identifier from Clever?",
      [
        "Each record's Clever `id`: districts, schools, sections and terms are stored under it, and each person under a unique Clever ID, with the other IDs Clever gives the same person (their v2 ID after a switch to v3.1, a multi-role user's other role) kept beside it, so those find the same account too. Email, SIS IDs and names identify nobody: an account with the same email is never linked automatically.",
      ],
      ["SS-01", "LIG-05", "LIB-06", "DSSO-04", "SS-02"],
    ),
    answer(
      "SS-Q3",
      "What is the top-level or central record of your data model?",
      [
        "The district, by its Clever ID: its schools, terms, sections and people belong to it, and a district's sync writes only its own rows (Library users have no district). The central record is the person's account, one per person whatever their roles: class links, enrollments, class choices and sync history hang on it, so they outlive unsharing, rollover and a new Clever ID that Clever links to the old one. Clever courses are not stored.",
      ],
      ["SS-01", "SS-06", "SYNC-01"],
    ),
    answer(
      "SS-Q4",
      "What are the steps for a district to get set up with your application through Clever?",
      [
        "1. The district adds the app in Clever and shares its data (Secure Sync); nothing is set up in the app per district.",
        config.districtRostering === "auto"
          ? `2. The app's schedule, which runs ${poll}, finds the district in Clever's list of district-app tokens (/oauth/tokens), keeps its token, and rosters the whole district in the background: schools, terms, teachers, students, admins and sections (DISTRICT_ROSTERING=auto).`
          : `2. The app's schedule, which runs ${poll}, finds the district in Clever's list of district-app tokens (/oauth/tokens) and keeps its token; it rosters the whole district (schools, terms, teachers, students, admins and sections) once an operator runs \`npm run roster -- sync <districtId>\` (${setting(config, "DISTRICT_ROSTERING", config.districtRostering)}: with auto the first full sync starts by itself).`,
        "3. People sign in from the Clever Portal, Instant Login or Log in with Clever: teachers confirm a profile pre-filled from Clever once (and may link an existing password account); students and admins go straight to their pages.",
      ],
      ["LIG-04", "SS-03", "DSSO-T1", "IL-01", "DSSO-R2"],
    ),
    answer(
      "SS-Q5",
      "Do you use district-app tokens to sync data?",
      [
        "Yes. Every roster read for a district, and for its district-shared users' own syncs, uses the district-app token, fetched by district ID from Clever's /oauth/tokens, stored encrypted, and fetched again when Clever refuses it (a rotated token); the user's own token only says who signed in. Teachers who came through the Library have no district token: their sync reads their sections with their own Library token, as Clever documents.",
      ],
      ["SS-03", "LIG-04", "SS-R2", "SS-R3"],
    ),
    answer(
      "SS-Q6",
      "Must a sync run before users can log in?",
      [
        `No. A first login creates the account from what Clever says about the person (OIDC id_token, /userinfo or /me), and their classes are imported right after, while the dashboard says they are being imported. A district the app rosters has its people and classes in place before anyone signs in, and their logins normally run no per-user sync: at most they read the district's Events, when the last read is older than ${span(config.districtEventsPollSeconds)} (${setting(config, "DISTRICT_EVENTS_POLL_SECONDS", config.districtEventsPollSeconds)}).`,
      ],
      ["LIB-02", "LIG-01", "LIG-02", "LIG-04"],
    ),
    answer(
      "SS-Q7",
      "How are missing non-required fields handled?",
      [
        "Only a record's `id` is required (Clever's definitions mark no field required): any other field may be missing or null, is stored empty, and fails neither a login nor a sync. A class without a name shows its section number (or \"Untitled section\"), a district whose name Clever does not give at login is named by its first sync, and a teacher Clever shares no email for is offered an optional email field at onboarding.",
      ],
      ["SS-05", "DSSO-02"],
    ),
    answer(
      "SS-Q8",
      "Do you update on login or in a daily sync? How often, and how is a sync started?",
      [
        `Both. Each connected district is rostered in full at least ${fullSync}, and kept current in between from Clever's Events, read ${poll}; a gap longer than Clever's 30-day Events window, or an event cursor Clever no longer has, starts a full sync.`,
        `Syncs are started by the job schedule (\`npm run worker\`, or Vercel Cron every minute), by an operator on demand (\`npm run roster -- sync <districtId>\`), and per user: at each login unless their roster was synced in the last ${fmtSeconds(config.loginSyncFreshSeconds)} (LOGIN_SYNC_FRESH_SECONDS=${config.loginSyncFreshSeconds}), and with "Sync my classes".`,
      ],
      ["SS-03", "SS-R7", "LIG-04", "LIB-12", "LIB-R06", "SS-R1"],
    ),
    answer(
      "SS-Q9",
      "Which Clever user types get accounts?",
      [
        "Teachers, students, school admins (Clever's staff) and district admins, and teachers and students who come through the Library: each gets an account at their first login, and a rostered district's people already have one from its sync. A person with several roles has one account holding every role; a family contact gets a clear \"can't use Clever Classroom\" page and no account.",
      ],
      ["IL-07", "DSSO-T1", "LIB-02", "LIG-01", "LIG-02"],
    ),
    answer(
      "SS-Q10",
      "Is there a user type with more access than teachers? What can school and district admins do?",
      [
        "Yes: school admins (Clever's staff) see the schools Clever lists for them, each school's active classes and each class's roster; district admins see every school and class of the district. Both are read-only and see when the district's roster was last read from Clever, or that its last sync failed, with a support reference; they cannot change a roster or start the district's sync (an operator can), and teachers see only their own classes.",
      ],
      ["IL-07"],
    ),
    answer(
      "SS-Q11",
      "How are Clever districts matched with districts you already have?",
      [
        "There is nothing to match: the app keeps no districts of its own. A district exists in it only as Clever shares it, created under its Clever district ID (at its first user's login or its first roster) and found by that ID from then on; names and NCES or MDR numbers are never used, so no district is ever merged with another.",
      ],
      ["SS-01", "LIG-05"],
    ),
    answer(
      "SS-Q12",
      "How are Clever schools matched with schools you already have?",
      [
        "The same way: schools exist in the app only as Clever shares them, under their Clever school ID, and are never matched by name. A Library teacher, whose school Clever does not share, picks it once from a bundled directory of public schools (or types its name); that pick only labels her account and is never linked to a Clever school, so once a district shares her, her school is the one Clever gives.",
      ],
      ["SS-01", "LIG-10", "SYNC-01"],
    ),
    answer(
      "SS-Q13",
      "Are users matched so that accounts and history are kept? How?",
      [
        "Yes, by Clever ID only: logins and syncs find the account under the person's Clever ID or another ID Clever ties to them, so the account a roster made before someone's first login is the one they sign in to, and rows under two of one person's IDs are joined at login unless they are in different districts or each has a life of its own (those are left apart, for support). Email never matches: a teacher with a password account links it at her first Clever login by signing in to it, and anyone can later from their profile (\"Merge my accounts\"), keeping both accounts' data. A person's classes, enrollments, choices and sync history stay on that one account through unsharing and rollover; someone back under a new Clever ID that Clever's data does not link to the old one is a new user, as Clever advises.",
      ],
      ["SS-02", "LIB-06", "DSSO-04", "LIB-07", "LIG-08", "LIG-09", "SYNC-02", "SS-06", "SS-R9"],
    ),
    answer(
      "SS-Q14",
      "Are student-teacher associations synced from Clever?",
      [
        "Yes, through sections: each section's teachers (primary and co-teachers) and students are stored as Clever lists them, so a student in several sections sees each of their teachers, co-teachers share one class, and there are no class codes. A link Clever removes is archived with its date (the class page lists students \"No longer in this class in Clever\"), and restored if Clever lists it again.",
      ],
      ["SS-07", "LIB-08", "LIB-R09", "LIG-03", "LIB-R08", "LIB-12"],
    ),
    answer(
      "SS-Q15",
      "How are semester and school-year rollover handled?",
      [
        "A class Clever deletes at the end of a term or year is archived with its teachers and enrollments, and a class whose term's end date has passed counts as ended too: both leave the dashboard for \"Past classes\", where the roster reads as it stood, and the teacher is told once what moved and what is new. Students and teachers keep one account across years, so their new classes join their history; a term Clever recreates under a new ID duplicates nothing, and after a gap longer than Clever's 30-day Events window a full sync runs.",
        `A full sync that would archive more than ${config.districtHoldPercent}% (${setting(config, "DISTRICT_HOLD_PERCENT", config.districtHoldPercent)}) of a district's active students, teachers or classes at once, and at least ten of them, archives none of them and is held for review (SS-R6): the district admin's dashboard shows what it would archive ("180 of 400 students (45%)") and applies it with "Apply these changes", or an operator runs \`npm run roster -- release <districtId>\`. A rollover is such a change: a person approves it, and it is neither silently blocked nor silently applied (ROLL-05); the next daily full sync weighs the roster afresh. Changes from Clever's Events feed are never held, and smaller removals apply as Clever sends them; what is archived stays restorable by Clever ID, never deleted.`,
      ],
      ["ROLL-02", "ROLL-03", "ROLL-04", "SS-06", "SS-04", "ROLL-07", "SS-R6", "ROLL-05"],
    ),
    answer(
      "SS-Q16",
      "How are students and teachers with no sections handled?",
      [
        "They get accounts like everyone else: a district's sync writes every teacher and student Clever shares, sections or not, and a first login provisions anyone Clever shares. A teacher with no sections sees an empty dashboard that says what to do next; a student without classes is told whether the class has not been shared yet (district) or their teacher still has to set the app up (Library). Losing the last section archives the class links, not the person: an account is archived only when a rostered district no longer lists the person at all.",
      ],
      ["LIB-09", "LIB-05", "SS-R10"],
    ),
    answer(
      "SS-Q20",
      "What happens to records deleted or unshared in Clever, and when they come back?",
      [
        "Nothing Clever removes is deleted: sections (with their teacher links and enrollments), schools, terms and people are archived, by the full sync, the Events feed or a teacher's own sync; a person who loses one of several roles loses only that role, and one left with none is signed out at their next click and told their school no longer shares their account. When the same Clever ID comes back, the same rows are restored with everything tied to them; a term back under a new ID is a new term, and a person back under a new ID goes through user matching (SS-Q13).",
        `A district that stops sharing the app altogether loses access at once, gets everything back if it reconnects within ${config.districtRetentionDays} days (${setting(config, "DISTRICT_RETENTION_DAYS", config.districtRetentionDays)}), and its data is deleted after that, or at once with \`npm run roster -- purge <districtId>\`; an integration test shows this (lib/roster/district/district-jobs.int.test.ts), no browser journey yet.`,
      ],
      ["SS-04", "SS-R7", "SS-06", "ROLL-03", "LIB-12", "LIB-R06"],
    ),
  ];
}
