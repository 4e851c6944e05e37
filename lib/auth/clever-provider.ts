// "Sign in with Clever" as an Auth.js OAuth provider. Auth.js has none built
// in. Clever is plain OAuth 2.0 (no OIDC, no ID token, no PKCE):
// authorization at {CLEVER_OAUTH_URL}/oauth/authorize, token exchange at
// /oauth/tokens with HTTP Basic client authentication, identity from the
// Data API (/v2.1/me, then the user's record).
import type { OAuthConfig } from "next-auth/providers";
import { customFetch } from "next-auth";
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

export function CleverProvider(options: CleverProviderOptions): OAuthConfig<CleverIdentity> {
  const oauth = options.oauthUrl.replace(/\/+$/, "");
  return {
    id: CLEVER_PROVIDER_ID,
    name: "Clever",
    type: "oauth",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    client: { token_endpoint_auth_method: "client_secret_basic" },
    authorization: { url: `${oauth}/oauth/authorize`, params: { scope: CLEVER_SCOPE } },
    token: `${oauth}/oauth/tokens`,
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
    [customFetch]: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS) }),
  };
}
