// "Sign in with Clever" as an Auth.js OAuth provider. Auth.js has none built
// in. Clever is plain OAuth 2.0 (no OIDC, no ID token, no PKCE):
// authorization at {CLEVER_OAUTH_URL}/oauth/authorize, token exchange at
// /oauth/tokens with HTTP Basic client authentication, identity from the
// Data API (/v2.1/me, then the user's record).
import type { OAuthConfig, TokenEndpointHandler } from "next-auth/providers";
import { customFetch } from "@auth/core";
import { CleverLoginError, kindFromOAuthError } from "./errors";
import type { CleverIdentity } from "./identity";

export const CLEVER_PROVIDER_ID = "clever";
/** Type "oauth", not "oidc": with no scope Auth.js would ask for "openid
 * profile email" and validate an ID token Clever never sends. */
export const CLEVER_SCOPE = "read:user_id read:sis";
/** The token endpoint gets this long before the login fails as "Clever is slow". */
export const TOKEN_TIMEOUT_MS = 8_000;

export interface CleverProviderOptions {
  clientId: string;
  clientSecret: string;
  oauthUrl: string;
  apiUrl: string;
  /** Loads (and provisions) the user behind an access token. */
  identify: (accessToken: string) => Promise<CleverIdentity>;
}

/** Reads an OAuth token response for the one thing that can be wrong with
 * it, as our own typed error (RFC 6749 §5.2 error codes; 429/5xx mean Clever
 * is unavailable). Returns nothing for a usable response. */
export async function checkTokenResponse(response: Response): Promise<undefined> {
  const body: unknown = await response.json().catch(() => undefined);
  const field = (name: string) => (typeof body === "object" && body !== null && name in body ? (body as Record<string, unknown>)[name] : undefined);
  const status = response.status;
  if (response.ok) {
    const token = field("access_token");
    // What oauth4webapi requires next (RFC 6749 §5.1), checked here so a
    // broken answer is named as such.
    if (typeof token === "string" && token !== "" && typeof field("token_type") === "string") return undefined;
    throw new CleverLoginError("malformed_response", "Clever's token response has no access_token", { status });
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
  // `conform` is Auth.js's hook for reading a provider's token response
  // before oauth4webapi does (see Auth.js's FusionAuth provider); its type
  // does not list it.
  const token: TokenEndpointHandler & { conform: (response: Response) => Promise<undefined> } = {
    url: `${oauth}/oauth/tokens`,
    conform: checkTokenResponse,
  };
  return {
    id: CLEVER_PROVIDER_ID,
    name: "Clever",
    type: "oauth",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    client: { token_endpoint_auth_method: "client_secret_basic" },
    authorization: { url: `${oauth}/oauth/authorize`, params: { scope: CLEVER_SCOPE } },
    token,
    userinfo: {
      url: `${options.apiUrl.replace(/\/+$/, "")}/v2.1/me`,
      request: async ({ tokens }: { tokens: { access_token?: string } }) => {
        if (!tokens.access_token) throw new TypeError("token response without access_token");
        return options.identify(tokens.access_token);
      },
    },
    // State only: Clever does not do PKCE, and app-initiated logins are
    // protected by the state cookie (Clever-initiated ones are restarted).
    checks: ["state"],
    // The Account row is keyed by Clever ID; nothing else comes from here
    // (no email: an email never links accounts, DSSO-04).
    profile: (identity) => ({ id: identity.cleverId, name: identity.name, email: null }),
    // No token in the Account row: provisioning keeps it encrypted.
    account: () => ({}),
    [customFetch]: fetchFromClever,
  };
}
