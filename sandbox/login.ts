// The parts of Clever's login that the authorize endpoint, the Portal and
// Instant Login links share: the Clever session cookie, the school picker /
// district login step, and finishing an authorization (user-type check,
// district connection, Library consent, code + redirect).
import { SESSION_COOKIE, SESSION_TTL_MS } from "./config";
import { DISTRICT_NAME, LIBRARY_NAME } from "./fixtures";
import { type Ctx, formBody, html, parseCookies, redirect, withParams } from "./http";
import { consentPage, errorPage, type Hidden, loginPage, pickerPage } from "./pages";
import { displayName, LIBRARY_ID, type Session, type Store, USER_SCOPES } from "./store";
import type { AppRegistration, Reply, SandboxMode, UserRef } from "./types";

export interface Deps {
  store: Store;
  mode: SandboxMode;
  /** Clever as documented (404s, narrow user-token scopes); false = the lenient sandbox of before. */
  strict: boolean;
}

/** What an authorization carries to its code: `state` (only when the app sent one) and the OIDC `nonce`. */
export interface Flow {
  state?: string;
  nonce?: string;
}

/** Paths a login may continue to (never an arbitrary URL: no open redirect). */
const CONTINUE_PATHS = new Set(["/oauth/authorize", "/oauth/instant-login", "/instant-login", "/portal"]);

export function sessionCookie(session: Session): string {
  return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}`;
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

export function sessionIdOf(ctx: Ctx): string | undefined {
  return parseCookies(ctx.req).get(SESSION_COOKIE);
}

/** The user of the browser's live Clever session, if any. */
export function sessionUser(deps: Deps, ctx: Ctx): UserRef | undefined {
  const session = deps.store.getSession(sessionIdOf(ctx));
  return session ? deps.store.findUser(session.userId) : undefined;
}

export function errorReply(status: number, title: string, message: string): Reply {
  return html(status, errorPage(title, message));
}

export function appOrError(deps: Deps, clientId: string | null): AppRegistration | Reply {
  const app = clientId ? deps.store.apps.get(clientId) : undefined;
  if (!app) {
    return errorReply(
      400,
      "Unknown application",
      clientId ? `No application is registered with client_id “${clientId}”.` : "The request is missing client_id.",
    );
  }
  return app;
}

export function districtName(deps: Deps, districtId: string): string | undefined {
  if (districtId === LIBRARY_ID) return LIBRARY_NAME;
  const d = deps.store.get("districts", districtId);
  if (!d) return undefined;
  return typeof d.name === "string" ? d.name : DISTRICT_NAME;
}

/**
 * What a browser without a (matching) Clever session sees: the school picker,
 * or the district's login page when district_id is known. `carry` are the
 * flow's parameters, kept in every link and form so the flow resumes after login.
 */
export function loginStep(deps: Deps, path: string, carry: Hidden, districtId: string | null, search: string): Reply {
  if (districtId) {
    const name = districtName(deps, districtId);
    if (name) {
      const users = deps.store.usersOf(districtId).map((u) => ({ id: u.id, name: displayName(u.object), type: u.type }));
      return html(200, loginPage({ districtName: name, districtId, hidden: [["continue", path], ...carry], users }));
    }
    // Unknown district: back to the picker, showing the ID as the search.
    search = search || districtId;
  }
  const q = search.trim().toLowerCase();
  const results = deps.store
    .list("districts")
    .filter((d) => {
      if (!q) return true;
      if (d.id.toLowerCase() === q) return true;
      if (typeof d.name === "string" && d.name.toLowerCase().includes(q)) return true;
      // A school's name finds its district, as on Clever's picker.
      return deps.store
        .list("schools")
        .some((s) => s.district === d.id && typeof s.name === "string" && s.name.toLowerCase().includes(q));
    })
    .map((d) => ({ id: d.id, name: typeof d.name === "string" ? d.name : d.id }));
  // Library users are in no district: the picker always offers the Library.
  results.push({ id: LIBRARY_ID, name: LIBRARY_NAME });
  return html(200, pickerPage({ action: path, hidden: carry, search, results }));
}

/** POST /login: a login button on a district login page. */
export function handleLogin(deps: Deps, ctx: Ctx): Reply {
  const form = formBody(ctx);
  const path = form.get("continue") ?? "";
  const userId = form.get("user_id") ?? "";
  const districtId = form.get("district_id") ?? "";
  if (!CONTINUE_PATHS.has(path)) return errorReply(400, "Invalid login request", "The login form is missing its destination.");
  const user = deps.store.findUser(userId);
  if (!user || deps.store.loginDistrictOf(user) !== districtId) {
    return errorReply(400, "Login failed", "That user cannot log in to this district.");
  }
  const session = deps.store.createSession(user.id);
  const carry = new URLSearchParams();
  for (const [k, v] of form) if (k !== "continue" && k !== "user_id") carry.append(k, v);
  const qs = carry.toString();
  return redirect(qs ? `${path}?${qs}` : path, 303, { "set-cookie": sessionCookie(session) });
}

/** Everything but the picker's own parameters, to carry through login. */
export function carryParams(url: URL, drop: string[] = []): Hidden {
  const out: Hidden = [];
  for (const [k, v] of url.searchParams) {
    if (k === "district_id" || k === "district_search" || drop.includes(k)) continue;
    out.push([k, v]);
  }
  return out;
}

/**
 * The session user may go on to the app: check the app supports the user's
 * type, the district shares with the app, and (Library users) consent; then
 * issue a code and redirect.
 */
export function finishAuthorization(
  deps: Deps,
  app: AppRegistration,
  user: UserRef,
  redirectUri: string,
  flow: Flow,
  extraHeaders: Record<string, string> = {},
): Reply {
  if (!app.user_types.includes(user.type)) {
    const r = errorReply(
      403,
      "This app doesn't support your account type",
      `${app.name} does not support logins for ${user.type.replace("_", " ")} accounts. Please contact the app's support team.`,
    );
    return { ...r, headers: { ...r.headers, ...extraHeaders } };
  }
  if (user.sharing === "district") {
    const districtId = deps.store.loginDistrictOf(user);
    if (!deps.store.isConnected(districtId, app.client_id)) {
      const r = errorReply(
        403,
        "This app isn't available",
        `${app.name} is not connected to your district. Ask your district administrator to add it.`,
      );
      return { ...r, headers: { ...r.headers, ...extraHeaders } };
    }
  } else if (!deps.store.hasConsent(user, app.client_id)) {
    const hidden: Hidden = [
      ["client_id", app.client_id],
      ["redirect_uri", redirectUri],
    ];
    if (flow.state !== undefined) hidden.push(["state", flow.state]);
    if (flow.nonce !== undefined) hidden.push(["nonce", flow.nonce]);
    return html(
      200,
      consentPage({ appName: app.name, userName: displayName(user.object), userType: user.type, hidden }),
      extraHeaders,
    );
  }
  return codeRedirect(deps, app, user, redirectUri, flow, extraHeaders);
}

