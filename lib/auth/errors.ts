// Why a Clever login failed, in the few kinds a person can act on. Auth.js
// errors, oauth4webapi errors, Clever API errors and our own are all mapped
// here, so the error page shows one plain-language message per kind and the
// details stay in the server log. Pure: no framework, no I/O.
import { z } from "zod";

export const loginErrorKinds = [
  "consent_denied",
  "code_invalid",
  "state_mismatch",
  "clever_unavailable",
  "malformed_response",
  "unsupported_user_type",
  "misconfiguration",
  "too_many_attempts",
  "forwarding_refused",
  "unknown",
] as const;

export const loginErrorKindSchema = z.enum(loginErrorKinds);
export type LoginErrorKind = z.infer<typeof loginErrorKindSchema>;

/** A failure we detect ourselves (identity calls, user type). */
export class CleverLoginError extends Error {
  readonly isCleverLoginError = true;
  constructor(
    readonly kind: LoginErrorKind,
    message: string,
    readonly details: Record<string, string | number | undefined> = {},
  ) {
    super(message);
    this.name = "CleverLoginError";
  }
}

export function isCleverLoginError(error: unknown): error is CleverLoginError {
  return typeof error === "object" && error !== null && "isCleverLoginError" in error && "kind" in error;
}

export interface LoginErrorCopy {
  title: string;
  message: string;
  /** What to do next, if anything beyond "Try again". */
  hint?: string;
}

export const loginErrorCopy: Record<LoginErrorKind, LoginErrorCopy> = {
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
    title: "This app is for teachers and students",
    message: "You logged in with a school or district administrator account. Clever Classroom is only for teachers and students.",
    hint: "Log in with your teacher or student Clever account, or manage the app's access from your Clever district dashboard.",
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
  unknown: {
    title: "We couldn't log you in",
    message: "Something went wrong while logging you in with Clever.",
  },
};

/** Auth.js error types (the `error` query parameter or `error.type`). */
export function kindFromAuthErrorType(type: string | null | undefined): LoginErrorKind {
  switch (type) {
    case "InvalidCheck":
      return "state_mismatch";
    case "AccessDenied":
      return "consent_denied";
    case "OAuthProfileParseError":
      return "malformed_response";
    case "Configuration":
    case "MissingSecret":
    case "MissingAdapter":
    case "MissingAdapterMethods":
    case "InvalidEndpoints":
    case "InvalidProvider":
    case "UnsupportedStrategy":
    case "EnvironmentMismatch":
    case "UnknownAction":
      return "misconfiguration";
    default:
      return "unknown";
  }
}

/** Codes of the Clever Data API client (lib/clever/client.ts). */
export function kindFromCleverApiCode(code: string): LoginErrorKind {
  switch (code) {
    case "unreachable":
    case "timeout":
    case "server_error":
    case "rate_limited":
      return "clever_unavailable";
    case "malformed_response":
      return "malformed_response";
    // A token we just received being refused means the app's registration is off.
    case "unauthorized":
    case "forbidden":
    case "not_found":
      return "misconfiguration";
    default:
      return "unknown";
  }
}

/** OAuth error codes a redirect or the token endpoint may carry (RFC 6749). */
export function kindFromOAuthError(error: string | null | undefined): LoginErrorKind {
  switch (error) {
    case "access_denied":
      return "consent_denied";
    case "invalid_grant":
      return "code_invalid";
    case "invalid_client":
    case "unauthorized_client":
    case "invalid_request":
    case "invalid_scope":
    case "unsupported_grant_type":
    case "unsupported_response_type":
      return "misconfiguration";
    case "server_error":
    case "temporarily_unavailable":
      return "clever_unavailable";
    default:
      return "unknown";
  }
}

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose | undefined => (typeof value === "object" && value !== null ? (value as Loose) : undefined);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** A loggable summary of an error: names, codes and statuses, never messages
 * from a provider body beyond the OAuth error code (no tokens, no secrets). */
