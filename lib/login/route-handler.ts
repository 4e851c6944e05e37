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
// 3. Failures: the callback runs in Auth.js's raw mode (its hook for
//    framework integrations), so a failure arrives here as the error itself,
//    our provider's typed errors inside it, and the browser goes to
//    /auth/error with the precise kind and a support reference that is also
//    in the server log (never the provider's raw error). Auth.js's redirect
//    would carry only a coarse `error` type.
// 4. Session lifetime is the adapter's (adapter.ts): nothing to adjust here.
// 5. A browser arriving with a code first gets a "Signing you in" page that
//    refreshes into the exchange, so it shows something at once (IL-08; see
//    signing-in-page.ts).
// 6. Every login names the primary redirect URI to Clever; a login started on
//    another origin (a preview, or another registered host name of this
//    deployment) comes back there, and Auth.js's redirect proxy forwards its
//    code to the origin sealed in its state: we let it go only to the
//    registered origins and AUTH_PREVIEW_ORIGINS.
// 7. Clever only ever redirects with GET: a POST to the callback is refused.
// 8. A code delivered twice (Safari and an iOS app, a double tap) is
//    exchanged once (login-codes.ts); the second delivery goes to the
//    "already signed in" page and leaves the browser's session alone.
// 9. Rate limit: only callbacks that exchange a code count (see 1.: the
//    restart costs nothing to limit).
import "server-only";
import { Auth, createActionURL, raw, setEnvDefaults } from "@auth/core";
import { AuthError } from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { AUTH_BASE_PATH, authJsEnvironment, consumeRateLimit, env, log, newReference, originAllowed, rateLimits, requestNetwork } from "@/lib/platform";
import { CLEVER_PROVIDER_ID } from "./clever-provider";
import { type ClassifiedFailure, classifyLoginError, kindFromOAuthError } from "./errors";
import { authJsConfig, handlers, signIn } from "./auth";
import { codeClaimedAt } from "./login-codes";
import { AFTER_LOGIN_PATH, ALREADY_SIGNED_IN_PATH } from "./redirects";
import { clearedSessionCookie, deleteSessionByToken, loadLiveSession, SESSION_COOKIES, type SessionCookie, sessionCookieName, sessionCookieOf } from "@/lib/session";
import { signingInHtml, wantsSigningInPage, withoutExchangeMarker } from "./signing-in-page";


function isCleverCallback(url: URL): boolean {
  return url.pathname.endsWith(`/callback/${CLEVER_PROVIDER_ID}`);
}

/** This request's public origin, found as Auth.js finds it for its own
 * actions (next-auth's `signIn`): AUTH_URL when an operator pinned one, else
 * the host the edge was asked for. So a login started on any of the app's
 * origins comes back to the same one. */
function appOrigin(req: NextRequest): string {
  const protocol = req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol;
  return createActionURL("callback", protocol, req.headers, authJsEnvironment(), { basePath: AUTH_BASE_PATH }).origin;
}

/** Origins a login's code may be forwarded to: the app's own registered
 * redirect URIs (another host name of this deployment) and the allowed
 * preview origins. */
function mayForwardTo(origin: string): boolean {
  const { CLEVER_REDIRECT_URIS, AUTH_PREVIEW_ORIGINS } = env();
  return CLEVER_REDIRECT_URIS.some((uri) => new URL(uri).origin === origin) || originAllowed(origin, AUTH_PREVIEW_ORIGINS);
}

/** The callback as Auth.js should see it: on its public origin (behind an
 * edge, `next start` sees plain http), without session cookies (so a new Clever
 * login never links to whoever was signed in) and without the signing-in
 * page's marker in its URL. */
