// Why a Clever login failed, in the few kinds a person can act on. Auth.js
// errors, oauth4webapi errors, Clever API errors and our own are all mapped
// here, so the error page shows one plain-language message per kind (its
// words are in lib/platform/error-copy.ts) and the details stay in the server
// log. Pure: no framework, no I/O.
import { z } from "zod";
import { errorCopy, type LoginErrorCopy } from "@/lib/platform/error-copy";

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

/** Each kind's page copy, from the one file of error sentences; typed by kind, so a kind without copy fails the typecheck. */
export const loginErrorCopy: Readonly<Record<LoginErrorKind, LoginErrorCopy>> = errorCopy.login;

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