export interface FailureDetails {
  authError?: string;
  cause?: string;
  code?: string;
  status?: number;
  oauthError?: string;
  /** Where a refused forward would have gone (forwarding_refused). */
  origin?: string;
}

export interface ClassifiedFailure {
  kind: LoginErrorKind;
  details: FailureDetails;
}

function statusOf(error: Loose): number | undefined {
  if (typeof error.status === "number") return error.status;
  // oauth4webapi's OperationProcessingError keeps the Response as `cause`.
  const cause = asObject(error.cause);
  if (cause && typeof cause.status === "number") return cause.status;
  const details = asObject(error.details);
  if (details && typeof details.status === "number") return details.status;
  return undefined;
}

/** The error underneath Auth.js's wrapper (`cause.err`), or the error itself. */
function classifyCause(error: unknown): ClassifiedFailure {
  if (isCleverLoginError(error)) return { kind: error.kind, details: { cause: "CleverLoginError", code: error.kind } };
  const e = asObject(error);
  if (!e) return { kind: "unknown", details: {} };
  const name = str(e.name) ?? "Error";
  const code = str(e.code);
  const status = statusOf(e);
  const details: FailureDetails = { cause: name, code, status };
  if (name === "CleverApiError" && code) return { kind: kindFromCleverApiCode(code), details };
  // oauth4webapi's errors are told apart by `code`: class names do not
  // survive minification in the production build.
  if (code === "OAUTH_RESPONSE_BODY_ERROR") {
    const oauthError = str(e.error);
    details.oauthError = oauthError;
    if (status !== undefined && (status === 429 || status >= 500)) return { kind: "clever_unavailable", details };
    return { kind: kindFromOAuthError(oauthError), details };
  }
  if (code === "OAUTH_WWW_AUTHENTICATE_CHALLENGE") return { kind: "misconfiguration", details };
  if (code === "OAUTH_RESPONSE_IS_NOT_CONFORM" && status !== undefined) {
    return { kind: status === 429 || status >= 500 ? "clever_unavailable" : "misconfiguration", details };
  }
  // validateAuthResponse: the returned state is not the one we sent.
  if (code === "OAUTH_INVALID_RESPONSE" && /"state"/.test(str(e.message) ?? "")) return { kind: "state_mismatch", details };
  if (code === "OAUTH_PARSE_ERROR" || code === "OAUTH_INVALID_RESPONSE" || code === "OAUTH_RESPONSE_IS_NOT_JSON" || code === "OAUTH_RESPONSE_IS_NOT_CONFORM") {
    return { kind: "malformed_response", details };
  }
  if (name === "TimeoutError" || name === "AbortError") return { kind: "clever_unavailable", details };
  // undici: "fetch failed" with the socket error as cause.
  if (name === "TypeError" && str(e.message) === "fetch failed") return { kind: "clever_unavailable", details };
  if (name === "SyntaxError") return { kind: "malformed_response", details };
  return { kind: "unknown", details };
}

/** Classifies anything Auth.js logs or throws during a Clever login. */
export function classifyLoginError(error: unknown): ClassifiedFailure {
  if (isCleverLoginError(error)) return classifyCause(error);
  const e = asObject(error);
  const type = e ? str(e.type) : undefined;
  if (!e || !type) return classifyCause(error);
  const cause = asObject(e.cause);
  const inner = cause?.err;
  if (type === "OAuthCallbackError") {
    // The provider redirected back with ?error=… (e.g. Library consent denied).
    const oauthError = str(cause?.error);
    const kind = kindFromOAuthError(oauthError);
    return { kind: kind === "unknown" ? "misconfiguration" : kind, details: { authError: type, oauthError } };
  }
  if (inner !== undefined) {
    const classified = classifyCause(inner);
    return { kind: classified.kind, details: { authError: type, ...classified.details } };
  }
  return { kind: kindFromAuthErrorType(type), details: { authError: type } };
}
