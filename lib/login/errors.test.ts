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

  it("classifies provider redirects with an error and failed checks", () => {
    const callbackError = (error: string) => Object.assign(new Error("x"), { type: "OAuthCallbackError", cause: { error, providerId: "clever" } });
    expect(classifyLoginError(callbackError("access_denied")).kind).toBe("consent_denied");
    expect(classifyLoginError(callbackError("weird")).kind).toBe("misconfiguration");
    expect(classifyLoginError(Object.assign(new Error("x"), { type: "InvalidCheck" })).kind).toBe("state_mismatch");
    // oauth4webapi's code for an authorization response that does not match
    // the request; told by its code, never by its message.
    expect(classifyLoginError(wrapped("CallbackRouteError", minified({ code: "OAUTH_INVALID_RESPONSE" }))).kind).toBe("state_mismatch");
    // The ?error= Clever redirected back with wins over what Auth.js kept.
    expect(classifyLoginError(callbackError("weird"), "access_denied").kind).toBe("consent_denied");
    expect(classifyLoginError(wrapped("CallbackRouteError", named("TypeError"))).kind).toBe("unknown");
  });

  it("never puts provider messages in the loggable details", () => {
    const failure = classifyLoginError(wrapped("CallbackRouteError", new CleverLoginError("code_invalid", "raw provider text secret-ish", { status: 400, oauthError: "invalid_grant" })));
    expect(failure).toEqual({ kind: "code_invalid", details: { authError: "CallbackRouteError", cause: "CleverLoginError", code: "code_invalid", status: 400, oauthError: "invalid_grant" } });
    expect(JSON.stringify(failure)).not.toContain("secret-ish");
    expect(JSON.stringify(failure)).not.toContain("raw provider text");
  });
});
