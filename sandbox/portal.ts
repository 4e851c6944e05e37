// Clever-initiated logins (seed 003): the Clever Portal and Instant Login
// links. Both end at the app's PRIMARY redirect URI with code and scope and
// never a state.
import { type Ctx, html } from "./http";
import {
  appOrError,
  carryParams,
  clearSessionCookie,
  type Deps,
  districtName,
  errorReply,
  finishAuthorization,
  loginStep,
  sessionCookie,
  sessionIdOf,
  sessionUser,
} from "./login";
import { loggedOutPage, portalPage } from "./pages";
import { displayName } from "./store";
import type { Reply } from "./types";

/** GET /portal: log in, then the user's app icons. */
export function handlePortal(deps: Deps, ctx: Ctx): Reply {
  const user = sessionUser(deps, ctx);
  const q = ctx.url.searchParams;
  if (!user) return loginStep(deps, "/portal", carryParams(ctx.url), q.get("district_id"), q.get("district_search") ?? "");
  const loginDistrict = deps.store.loginDistrictOf(user);
  const apps = [...deps.store.apps.values()]
    .filter((app) => app.user_types.includes(user.type))
    // District users see the apps their district shares with; Library users any app (consent on first launch).
    .filter((app) => user.sharing === "teacher" || deps.store.isConnected(loginDistrict, app.client_id))
    .map((app) => ({
      name: app.name,
      href: `/oauth/instant-login?${new URLSearchParams({ client_id: app.client_id, district_id: loginDistrict }).toString()}`,
    }));
  return html(
    200,
    portalPage({
      userName: displayName(user.object),
      userType: user.type,
      districtName: districtName(deps, loginDistrict) ?? loginDistrict,
      apps,
    }),
  );
}

/**
 * GET /oauth/instant-login?client_id=…&district_id=… (Clever's real path;
 * /instant-login is an alias): Clever's Instant Login link.
 *
 * Sandbox-only shortcut (not in "production" mode): `&user_id=CLEVER_ID` logs
 * the browser in as that user without a page; Library users still get the
 * consent screen unless `&consent=allow` is added.
 */
export function handleInstantLogin(deps: Deps, ctx: Ctx): Reply {
  const q = ctx.url.searchParams;
  const app = appOrError(deps, q.get("client_id"));
  if (!("client_id" in app)) return app;
  const primary = app.redirect_uris[0] ?? "";

  const shortcutUser = q.get("user_id");
  if (shortcutUser !== null && deps.mode !== "production") {
    const user = deps.store.findUser(shortcutUser);
    if (!user) return errorReply(404, "Unknown user", `No sandbox user has the Clever ID “${shortcutUser}”.`);
    const session = deps.store.createSession(user.id);
    if (q.get("consent") === "allow" && user.sharing === "teacher") deps.store.grantConsent(user.id, app.client_id);
    return finishAuthorization(deps, app, user, primary, {}, { "set-cookie": sessionCookie(session) });
  }

  const districtId = q.get("district_id");
  const user = sessionUser(deps, ctx);
  if (user && (!districtId || deps.store.loginDistrictOf(user) === districtId)) {
    return finishAuthorization(deps, app, user, primary, {});
  }
  return loginStep(
    deps,
    ctx.url.pathname === "/instant-login" ? "/instant-login" : "/oauth/instant-login",
    carryParams(ctx.url, ["user_id", "consent"]),
    districtId,
    q.get("district_search") ?? "",
  );
}

/** GET /logout: ends the Clever session (how a shared device switches users). */
export function handleLogout(deps: Deps, ctx: Ctx): Reply {
  deps.store.endSession(sessionIdOf(ctx));
  return html(200, loggedOutPage(), { "set-cookie": clearSessionCookie() });
}
