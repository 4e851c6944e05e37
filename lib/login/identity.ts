// Who just logged in, then provisioning (the user row, upserted by Clever ID,
// with authorized_by and the encrypted token). Runs inside the OAuth callback,
// so it costs as few Clever calls as the login allows:
// - an OIDC app's district login: none (the id_token, already verified by the
//   provider, says who it is and that the district shared them);
// - otherwise one: /userinfo;
// - where /userinfo is unavailable (404/501): /me and the user's record, and
//   /userinfo is not tried again by this process for a while;
// - where /userinfo names a user_type the app does not know: /me and the
//   user's record too (a new kind of user must not fail the login).
// The roster sync runs after the response (IL-08).
import "server-only";
import { CleverApiError, type CleverClient, type CleverLogin, type CleverLoginRole, createCleverClient, loginFromIdToken, loginFromUserinfo, readLoginThroughMe, type SyncDeps, type UnreadLogin } from "@/lib/clever";
import { env, log } from "@/lib/platform";
import { DeletedPersonError, provisionCleverUser } from "@/lib/people";
import type { LoginAttempt } from "./attempt";
import { CleverLoginError, kindFromCleverApiCode } from "./errors";
import { idTokenClaims } from "./id-token";

/** What the provider hands Auth.js as the "profile". */
export interface CleverIdentity {
  cleverId: string;
  userId: string;
  type: CleverLoginRole;
  name: string;
  authorizedBy: "teacher" | "district";
  districtId: string | null;
}

/** The token response's parts that say who logged in. */
export interface LoginTokens {
  access_token: string;
  /** Present for OIDC apps; verified by the provider before this runs. */
  id_token?: string;
}

/** Login must feel instant: one retry, a few seconds at most per call. */
const LOGIN_TIMEOUT_MS = 5_000;
const LOGIN_DEADLINE_MS = 8_000;

/** Types /userinfo named that are no role the app knows, each logged once. */
const unknownTypesSeen = new Set<string>();

async function throughUserinfo(client: CleverClient, userinfo: SyncDeps["userinfo"]): Promise<CleverLogin | undefined> {
  if (Date.now() < userinfo.unavailableUntil) return undefined;
  let answer: CleverLogin | UnreadLogin;
  try {
    answer = loginFromUserinfo(await client.userinfo(), client.apiVersion);
  } catch (error) {
    if (!(error instanceof CleverApiError) || (error.status !== 404 && error.status !== 501)) throw error;
    userinfo.unavailableUntil = Date.now() + env().CLEVER_USERINFO_RETRY_SECONDS * 1000;
    log.warn({ status: error.status }, "Clever's /userinfo is unavailable; logins read /me and the user's record for a while");
    return undefined;
  }
  if ("notServed" in answer) throw notServed(answer.notServed);
  if ("unknownType" in answer) {
    // Not a reason to refuse the login: the user's record says which role.
    if (!unknownTypesSeen.has(answer.unknownType)) log.warn({ userType: answer.unknownType.slice(0, 40) }, "Clever named a user_type this app does not know; reading the user's record");
    unknownTypesSeen.add(answer.unknownType);
    return undefined;
  }
  return answer;
}

function notServed(type: string): CleverLoginError {
  return new CleverLoginError("unsupported_user_type", "a kind of Clever user this app does not serve", { userType: type.slice(0, 40) });
}

async function whoSignedIn(tokens: LoginTokens, deps: SyncDeps): Promise<CleverLogin> {
  if (tokens.id_token) {
    const fromToken = loginFromIdToken(idTokenClaims(tokens.id_token), deps.apiVersion);
    if (fromToken) return fromToken;
  }
  // Only a login the id_token does not tell asks the Data API.
  const client = createCleverClient({
    token: tokens.access_token,
    tokenKind: "user",
    baseUrl: deps.apiUrl,
    apiVersion: deps.apiVersion,
    timeoutMs: LOGIN_TIMEOUT_MS,
    retry: { retries: 1, deadline: Date.now() + LOGIN_DEADLINE_MS },
  });
  const viaUserinfo = await throughUserinfo(client, deps.userinfo);
  if (viaUserinfo) return viaUserinfo;
  const viaMe = await readLoginThroughMe(client);
  // A district-app token from the user flow: the app is registered wrongly.
  if (viaMe === "district") throw new CleverLoginError("misconfiguration", "the login token does not belong to a user");
  if ("notServed" in viaMe) throw notServed(viaMe.notServed);
  return viaMe;
}

/** Who signed in, provisioned (the provider's `identify`, lib/login/auth.ts,
 * with the app's dependencies); the login's `attempt` gets the user's row as
 * written (the adapter hands it to Auth.js instead of reading it back). */
export async function identify(tokens: LoginTokens, deps: SyncDeps, attempt?: LoginAttempt): Promise<CleverIdentity> {
  try {
    const login = await whoSignedIn(tokens, deps);
    const { user, rosterScopeChanged } = await provisionCleverUser({ login, accessToken: tokens.access_token }, deps);
    attempt?.provisioned(user, rosterScopeChanged);
    return {
      cleverId: login.cleverId,
      userId: user.id,
      type: login.role,
      name: user.name ?? "",
      authorizedBy: login.authorizedBy,
      districtId: login.districtId,
    };
  } catch (error) {
    if (error instanceof DeletedPersonError) throw new CleverLoginError("account_deleted", error.message);
    if (error instanceof CleverApiError) {
      throw new CleverLoginError(kindFromCleverApiCode(error.code), error.message, {
        code: error.code,
        status: error.status,
        endpoint: error.details.endpoint,
      });
    }
    throw error;
  }
}
