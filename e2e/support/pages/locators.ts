// How a person (or a test) finds things on the app's pages: paths, accessible
// names, headings and test IDs, in one place for both browser suites. The
// Playwright page objects beside this file and the Safari engine's WebDriver
// page objects (e2e/webkit/pages.ts) read them from here; neither writes one
// again. Plain data: the WebKit runner loads it without Playwright.
import { rateLimits } from "@/lib/platform/rate-limit-rules";
import { cleverButtonName } from "../login-steps";

/** "Sync my classes" lets one sync per user through in each window: a person
 * (and a test) waits this long after a click before the next. */
export const syncWindowMs = rateLimits.sync.windowSeconds * 1000;

/** The signed-in banner on every page (components/logged-in-banner.tsx). */
export const bannerUi = {
  testIds: { root: "logged-in-banner", name: "banner-name", role: "banner-role", place: "banner-place", trial: "banner-trial" },
  logOut: "Log out",
} as const;

/** The landing page (/). */
export const homeUi = {
  path: "/",
  logIn: cleverButtonName("/login"),
  signUp: cleverButtonName("/signup"),
  testIds: { trialNote: "trial-note" },
} as const;

/** The friendly error page of a failed login. */
export const authErrorUi = {
  path: "/auth/error",
  /** The support reference it shows, ERR- and six unambiguous characters. */
  reference: /ERR-[2-9A-HJ-NP-Z]{6}/,
  tryAgain: "Try again",
  testIds: { reference: "auth-error-reference" },
} as const;

/** Where a log-out or an ended session lands. */
export const loggedOutUi = {
  path: "/logged-out",
  logIn: cleverButtonName("/login"),
  /** What it says when the school stopped sharing the person. */
  unshared: "Your school no longer shares your account",
} as const;

/** A teacher's dashboard. */
export const dashboardUi = {
  path: "/dashboard",
  heading: "Your classes",
  syncButton: "Sync my classes",
  chooseClasses: "Choose classes",
  /** The empty dashboard's heading. */
  noClasses: "No classes yet",
  /** The status region's answer to this click (earlier answers are marked data-earlier). */
  syncAnswer: "p:not([data-earlier]):not(.sr-only)",
  testIds: {
    classCard: "class-card",
    classList: "class-list",
    emptyState: "empty-state",
    syncStatus: "sync-status",
    syncFailedNotice: "sync-failed-notice",
    rolloverSummary: "rollover-summary",
    importing: "importing",
    rostersNote: "rosters-note",
    lastSynced: "last-synced",
    trialBanner: "trial-banner",
    districtPlan: "district-plan",
  },
} as const;

/** A student's dashboard. */
export const studentDashboardUi = {
  testIds: { classes: "student-classes", teachers: "teacher-list", empty: "student-empty", importing: "importing" },
} as const;

/** The class chooser (/classes). */
export const classesUi = {
  path: "/classes",
  pastClasses: "Past classes",
  subject: "Subject",
  grade: "Grade",
  filter: "Filter",
  hide: (name: string) => `Hide ${name}`,
  show: (name: string) => `Show ${name}`,
  testIds: {
    chooserItem: "chooser-item",
    rostersNote: "rosters-note",
    pastClasses: "past-classes",
    pastClass: "past-class",
    missing: "missing-classes",
    missingNotShared: "missing-not-shared",
    missingHidden: "missing-hidden",
    missingArchived: "missing-archived",
    missingSyncFailed: "missing-sync-failed",
    missingToken: "missing-token",
  },
} as const;

/** One class's page, current or past. */
export const classPageUi = {
  path: (sectionId: string) => `/dashboard/sections/${encodeURIComponent(sectionId)}`,
  /** The former students' list, "No longer in this class in Clever (N)". */
  formerStudents: "No longer in this class in Clever",
  /** The note on a past class, "A past class since …". */
  pastNote: "A past class since",
  testIds: {
    roster: "roster",
    studentName: "student-name",
    rosterCount: "roster-count",
    pastNote: "past-class-note",
    changes: "class-changes",
    changeList: "class-change-list",
    formerStudents: "former-students",
    formerStudent: "former-student",
  },
} as const;

/** A teacher's first login (/onboarding). */
export const onboardingUi = {
  path: "/onboarding",
  question: "Welcome! Do you already have an account?",
  createNew: "No, create a new one",
  linkExisting: "Yes, sign in to my account",
  continue: "Continue to my classes",
  /** The school picker's combobox; data-ready="true" once it is interactive. */
  schoolBox: "School name or city",
  /** The picker's last option, and the field it opens. */
  unlisted: "My school isn't listed",
  schoolName: "Your school's name",
  testIds: { schoolSelected: "school-selected", schoolFromClever: "school-from-clever" },
} as const;

/** An administrator's dashboard. */
export const adminDashboardUi = {
  testIds: {
    role: "admin-role",
    districtSync: "district-sync",
    schools: "admin-schools",
    syncHeld: "district-sync-held",
    syncHeldCounts: "district-sync-held-counts",
    lastDistrictSync: "district-sync-last",
  },
  applyHeld: "Apply these changes",
} as const;

/** Creating a password account (/signup/password). */
export const passwordSignUpUi = {
  path: "/signup/password",
  name: "Your name",
  email: "Email",
  password: "Password",
  create: "Create account",
} as const;

/** Proving a password account to join it to this Clever login: at the first
 * login (/onboarding/link) or later, on the profile page. */
export const accountLinkUi = {
  linkPath: "/onboarding/link",
  email: "Email of your other account",
  password: "Its password",
  link: "Link my Clever login",
  merge: "Merge my accounts",
  /** What a wrong email or password gets. */
  mismatch: "don't match an account",
} as const;
