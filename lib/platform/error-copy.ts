// Every sentence the app shows a person when something failed or was refused,
// in one file, so a writer finds and words them together. The code that
// decides a failure indexes these tables by its own kinds and codes, so a
// kind without its sentence fails the typecheck (lib/login/errors.ts,
// lib/roster/sync/messages.ts, the server actions). No imports: client
// components read it too, through its own door (@/lib/platform/error-copy),
// which loads nothing else of platform. The browser suites assert many
// sentences verbatim: rewording one means changing them too.
//
// Sentences woven with links, times or emphasis stay in their components
// (the "Don't see a class?" sync failure, the district sync status).

/** A login failure: the error page's title, message and, if any, what to do next beyond "Try again". */
export interface LoginErrorCopy {
  title: string;
  message: string;
  hint?: string;
}

export const errorCopy = {
  /** The login error page (/auth/error), one entry per kind of failure (lib/login/errors.ts `LoginErrorKind`). */
  login: {
    consent_denied: {
      title: "You didn't allow access",
      message: "Clever asked whether Clever Classroom may see your name and classes, and the answer was no, so we couldn't log you in.",
      hint: "If you'd like to use Clever Classroom, try again and choose Allow.",
    },
    code_invalid: {
      title: "That login link has expired",
      message: "Login links from Clever work once and only for a minute. This one was already used or took too long.",
    },
    too_many_attempts: {
      title: "Too many logins at once",
      message: "We received more logins from your network in the last minute than we can safely accept, so we paused this one.",
      hint: "Wait a minute, then try again.",
    },
    state_mismatch: {
      title: "We couldn't confirm this login",
      message: "This login didn't start here, or it started in another tab or window, so we stopped it to keep your account safe.",
    },
    clever_unavailable: {
      title: "Clever isn't answering right now",
      message: "We couldn't reach Clever, or it took too long to answer. This is usually brief.",
      hint: "Wait a moment, then try again.",
    },
    malformed_response: {
      title: "Clever sent something we didn't understand",
      message: "Clever's answer about your account was incomplete, so we couldn't log you in.",
      hint: "Try again. If it keeps happening, contact support with the reference below.",
    },
    unsupported_user_type: {
      title: "This kind of Clever account can't use Clever Classroom",
      message: "Clever Classroom is for teachers, students and school and district staff. The Clever account you logged in with is of another kind (for example a family contact).",
      hint: "Log in with your school Clever account.",
    },
    id_token_invalid: {
      title: "We couldn't confirm who you are",
      message: "Clever's confirmation of your identity didn't check out, so we stopped this login to keep your account safe.",
      hint: "Try again. If it keeps happening, contact support with the reference below.",
    },
    code_reused: {
      title: "This login link was already used",
      message: "Clever's login links work once. This one has already signed you in, in this browser or another window or app.",
      hint: "Continue to Clever Classroom, or log in with Clever again.",
    },
    misconfiguration: {
      title: "Logging in isn't set up correctly",
      message: "Something in how Clever Classroom is connected to Clever isn't right. This is our problem, not yours.",
      hint: "Contact support with the reference below.",
    },
    forwarding_refused: {
      title: "This login can't continue here",
      message: "The login was meant for a version of Clever Classroom that this site doesn't recognise, so we stopped it to keep your account safe.",
      hint: "Go back to the Clever Classroom address you started from and log in there.",
    },
    account_deleted: {
      title: "This account was deleted",
      message: "Your school or district asked us to delete your Clever Classroom account and its data, so we don't keep one for you any more.",
      hint: "If that was a mistake, ask your teacher or school to contact us with the reference below.",
    },
    unknown: {
      title: "We couldn't log you in",
      message: "Something went wrong while logging you in with Clever.",
    },
  } satisfies Record<string, LoginErrorCopy>,

  /** Password accounts: signing up, logging in, joining one with the Clever account (app/actions/accounts.ts). */
  account: {
    wrongPassword: "That email and password don't match an account.",
    tooManyTries: "Too many tries. Please wait a few minutes and try again.",
    // One answer whoever holds the email, so it reveals nothing about them.
    emailUnavailable: "We can't create an account with this email. If you already have one, log in instead, or use another email.",
    mergeFailed: (reference: string) => `We couldn't join the accounts; nothing was changed. Please try again. (Reference ${reference})`,
    confirmAgain: "It has been a few minutes since you logged in with Clever. Please confirm with Clever again, then merge.",
  },

  /** Why two accounts can't be merged, by lib/people's `MergeRefusal`. */
  mergeRefused: {
    same_account: "You are already signed in to that account.",
    other_has_clever_id: "That account is already connected to a different Clever login, so it can't be merged with this one.",
    role_mismatch: "That account belongs to a different kind of user (teacher or student), so it can't be merged with this one.",
    no_password: "That account has no password, so it can't be merged from here.",
  },

  /** Under a form field (the sign-up and login forms, the teacher's profile). */
  field: {
    enterAccountEmail: "Enter the email address of your account.",
    enterPassword: "Enter your password.",
    enterName: "Enter your name.",
    enterEmail: "Enter an email address like name@school.org.",
    enterEmailOrNothing: "Enter an email address like name@school.org, or leave it empty.",
    enterFirstName: "Enter your first name.",
    chooseRole: "Choose teacher or student.",
    passwordTooShort: (min: number) => `Use at least ${min} characters.`,
    tooLong: (max: number) => `Use at most ${max} characters.`,
    pickSubjects: "Pick subjects from the list.",
    pickGrades: "Pick grades from the list.",
    pickSchool: "Pick your school, or choose “My school isn't listed” and type its name.",
  },

  /** Above a form whose fields need correcting (lib/platform/form-state.ts). */
  form: {
    checkFields: "Please check the highlighted fields.",
  },

  /** A roster sync: why it failed, and "Sync my classes" refused. */
  sync: {
    /** Any failure without its own sentence below. */
    failed: "Something went wrong while syncing with Clever. Your classes were not changed.",
    /** By failure code (lib/roster/sync/messages.ts). */
    byCode: {
      no_token: "Your Clever sign-in has expired. Sign in with Clever again to sync your classes.",
      rate_limited: "Clever is busy right now. Please try again in a minute.",
      unreachable: "We couldn't reach Clever. Please try again in a minute.",
      timeout: "Clever took too long to answer. Please try again in a minute.",
      server_error: "Clever had a problem answering. Please try again in a minute.",
      malformed_response: "Clever sent data we couldn't read, so nothing was changed. Please try again later.",
    },
    /** Clever said when it will take requests again; `when` is e.g. "in 2 minutes". */
    rateLimitedUntil: (when: string) => `Clever is limiting how often we can ask right now. Nothing was changed; please try again ${when}.`,
    invalidRequest: "That request didn't look right. Please use the Sync my classes button.",
    notConnected: "This account isn't connected to Clever, so there is nothing to sync.",
    tooSoon: (seconds: number) => `You just synced. Please wait ${seconds} seconds and try again.`,
    alreadyRunning: "A sync is already running. Your classes will update in a moment.",
    /** The Sync button's notice about the last run. */
    lastDidNotFinish: (reference: string | null) => `The last sync with Clever didn't finish${reference ? ` (reference ${reference})` : ""}.`,
    reconnect: "Your Clever sign-in has expired: reconnect to Clever to sync again.",
    /** "Don't see a class?" */
    reconnectForClasses: "Your Clever sign-in has expired, so your classes can't sync. Reconnect to Clever to bring them up to date.",
  },

  /** "Apply these changes" on a held district sync (app/actions/district-sync.ts). */
  heldSync: {
    invalidRequest: "That request didn't look right. Please use the Apply these changes button.",
    notAllowed: "Only a district administrator can apply your district's held sync.",
    notHeld: "These changes were already applied, or a newer sync has replaced them. The page now shows where things stand.",
    otherHold: "A newer sync was held since you opened this page. Please look at its numbers before applying it.",
    failed: (reference: string) => `Something went wrong while applying the changes, so nothing was archived. Please try again; if it keeps happening, contact support with reference ${reference}.`,
  },

  /** A signed-in page that failed or does not exist (app/(app)/error.tsx, not-found.tsx). */
  page: {
    failedTitle: "Something went wrong",
    failed: "We couldn't show this page. Please try again in a moment.",
    notFoundTitle: "Not found",
    notFound: "This page doesn't exist, or it belongs to someone else's classes.",
  },
};
