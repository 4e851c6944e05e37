// The one Auth.js route (/api/auth/*), wrapped for what Auth.js alone gets
// wrong for Clever:
//
// 1. Clever-initiated logins (Portal, Instant Login links, Library installs)
//    arrive at the primary redirect URI with a `code` and no `state`. Auth.js
//    would fail them (no state cookie -> InvalidCheck), and turning the state
//    check off (`checks: ["none"]`) would open app-initiated logins to login
//    CSRF. Following Clever's guidance we ignore that code and restart an
//    app-initiated authorization with our own state at once: the user's Clever
//    session makes the extra round trip invisible.
// 2. A new Clever login must replace whatever session the browser had
//    (shared devices, DSSO-R5). With database sessions Auth.js would instead
//    link the new Clever account to the signed-in user, or fail with
//    OAuthAccountNotLinked. So before any callback is processed the session
//    row is deleted and its cookie removed from the request Auth.js sees.
// 3. Failures: Auth.js redirects with a coarse `error` type. We send the
//    browser to /auth/error with the precise kind and a support reference
//    that is also in the server log (never the provider's raw error).
// 4. The session cookie lives as long as the session may (SESSION_MAX_HOURS);
//    the row's `expires` enforces the idle timeout.
// 5. A browser arriving with a code first gets a "Signing you in" page that
//    refreshes into the exchange, so it shows something at once (IL-08; see
//    signing-in-page.ts).
import "server-only";
import { NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { log, newReference } from "@/lib/log";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { AFTER_LOGIN_PATH } from "./auth.config";
import { CLEVER_PROVIDER_ID } from "./clever-provider";
import { type ClassifiedFailure, kindFromAuthErrorType, kindFromOAuthError } from "./errors";
import { recordedFailure, runInLoginContext } from "./failure-context";
import { handlers, signIn } from "./index";
import { deleteSessionByToken, maxMs, SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieName } from "./session-store";
import { signingInHtml, wantsSigningInPage, withoutExchangeMarker } from "./signing-in-page";

const SESSION_COOKIES = [SESSION_COOKIE, SECURE_SESSION_COOKIE];

function isCleverCallback(url: URL): boolean {
  return url.pathname.endsWith(`/callback/${CLEVER_PROVIDER_ID}`);
}

function appOrigin(req: NextRequest): string {
  const configured = env().AUTH_URL;
  return configured ? new URL(configured).origin : req.nextUrl.origin;
}

/** Deletes the browser's session row and returns the request without its
 * cookie, and without the signing-in page's marker in its URL. */
async function withoutSession(req: NextRequest): Promise<NextRequest> {
  const parts = (req.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean);
  const kept: string[] = [];
  for (const part of parts) {
    const name = part.slice(0, part.indexOf("="));
    if (SESSION_COOKIES.includes(name)) await deleteSessionByToken(decodeURIComponent(part.slice(name.length + 1)));
    else kept.push(part);
  }
  const url = withoutExchangeMarker(new URL(req.url));
  if (kept.length === parts.length && url.href === req.url) return req;
  const headers = new Headers(req.headers);
  if (kept.length > 0) headers.set("cookie", kept.join("; "));
  else headers.delete("cookie");
  return new NextRequest(url, { method: req.method, headers });
}

function clearSessionCookies(response: NextResponse): NextResponse {
  for (const name of SESSION_COOKIES) {
    response.cookies.set({ name, value: "", path: "/", expires: new Date(0), httpOnly: true, sameSite: "lax", secure: name === SECURE_SESSION_COOKIE });
  }
  return response;
}

/** The friendly error page, with the reference logged beside the details. */
function failureRedirect(req: NextRequest, failure: ClassifiedFailure, carry?: Headers): NextResponse {
  const reference = newReference();
  log.warn({ reference, kind: failure.kind, ...failure.details }, "Clever login failed");
  const target = new URL("/auth/error", appOrigin(req));
  target.searchParams.set("kind", failure.kind);
  target.searchParams.set("ref", reference);
  const response = NextResponse.redirect(target, 303);
  // Keep Auth.js's own cookie changes (e.g. the used state cookie cleared).
  for (const cookie of carry?.getSetCookie() ?? []) response.headers.append("set-cookie", cookie);
  return clearSessionCookies(response);
}

/** Clever-initiated login: start our own authorization (see 1. above). */
async function restartLogin(req: NextRequest): Promise<NextResponse> {
  log.info({ path: req.nextUrl.pathname }, "Clever-initiated login: restarting with state");
  const url = await signIn(CLEVER_PROVIDER_ID, { redirect: false, redirectTo: AFTER_LOGIN_PATH });
  return clearSessionCookies(NextResponse.redirect(url, 302));
}

function errorLocation(location: string | null, req: NextRequest): URL | undefined {
  if (!location) return undefined;
  const url = new URL(location, appOrigin(req));
  const isErrorPage = url.pathname === "/auth/error" || (url.pathname === "/login" && url.searchParams.has("error"));
  return isErrorPage && !url.searchParams.has("kind") ? url : undefined;
}

/** The failure behind an Auth.js error redirect. OAuthCallbackError (Clever
 * redirected back with ?error=…) loses the OAuth error on the way, so it is
 * read from the request itself. */
function failureOf(req: NextRequest, errorUrl: URL): ClassifiedFailure {
  const authError = errorUrl.searchParams.get("error") ?? undefined;
  const failure = recordedFailure() ?? { kind: kindFromAuthErrorType(authError), details: { authError } };
  const oauthError = req.nextUrl.searchParams.get("error");
  if (failure.details.authError === "OAuthCallbackError" && oauthError) {
    const kind = kindFromOAuthError(oauthError);
    return { kind: kind === "unknown" ? "misconfiguration" : kind, details: { ...failure.details, oauthError: oauthError.slice(0, 64) } };
  }
  return failure;
}

/** Rewrites Auth.js's error redirects and stretches the session cookie. */
function finish(req: NextRequest, response: Response): Response {
  const errorUrl = errorLocation(response.headers.get("location"), req);
  if (errorUrl) return failureRedirect(req, failureOf(req, errorUrl), response.headers);
  const name = `${sessionCookieName()}=`;
  const cookies = response.headers.getSetCookie();
  if (!cookies.some((cookie) => cookie.startsWith(name) && !cookie.startsWith(`${name};`))) return response;
  const expires = new Date(Date.now() + maxMs()).toUTCString();
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of cookies) {
    headers.append("set-cookie", cookie.startsWith(name) ? cookie.replace(/Expires=[^;]+/i, `Expires=${expires}`) : cookie);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function handleAuthGet(req: NextRequest): Promise<Response> {
  return runInLoginContext(async () => {
    if (!isCleverCallback(req.nextUrl)) return finish(req, await handlers.GET(req));
    if (wantsSigningInPage(req.nextUrl, req.headers.get("accept"))) {
      return new NextResponse(signingInHtml(req.nextUrl), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    }
    // Callbacks cost Clever calls and database writes: limit them per network,
    // in Postgres so the limit holds across serverless instances. Generous,
    // because a whole school logs in at 8 a.m. from one address.
    const network = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "direct";
    const limit = await consumeRateLimit(rateLimits.authCallback, network);
    if (!limit.allowed) return failureRedirect(req, { kind: "too_many_attempts", details: { cause: "rate_limited" } });
    const request = await withoutSession(req);
    const params = req.nextUrl.searchParams;
    if (!params.has("state")) {
      if (params.has("code")) return restartLogin(request);
      // Library consent denied (or another error) on a Clever-initiated login.
      const oauthError = params.get("error") ?? undefined;
      const kind = oauthError ? kindFromOAuthError(oauthError) : "state_mismatch";
      return failureRedirect(req, { kind: kind === "unknown" ? "misconfiguration" : kind, details: { oauthError } });
    }
    const response = finish(req, await handlers.GET(request));
    return response;
  });
}

export function handleAuthPost(req: NextRequest): Promise<Response> {
  return runInLoginContext(async () => finish(req, await handlers.POST(req)));
}
