import { describe, expect, it } from "vitest";
import { classifyLoginError, CleverLoginError, kindFromAuthErrorType, kindFromCleverApiCode, kindFromOAuthError, loginErrorCopy, loginErrorKinds } from "./errors";

/** Auth.js wraps callback failures: `{ type, cause: { err } }`. */
const wrapped = (type: string, err: unknown) => Object.assign(new Error("x"), { type, cause: { err, provider: "clever" } });
const named = (name: string, props: Record<string, unknown> = {}) => Object.assign(new Error("raw provider text"), { name, ...props });
/** As in the production build, where class names are minified. */
const minified = (props: Record<string, unknown>, message = "raw provider text") => Object.assign(new Error(message), { name: "a", ...props });

describe("login error mapping", () => {
  it("has a title and message for every kind", () => {
    for (const kind of loginErrorKinds) {
      expect(loginErrorCopy[kind].title.length).toBeGreaterThan(0);
      expect(loginErrorCopy[kind].message.length).toBeGreaterThan(0);
    }
  });

  it("maps Auth.js error types", () => {
    expect(kindFromAuthErrorType("InvalidCheck")).toBe("state_mismatch");
    expect(kindFromAuthErrorType("Configuration")).toBe("misconfiguration");
    expect(kindFromAuthErrorType("OAuthProfileParseError")).toBe("malformed_response");
    expect(kindFromAuthErrorType("Something")).toBe("unknown");
    expect(kindFromAuthErrorType(null)).toBe("unknown");
  });

  it("maps OAuth error codes", () => {
    expect(kindFromOAuthError("access_denied")).toBe("consent_denied");
    expect(kindFromOAuthError("invalid_grant")).toBe("code_invalid");
    expect(kindFromOAuthError("invalid_client")).toBe("misconfiguration");
    expect(kindFromOAuthError("temporarily_unavailable")).toBe("clever_unavailable");
  });

  it("maps the Clever client's codes", () => {
    expect(kindFromCleverApiCode("timeout")).toBe("clever_unavailable");
    expect(kindFromCleverApiCode("server_error")).toBe("clever_unavailable");
    expect(kindFromCleverApiCode("malformed_response")).toBe("malformed_response");
    expect(kindFromCleverApiCode("unauthorized")).toBe("misconfiguration");
  });

  it("classifies our own errors, bare or wrapped by Auth.js", () => {
    const ours = new CleverLoginError("unsupported_user_type", "admin");
    expect(classifyLoginError(ours).kind).toBe("unsupported_user_type");
    expect(classifyLoginError(wrapped("CallbackRouteError", ours))).toEqual({
      kind: "unsupported_user_type",
      details: { authError: "CallbackRouteError", cause: "CleverLoginError", code: "unsupported_user_type" },
    });
  });

  it("classifies token endpoint failures", () => {
    const body = (error: string, status: number) => minified({ code: "OAUTH_RESPONSE_BODY_ERROR", error, status });
    expect(classifyLoginError(wrapped("CallbackRouteError", body("invalid_grant", 400))).kind).toBe("code_invalid");
    expect(classifyLoginError(wrapped("CallbackRouteError", body("invalid_client", 400))).kind).toBe("misconfiguration");
    expect(classifyLoginError(wrapped("CallbackRouteError", body("Too Many Requests", 429))).kind).toBe("clever_unavailable");
    const notConform = (status: number) => minified({ code: "OAUTH_RESPONSE_IS_NOT_CONFORM", cause: { status } });
    expect(classifyLoginError(wrapped("CallbackRouteError", notConform(502))).kind).toBe("clever_unavailable");
    expect(classifyLoginError(wrapped("CallbackRouteError", notConform(404))).kind).toBe("misconfiguration");
    expect(classifyLoginError(wrapped("CallbackRouteError", minified({ code: "OAUTH_PARSE_ERROR" }))).kind).toBe(
      "malformed_response",
    );
    expect(classifyLoginError(wrapped("CallbackRouteError", named("TimeoutError"))).kind).toBe("clever_unavailable");
    expect(classifyLoginError(wrapped("CallbackRouteError", new TypeError("fetch failed"))).kind).toBe("clever_unavailable");
    expect(classifyLoginError(wrapped("CallbackRouteError", minified({ code: "OAUTH_WWW_AUTHENTICATE_CHALLENGE" }))).kind).toBe("misconfiguration");
  });

  it("classifies provider redirects with an error and failed checks", () => {
    const callbackError = (error: string) => Object.assign(new Error("x"), { type: "OAuthCallbackError", cause: { error, providerId: "clever" } });
    expect(classifyLoginError(callbackError("access_denied")).kind).toBe("consent_denied");
    expect(classifyLoginError(callbackError("weird")).kind).toBe("misconfiguration");
    expect(classifyLoginError(Object.assign(new Error("x"), { type: "InvalidCheck" })).kind).toBe("state_mismatch");
    const stateMismatch = minified({ code: "OAUTH_INVALID_RESPONSE" }, 'unexpected "state" response parameter value');
    expect(classifyLoginError(wrapped("CallbackRouteError", stateMismatch)).kind).toBe("state_mismatch");
    expect(classifyLoginError(wrapped("CallbackRouteError", minified({ code: "OAUTH_INVALID_RESPONSE" }))).kind).toBe("malformed_response");
  });

  it("never puts provider messages in the loggable details", () => {
    const failure = classifyLoginError(wrapped("CallbackRouteError", minified({ code: "OAUTH_RESPONSE_BODY_ERROR", error: "invalid_grant", status: 400, error_description: "secret-ish" })));
    expect(JSON.stringify(failure)).not.toContain("secret-ish");
    expect(JSON.stringify(failure)).not.toContain("raw provider text");
  });
});