function authJsRequest(req: NextRequest): Request {
  const url = withoutExchangeMarker(new URL(req.url));
  const signedOut = new NextRequest(req.url, { headers: new Headers(req.headers) });
  for (const name of SESSION_COOKIES) signedOut.cookies.delete(name);
  // A plain Request: a NextRequest would name any loopback host "localhost",
  // and a second origin on 127.0.0.1 would then look like the primary.
  return new Request(new URL(`${url.pathname}${url.search}`, appOrigin(req)), { method: req.method, headers: signedOut.headers });
}

/** Any other Auth.js request, on its public origin. */
function onPublicOrigin(req: NextRequest): NextRequest {
  return new NextRequest(new URL(`${req.nextUrl.pathname}${req.nextUrl.search}`, appOrigin(req)), req);
}


function clearSessionCookies(response: NextResponse): NextResponse {
  for (const name of SESSION_COOKIES) response.cookies.set(clearedSessionCookie(name));
  return response;
}

/** The friendly error page, with the reference logged beside the details.
 * The browser's session is left alone unless `endSession` (a login this
 * browser really asked for failed after its state was verified). */
function failureRedirect(req: NextRequest, failure: ClassifiedFailure, options: { endSession?: boolean } = {}): NextResponse {
  const reference = newReference();
  log.warn({ reference, kind: failure.kind, ...failure.details }, "Clever login failed");
  const target = new URL("/auth/error", appOrigin(req));
  target.searchParams.set("kind", failure.kind);
  target.searchParams.set("ref", reference);
  const response = NextResponse.redirect(target, 303);
  return options.endSession ? clearSessionCookies(response) : response;
}

/** Clever-initiated login: start our own authorization (see 1. above). */
async function restartLogin(req: NextRequest): Promise<NextResponse> {
  log.info({ path: req.nextUrl.pathname }, "Clever-initiated login: restarting with state");
  const url = await signIn(CLEVER_PROVIDER_ID, { redirect: false, redirectTo: AFTER_LOGIN_PATH });
  // The session is replaced when the restarted login comes back (see 2.).
  return NextResponse.redirect(url, 302);
}

/** The callback through Auth.js in raw mode: its answer as a response, or
 * the error it raised. */
async function callbackThroughAuthJs(req: NextRequest): Promise<{ response: NextResponse } | { error: AuthError }> {
  const config = authJsConfig();
  setEnvDefaults(authJsEnvironment(), config, true);
  try {
    const answer = await Auth(authJsRequest(req), { ...config, raw });
    const response = answer.redirect ? NextResponse.redirect(new URL(answer.redirect, appOrigin(req)), 302) : new NextResponse(null, { status: answer.status ?? 200 });
    for (const [name, value] of new Headers(answer.headers)) response.headers.set(name, value);
    for (const cookie of answer.cookies ?? []) response.cookies.set({ name: cookie.name, value: cookie.value, ...cookie.options });
    return { response };
  } catch (error) {
    if (error instanceof AuthError) return { error };
    throw error;
  }
}

/** A preview's login the stable deployment is about to forward (Auth.js's
 * redirect proxy), as the origin it goes to; undefined for anything else.
 * Any redirect to another origin counts, a code or not: Auth.js forwards an
 * `error=access_denied` (or an empty answer) to the sealed origin too, and
 * that must not be an open redirect for whoever holds AUTH_SECRET. */
function forwardedOrigin(req: NextRequest, response: Response): string | undefined {
  const location = response.headers.get("location");
  if (!location || response.status < 300 || response.status >= 400) return undefined;
  const target = new URL(location, appOrigin(req));
  return target.origin === appOrigin(req) ? undefined : target.origin;
}

/** A second delivery of a code: nothing changes. The browser goes on to its
 * dashboard when its session is the one this code's exchange started (a
 * double tap); any other browser (the iOS app, or a shared device where
 * someone else is signed in) is told the link was used. */
