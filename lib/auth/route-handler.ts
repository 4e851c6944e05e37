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
//    OAuthAccountNotLinked. So Auth.js sees the callback without the session
//    cookie, and the old session row is deleted once the state has been
//    verified: a cross-site link to the callback (no valid state) never logs
//    anyone out.
// 3. Failures: Auth.js redirects with a coarse `error` type. We send the
//    browser to /auth/error with the precise kind and a support reference
//    that is also in the server log (never the provider's raw error).
// 4. The session cookie lives as long as the session may (SESSION_MAX_HOURS);
//    the row's `expires` enforces the idle timeout.
// 5. A browser arriving with a code first gets a "Signing you in" page that
//    refreshes into the exchange, so it shows something at once (IL-08; see
//    signing-in-page.ts).
// 6. On the stable deployment (the preview redirect proxy) Auth.js forwards a
//    preview's code to the origin sealed in its state; we let it go only to
//    AUTH_PREVIEW_ORIGINS.
// 7. Clever only ever redirects with GET: a POST to the callback is refused.
import "server-only";
import { NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { log, newReference } from "@/lib/log";
import { originAllowed } from "@/lib/net/origins";
import { requestAddress } from "@/lib/net/request-address";
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

/** The request as Auth.js should see it: without session cookies (so a new
 * Clever login never links to whoever was signed in) and without the
 * signing-in page's marker in its URL. */
function withoutSessionCookies(req: NextRequest): NextRequest {
  const copy = new NextRequest(withoutExchangeMarker(new URL(req.url)), { method: req.method, headers: new Headers(req.headers) });
  for (const name of SESSION_COOKIES) copy.cookies.delete(name);
  return copy;
}

/** The session this browser had, under the one cookie name this deployment
 * uses (on https only the `__Secure-` one). */
function previousSessionToken(req: NextRequest): string | undefined {
  return req.cookies.get(sessionCookieName())?.value;
}

function clearSessionCookies(response: NextResponse): NextResponse {
  for (const name of SESSION_COOKIES) {
    response.cookies.set({ name, value: "", path: "/", expires: new Date(0), httpOnly: true, sameSite: "lax", secure: name === SECURE_SESSION_COOKIE });
  }
  return response;
}

/** The friendly error page, with the reference logged beside the details.
 * The browser's session is left alone unless `endSession` (a login this
 * browser really asked for failed after its state was verified). */
function failureRedirect(req: NextRequest, failure: ClassifiedFailure, options: { carry?: Headers; endSession?: boolean } = {}): NextResponse {
  const reference = newReference();
  log.warn({ reference, kind: failure.kind, ...failure.details }, "Clever login failed");
  const target = new URL("/auth/error", appOrigin(req));
  target.searchParams.set("kind", failure.kind);
  target.searchParams.set("ref", reference);
  const response = NextResponse.redirect(target, 303);
  // Keep Auth.js's own cookie changes (e.g. the used state cookie cleared).
  for (const cookie of options.carry?.getSetCookie() ?? []) response.headers.append("set-cookie", cookie);
  return options.endSession ? clearSessionCookies(response) : response;
}

/** Clever-initiated login: start our own authorization (see 1. above). */
async function restartLogin(req: NextRequest): Promise<NextResponse> {
  log.info({ path: req.nextUrl.pathname }, "Clever-initiated login: restarting with state");
  const url = await signIn(CLEVER_PROVIDER_ID, { redirect: false, redirectTo: AFTER_LOGIN_PATH });
  // The session is replaced when the restarted login comes back (see 2.).
  return NextResponse.redirect(url, 302);
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

/** Stretches a new session cookie to the session's whole lifetime. */
function withSessionCookieLifetime(response: Response): Response {
  const name = `${sessionCookieName()}=`;
  const cookies = response.headers.getSetCookie();
  if (!startsSession(response)) return response;
  const expires = new Date(Date.now() + maxMs()).toUTCString();
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of cookies) {
    headers.append("set-cookie", cookie.startsWith(name) ? cookie.replace(/Expires=[^;]+/i, `Expires=${expires}`) : cookie);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function startsSession(response: Response): boolean {
  const name = `${sessionCookieName()}=`;
  return response.headers.getSetCookie().some((cookie) => cookie.startsWith(name) && !cookie.startsWith(`${name};`));
}

/** Rewrites Auth.js's error redirects and stretches the session cookie. */
function finish(req: NextRequest, response: Response): Response {
  const errorUrl = errorLocation(response.headers.get("location"), req);
  if (errorUrl) return failureRedirect(req, failureOf(req, errorUrl), { carry: response.headers, endSession: true });
  return withSessionCookieLifetime(response);
}

/** A preview's login the stable deployment is about to forward (Auth.js's
 * redirect proxy), as the origin it goes to; undefined for anything else. */
function forwardedOrigin(req: NextRequest, response: Response): string | undefined {
  const location = response.headers.get("location");
  if (!location || response.status < 300 || response.status >= 400) return undefined;
  const target = new URL(location, appOrigin(req));
  if (target.origin === appOrigin(req) || !target.searchParams.has("code")) return undefined;
  return target.origin;
}

/** Auth.js's answer to a callback that carried a state. */
async function finishCallback(req: NextRequest, response: Response, previousToken: string | undefined): Promise<Response> {
  const forwardTo = forwardedOrigin(req, response);
  if (forwardTo !== undefined) {
    if (originAllowed(forwardTo, env().AUTH_PREVIEW_ORIGINS)) return response;
    return failureRedirect(req, { kind: "forwarding_refused", details: { cause: "preview_origin_not_allowed", origin: forwardTo.slice(0, 200) } });
  }
  const errorUrl = errorLocation(response.headers.get("location"), req);
  if (errorUrl) {
    const failure = failureOf(req, errorUrl);
    // An unverified state proves nothing about who sent the browser here.
    const verified = failure.kind !== "state_mismatch";
    if (verified && previousToken) await deleteSessionByToken(previousToken);
    return failureRedirect(req, failure, { carry: response.headers, endSession: verified });
  }
  if (previousToken && startsSession(response)) await deleteSessionByToken(previousToken);
  return withSessionCookieLifetime(response);
}

export function handleAuthGet(req: NextRequest): Promise<Response> {
  return runInLoginContext(async () => {
    if (!isCleverCallback(req.nextUrl)) return finish(req, await handlers.GET(req));
    if (wantsSigningInPage(req.nextUrl, req.headers.get("accept"))) {
      return new NextResponse(signingInHtml(req.nextUrl), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
    }
    const params = req.nextUrl.searchParams;
    // Callbacks with a code cost Clever calls and database writes: limit them
    // per network, in Postgres so the limit holds across serverless
    // instances. Generous, because a whole school logs in at 8 a.m. from one
    // address.
    if (params.has("code")) {
      const limit = await consumeRateLimit(rateLimits.authCallback, requestAddress(req.headers));
      if (!limit.allowed) return failureRedirect(req, { kind: "too_many_attempts", details: { cause: "rate_limited" } });
    }
    if (!params.has("state")) {
      if (params.has("code")) return restartLogin(req);
      // Library consent denied (or another error) on a Clever-initiated login.
      const oauthError = params.get("error") ?? undefined;
      const kind = oauthError ? kindFromOAuthError(oauthError) : "state_mismatch";
      return failureRedirect(req, { kind: kind === "unknown" ? "misconfiguration" : kind, details: { oauthError } });
    }
    const previousToken = previousSessionToken(req);
    return finishCallback(req, await handlers.GET(withoutSessionCookies(req)), previousToken);
  });
}

export function handleAuthPost(req: NextRequest): Promise<Response> {
  // Clever redirects back with GET only; a POST callback would skip all of
  // the above (rate limit, session replacement, restart).
  if (isCleverCallback(req.nextUrl)) {
    return Promise.resolve(new Response("Method Not Allowed", { status: 405, headers: { allow: "GET", "cache-control": "no-store" } }));
  }
  return runInLoginContext(async () => finish(req, await handlers.POST(req)));
}