function codeRedirect(
  deps: Deps,
  app: AppRegistration,
  user: UserRef,
  redirectUri: string,
  flow: Flow,
  extraHeaders: Record<string, string> = {},
): Reply {
  const code = deps.store.issueCode(app.client_id, user.id, redirectUri, flow.nonce);
  const params: [string, string][] = [
    ["code", code],
    ["scope", USER_SCOPES[user.sharing]],
  ];
  if (flow.state !== undefined) params.push(["state", flow.state]);
  return redirect(withParams(redirectUri, params), 302, extraHeaders);
}

/** POST /oauth/consent: Allow or Deny on the Library consent screen. */
export function handleConsent(deps: Deps, ctx: Ctx): Reply {
  const form = formBody(ctx);
  const app = appOrError(deps, form.get("client_id"));
  if (!("client_id" in app)) return app;
  const redirectUri = form.get("redirect_uri") ?? "";
  if (!app.redirect_uris.includes(redirectUri)) {
    return errorReply(400, "Invalid redirect URI", "The redirect URI is not registered for this application.");
  }
  const user = sessionUser(deps, ctx);
  if (!user) return errorReply(401, "Your Clever session has ended", "Please log in to Clever again.");
  const state = form.has("state") ? (form.get("state") ?? "") : undefined;
  const decision = form.get("decision");
  if (decision === "deny") {
    const params: [string, string][] = [["error", "access_denied"]];
    if (state !== undefined) params.push(["state", state]);
    return redirect(withParams(redirectUri, params), 302);
  }
  if (decision !== "allow") return errorReply(400, "Invalid request", "Choose Allow or Deny.");
  deps.store.grantConsent(user.id, app.client_id);
  const flow: Flow = state === undefined ? {} : { state };
  const nonce = form.get("nonce");
  if (nonce !== null) flow.nonce = nonce;
  return finishAuthorization(deps, app, user, redirectUri, flow);
}
