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
  "id_token_invalid",
  "code_reused",
  "account_deleted",
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
interface FailureDetails {
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

/** Why a Clever callback failed, from the error Auth.js raised (the route
 * handler runs the callback in Auth.js's raw mode, so it gets the error
 * itself). Our own typed errors, from the provider's token check and from
 * identity loading, travel inside it as `cause.err`; Auth.js's own failures
 * are told by their `type`. `oauthError` is the callback's `?error=` (Clever
 * redirected back with an error, e.g. consent denied). */
export function classifyLoginError(error: unknown, oauthError?: string | null): ClassifiedFailure {
  if (isCleverLoginError(error)) return ours(error);
  const e = asObject(error);
  const type = e ? str(e.type) : undefined;
  const inner = asObject(e?.cause)?.err;
  if (isCleverLoginError(inner)) {
    const failure = ours(inner);
    return { kind: failure.kind, details: { authError: type, ...failure.details } };
  }
  if (type === "OAuthCallbackError") {
    const given = oauthError ?? str(asObject(e?.cause)?.error);
    const kind = kindFromOAuthError(given);
    return { kind: kind === "unknown" ? "misconfiguration" : kind, details: { authError: type, oauthError: given?.slice(0, 64) } };
  }
  const innerCode = str(asObject(inner)?.code);
  // oauth4webapi's documented code for an authorization response that does
  // not match the request (a state other than the one this browser sent).
  // The token response never gets that far when malformed (checkTokenResponse).
  if (innerCode === "OAUTH_INVALID_RESPONSE") return { kind: "state_mismatch", details: { authError: type, code: innerCode } };
  return { kind: kindFromAuthErrorType(type), details: { authError: type, cause: str(asObject(inner)?.name), code: innerCode } };
}

function ours(error: CleverLoginError): ClassifiedFailure {
  const { status, oauthError } = error.details;
  return {
    kind: error.kind,
    details: {
      cause: "CleverLoginError",
      code: error.kind,
      ...(typeof status === "number" ? { status } : {}),
      ...(typeof oauthError === "string" ? { oauthError } : {}),
    },
  };
}
