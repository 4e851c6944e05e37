// "Sign in with Clever" as an Auth.js OAuth provider. Auth.js has none built
// in. Clever is OAuth 2.0 (no PKCE): authorization at
// {CLEVER_OAUTH_URL}/oauth/authorize, token exchange at /oauth/tokens with
// HTTP Basic client authentication. Apps with OIDC enabled also get an
// id_token in the token response (district logins only), so the provider
// declares Clever's issuer and verifies any id_token (./id-token.ts) before
// the OAuth library reads it; identity comes from it or from the Data API
// (./identity.ts).
import type { OAuthConfig, TokenEndpointHandler } from "next-auth/providers";
import { customFetch } from "@auth/core";
import { CleverLoginError, kindFromOAuthError } from "./errors";
import { cleverIssuer, verifyIdToken } from "./id-token";
import type { CleverIdentity, LoginTokens } from "./identity";

export const CLEVER_PROVIDER_ID = "clever";
/** Type "oauth", not "oidc": Library logins never get an id_token, and an
 * "oidc" provider demands one (and would ask for "openid profile email"). */
const CLEVER_SCOPE = "read:user_id read:sis";
/** The token endpoint gets this long before the login fails as "Clever is slow". */
const TOKEN_TIMEOUT_MS = 8_000;

export interface CleverProviderOptions {
  clientId: string;
  clientSecret: string;
  oauthUrl: string;
  apiUrl: string;
  /** Loads (and provisions) the user behind a token response. */
  identify: (tokens: LoginTokens) => Promise<CleverIdentity>;
  /** Claims a code before its exchange: false when it was already used (./login-codes.ts). */
  claimCode?: (code: string) => Promise<boolean>;
  /** Gives the claim back when Clever never answered the exchange with a token. */
  releaseCode?: (code: string) => Promise<void>;
}

type IdTokenCheck = (idToken: string) => Promise<void>;

/** Reads an OAuth token response for the one thing that can be wrong with
 * it, as our own typed error (RFC 6749 §5.2 error codes; 429/5xx mean Clever
 * is unavailable). Returns nothing for a usable response. */
export async function checkTokenResponse(response: Response, checkIdToken?: IdTokenCheck): Promise<undefined> {
  const body: unknown = await response.json().catch(() => undefined);
  const field = (name: string) => (typeof body === "object" && body !== null && name in body ? (body as Record<string, unknown>)[name] : undefined);
  const status = response.status;
  if (response.ok) {
    const token = field("access_token");
    // What oauth4webapi requires next (RFC 6749 §5.1), checked here so a
    // broken answer is named as such.
    if (typeof token !== "string" || token === "" || typeof field("token_type") !== "string") {
      throw new CleverLoginError("malformed_response", "Clever's token response has no access_token", { status });
    }
    const idToken = field("id_token");
    if (idToken === undefined) return undefined;
    if (typeof idToken !== "string" || !checkIdToken) throw new CleverLoginError("id_token_invalid", "Clever's token response has an unusable id_token", { status });
    await checkIdToken(idToken);
    return undefined;
  }
  const oauthError = typeof field("error") === "string" ? String(field("error")).slice(0, 64) : undefined;
  if (status === 429 || status >= 500) throw new CleverLoginError("clever_unavailable", `Clever's token endpoint answered ${status}`, { status, oauthError });
  const kind = kindFromOAuthError(oauthError);
  throw new CleverLoginError(kind === "unknown" ? "misconfiguration" : kind, `Clever's token endpoint answered ${status}`, { status, oauthError });
}

/** Provider requests with a deadline; a request that never answers is
 * "Clever is unavailable", said as our own error. */
export async function fetchFromClever(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, { ...init, signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS) });
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    throw new CleverLoginError("clever_unavailable", "Clever's token endpoint did not answer", { cause: name });
  }
}

export function CleverProvider(options: CleverProviderOptions): OAuthConfig<CleverIdentity> {
  const oauth = options.oauthUrl.replace(/\/+$/, "");
  const issuer = cleverIssuer(options.oauthUrl);
  const checkIdToken: IdTokenCheck = (idToken) => verifyIdToken(idToken, { issuer, clientId: options.clientId });
  // `conform` is Auth.js's hook for reading a provider's token response
  // before oauth4webapi does (see Auth.js's FusionAuth provider); its type
  // does not list it.
  const token: TokenEndpointHandler & { conform: (response: Response) => Promise<undefined> } = {
    url: `${oauth}/oauth/tokens`,
    conform: (response: Response) => checkTokenResponse(response, checkIdToken),
  };
  return {
    id: CLEVER_PROVIDER_ID,
    name: "Clever",
    type: "oauth",
    // What the OAuth library compares an id_token's `iss` with (without it:
    // Auth.js's placeholder, and every OIDC login would fail).
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    client: { token_endpoint_auth_method: "client_secret_basic" },
    authorization: { url: `${oauth}/oauth/authorize`, params: { scope: CLEVER_SCOPE } },
    token,
    userinfo: {
      url: `${options.apiUrl.replace(/\/+$/, "")}/userinfo`,
      request: async ({ tokens }: { tokens: { access_token?: string; id_token?: string } }) => {
        if (!tokens.access_token) throw new TypeError("token response without access_token");
        return options.identify({ access_token: tokens.access_token, id_token: tokens.id_token });
      },
    },
    // State only: Clever does not do PKCE, and app-initiated logins are
    // protected by the state cookie (Clever-initiated ones are restarted).
    // Auth.js adds "state" by itself to a provider with a redirect proxy, as
    // this one always has (auth.ts): this line says it, it does not decide it.
    checks: ["state"],
    // The Account row is keyed by Clever ID; nothing else comes from here
    // (no email: an email never links accounts, DSSO-04).
    profile: (identity) => ({ id: identity.cleverId, name: identity.name, email: null }),
    // No token in the Account row: provisioning keeps it encrypted.
    account: () => ({}),
    // The provider's only request is the code exchange (identity is
    // `userinfo.request`): each code is claimed before it goes to Clever.
    [customFetch]: async (input: RequestInfo | URL, init?: RequestInit) => {
      const code = init?.body instanceof URLSearchParams ? init.body.get("code") : null;
      if (code === null || !options.claimCode) return fetchFromClever(input, init);
      if (!(await options.claimCode(code))) throw new CleverLoginError("code_reused", "this authorization code was already exchanged");
      const release = () => options.releaseCode?.(code).catch(() => undefined);
      try {
        const response = await fetchFromClever(input, init);
        if (!response.ok) await release();
        return response;
      } catch (error) {
        await release();
        throw error;
      }
    },
  };
}
