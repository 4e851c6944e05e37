// Clever's Identity API: GET /oauth/authorize, POST /oauth/tokens (code
// exchange) and GET /oauth/tokens?owner_type=district (district-app tokens).
// Behaviour follows seed 003 (Instant Login) and RFC 6749 where Clever is silent.
import { type Ctx, json, mediaType, redirect, withParams } from "./http";
import { idTokenClaims } from "./identity";
import { appOrError, carryParams, type Deps, errorReply, finishAuthorization, type Flow, loginStep, sessionUser } from "./login";
import type { IdTokenForgery, Oidc } from "./oidc";
import { DISTRICT_TOKEN_SCOPES } from "./store";
import type { AppRegistration, Reply } from "./types";

/** GET /oauth/authorize (the "Log in with Clever" link). */
export function handleAuthorize(deps: Deps, ctx: Ctx): Reply {
  const q = ctx.url.searchParams;
  const app = appOrError(deps, q.get("client_id"));
  if (!("client_id" in app)) return app;

  // A bad redirect_uri is never redirected to (RFC 6749 §4.1.2.1): error page.
  const given = q.get("redirect_uri");
  if (given !== null && !app.redirect_uris.includes(given)) {
    return errorReply(
      400,
      "Invalid redirect URI",
      `The redirect_uri “${given}” is not registered for ${app.name}. Redirect URIs must match exactly.`,
    );
  }
  const redirectUri = given ?? app.redirect_uris[0] ?? "";
  const state = q.has("state") ? (q.get("state") ?? "") : undefined;
  const flow: Flow = state === undefined ? {} : { state };
  const nonce = q.get("nonce");
  if (nonce !== null) flow.nonce = nonce;

  const responseType = q.get("response_type");
  if (responseType !== "code") {
    const params: [string, string][] = [
      ["error", responseType === null ? "invalid_request" : "unsupported_response_type"],
      ["error_description", responseType === null ? "response_type is required" : "only response_type=code is supported"],
    ];
    if (state !== undefined) params.push(["state", state]);
    return redirect(withParams(redirectUri, params));
  }

  const districtId = q.get("district_id");
  const user = sessionUser(deps, ctx);
  // A live Clever session skips the login page (unless the link names another district).
  if (user && (!districtId || deps.store.loginDistrictOf(user) === districtId)) {
    return finishAuthorization(deps, app, user, redirectUri, flow);
  }
  return loginStep(deps, "/oauth/authorize", carryParams(ctx.url), districtId, q.get("district_search") ?? "");
}

type TokenError = "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type";

function tokenError(status: number, error: TokenError, description: string, headers: Record<string, string> = {}): Reply {
  return json(status, { error, error_description: description }, { "cache-control": "no-store", pragma: "no-cache", ...headers });
}

/** Decodes an RFC 6749 §2.3.1 client credential (form-urlencoded before base64). */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** The app authenticated by HTTP Basic, or undefined (Clever accepts no other client auth). */
function basicClient(deps: Deps, ctx: Ctx): AppRegistration | undefined {
  const header = ctx.req.headers.authorization ?? "";
  const m = /^basic\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const rawId = decoded.slice(0, colon);
  const rawSecret = decoded.slice(colon + 1);
  for (const [id, secret] of [
    [rawId, rawSecret],
    [formDecode(rawId), formDecode(rawSecret)],
  ] as const) {
    const app = deps.store.apps.get(id);
    if (app && app.client_secret === secret) return app;
  }
  return undefined;
}

function unauthorizedClient(): Reply {
  return tokenError(401, "invalid_client", "client authentication failed (HTTP Basic with client_id:client_secret)", {
    "www-authenticate": 'Basic realm="Clever"',
  });
}

/** Token request parameters from a form or JSON body, or an error reply. */
function tokenParams(ctx: Ctx): Map<string, string> | Reply {
  const type = mediaType(ctx.req);
  const out = new Map<string, string>();
  if (type === "application/x-www-form-urlencoded") {
    for (const [k, v] of new URLSearchParams(ctx.body.toString("utf8"))) out.set(k, v);
    return out;
  }
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(ctx.body.toString("utf8"));
    } catch {
      return tokenError(400, "invalid_request", "invalid JSON body");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return tokenError(400, "invalid_request", "JSON body must be an object");
    }
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v !== "string") return tokenError(400, "invalid_request", `${k} must be a string`);
      out.set(k, v);
    }
    return out;
  }
  // Seed 003: other body types, multipart/form-data included, are refused; so
  // is a body without an explicit Content-Type.
  return tokenError(
    400,
    "invalid_request",
    "invalid content-type: use application/x-www-form-urlencoded or application/json",
  );
}