async function alreadySignedIn(req: NextRequest, claimedAt: Date | null, previous: SessionCookie | undefined): Promise<NextResponse> {
  log.info({ path: req.nextUrl.pathname }, "login code delivered again; not exchanged twice");
  const live = previous && claimedAt ? await loadLiveSession(previous.token, previous) : null;
  const own = live?.session.cleverLoginAt && claimedAt && live.session.cleverLoginAt >= claimedAt;
  return NextResponse.redirect(new URL(own ? AFTER_LOGIN_PATH : ALREADY_SIGNED_IN_PATH, appOrigin(req)), 303);
}

/** A callback that carried a state, through Auth.js. `previous` is the
 * session this browser had (lib/session's sessionCookieOf). */
async function finishCallback(req: NextRequest, previous: SessionCookie | undefined): Promise<Response> {
  const code = req.nextUrl.searchParams.get("code");
  const result = await callbackThroughAuthJs(req);
  if ("error" in result) {
    const failure = classifyLoginError(result.error, req.nextUrl.searchParams.get("error"));
    // A code delivered again fails here, never at Clever: its claim was
    // refused (both deliveries raced to the exchange and the other won), or
    // its state no longer checks out (the first delivery used up this
    // browser's state cookie; another browser never had it). Only failures
    // look the claim up, so a login pays for the claim alone.
    if (code !== null && (failure.kind === "code_reused" || failure.kind === "state_mismatch")) {
      const claimedAt = await codeClaimedAt(code);
      if (claimedAt || failure.kind === "code_reused") return alreadySignedIn(req, claimedAt, previous);
    }
    // An unverified state proves nothing about who sent the browser here.
    const verified = failure.kind !== "state_mismatch";
    if (verified && previous) await deleteSessionByToken(previous.token);
    return failureRedirect(req, failure, { endSession: verified });
  }
  const { response } = result;
  const forwardTo = forwardedOrigin(req, response);
  if (forwardTo !== undefined) {
    if (mayForwardTo(forwardTo)) return response;
    return failureRedirect(req, { kind: "forwarding_refused", details: { cause: "preview_origin_not_allowed", origin: forwardTo.slice(0, 200) } });
  }
  if (previous && response.cookies.get(sessionCookieName())?.value) await deleteSessionByToken(previous.token);
  return response;
}

export async function handleAuthGet(req: NextRequest): Promise<Response> {
  if (!isCleverCallback(req.nextUrl)) return handlers.GET(onPublicOrigin(req));
  if (wantsSigningInPage(req.nextUrl, req.headers.get("accept"))) {
    return new NextResponse(signingInHtml(req.nextUrl), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  }
  const params = req.nextUrl.searchParams;
  if (!params.has("state")) {
    // The restart costs no Clever call and no database write (a redirect
    // with our state), so it is not counted against the limit below.
    if (params.has("code")) return restartLogin(req);
    // Library consent denied (or another error) on a Clever-initiated login.
    const oauthError = params.get("error") ?? undefined;
    const kind = oauthError ? kindFromOAuthError(oauthError) : "state_mismatch";
    return failureRedirect(req, { kind: kind === "unknown" ? "misconfiguration" : kind, details: { oauthError } });
  }
  // Callbacks that exchange a code cost Clever calls and database writes:
  // limit them per network, in Postgres so the limit holds across serverless
  // instances. Generous, because a whole school logs in at 8 a.m. from one
  // address.
  if (params.has("code")) {
    const limit = await consumeRateLimit(rateLimits.authCallback, requestNetwork(req.headers));
    if (!limit.allowed) return failureRedirect(req, { kind: "too_many_attempts", details: { cause: "rate_limited" } });
  }
  return finishCallback(req, sessionCookieOf(req.cookies));
}

export function handleAuthPost(req: NextRequest): Promise<Response> {
  // Clever redirects back with GET only; a POST callback would skip all of
  // the above (rate limit, session replacement, restart).
  if (isCleverCallback(req.nextUrl)) {
    return Promise.resolve(new Response("Method Not Allowed", { status: 405, headers: { allow: "GET", "cache-control": "no-store" } }));
  }
  return handlers.POST(onPublicOrigin(req));
}