export interface TokenDeps extends Deps {
  oidc: Oidc;
}

/** POST /oauth/tokens: exchange an authorization code for a bearer token (and, OIDC apps, an id_token). */
async function handleTokenExchange(deps: TokenDeps, ctx: Ctx, forgery?: IdTokenForgery): Promise<Reply> {
  const app = basicClient(deps, ctx);
  if (!app) return unauthorizedClient();
  const params = tokenParams(ctx);
  if (!(params instanceof Map)) return params;

  const grantType = params.get("grant_type");
  if (grantType === undefined) return tokenError(400, "invalid_request", "grant_type is required");
  if (grantType !== "authorization_code") {
    return tokenError(400, "unsupported_grant_type", "only grant_type=authorization_code is supported");
  }
  const code = params.get("code");
  if (!code) return tokenError(400, "invalid_request", "code is required");
  const redirectUri = params.get("redirect_uri");
  if (redirectUri === undefined) return tokenError(400, "invalid_request", "redirect_uri is required");

  const record = deps.store.getCode(code);
  if (!record || record.clientId !== app.client_id) return tokenError(400, "invalid_grant", "invalid code");
  if (record.issuedToken !== null) {
    // A replayed code means it may have leaked: revoke what it issued (RFC 6749 §4.1.2).
    deps.store.revokeToken(record.issuedToken);
    return tokenError(400, "invalid_grant", "code already used; the token it issued has been revoked");
  }
  if (deps.store.now() >= record.expiresAt) return tokenError(400, "invalid_grant", "code expired");
  if (redirectUri !== record.redirectUri) {
    return tokenError(400, "invalid_grant", "redirect_uri does not match the one the code was issued for");
  }
  const user = deps.store.findUser(record.userId);
  if (!user) return tokenError(400, "invalid_grant", "the user no longer exists");

  const token = deps.store.issueUserToken(record, user);
  const body: Record<string, string> = { access_token: token.token, token_type: "bearer" };
  // Library logins get no id_token (Clever: OIDC is not supported for the Library).
  if (app.oidc === true && user.sharing === "district") {
    const opts: Parameters<Oidc["idToken"]>[1] = { audience: app.client_id, nowMs: deps.store.now() };
    if (record.nonce !== undefined) opts.nonce = record.nonce;
    if (forgery !== undefined) opts.forgery = forgery;
    body.id_token = await deps.oidc.idToken(idTokenClaims(user), opts);
  }
  return json(200, body, { "cache-control": "no-store", pragma: "no-cache" });
}

/** GET /oauth/tokens?owner_type=district: the app's district-app tokens. */
function handleListTokens(deps: Deps, ctx: Ctx): Reply {
  const app = basicClient(deps, ctx);
  if (!app) return unauthorizedClient();
  const ownerType = ctx.url.searchParams.get("owner_type");
  if (ownerType !== null && ownerType !== "district") {
    return json(400, { error: "invalid_request", error_description: "owner_type must be district" });
  }
  const district = ctx.url.searchParams.get("district");
  const data = deps.store
    .districtTokensFor(app.client_id)
    .filter((t) => district === null || t.districtId === district)
    .map((t) => ({
      id: t.id,
      created: new Date(t.createdAt).toISOString(),
      owner: { type: "district", id: t.districtId },
      access_token: t.token,
      scopes: DISTRICT_TOKEN_SCOPES,
    }));
  return json(200, { data, links: [{ rel: "self", uri: `/oauth/tokens${ctx.url.search}` }] }, { "cache-control": "no-store" });
}

export function handleTokens(deps: TokenDeps, ctx: Ctx, forgery?: IdTokenForgery): Reply | Promise<Reply> {
  if (ctx.method === "POST") return handleTokenExchange(deps, ctx, forgery);
  if (ctx.method === "GET") return handleListTokens(deps, ctx);
  return json(405, { error: "method not allowed" }, { allow: "GET, POST" });
}
