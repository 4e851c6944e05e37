// Clever tokens at rest: encrypted (lib/platform/token-vault), one row per user
// or district, kept only while valid, each bound to its owner (the vault's
// context), so a row copied onto another owner does not open. Never logged.
import { CLEVER_LIMITS, CleverApiError, cleverDistrictTokensSchema, type Db, readBody, type SyncDeps } from "@/lib/clever";
import type { TokenVault } from "@/lib/platform";

/** Clever user tokens live 24 h and cannot be refreshed. */
export const USER_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** District-app tokens do not expire, but we re-read the list daily in case one was revoked. */
const DISTRICT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

const userContext = (userId: string) => `user:${userId}`;
const districtContext = (districtId: string) => `district:${districtId}`;

/** A stored token's columns, as a query may select them. */
export interface SealedToken {
  ciphertext: string | null;
  keyId: string | null;
  expiresAt: Date | null;
}

/** The plaintext of a stored token, or null when there is none, it has
 * expired, or it no longer opens (key retired, copied to another owner). */
function openToken(deps: VaultDeps, row: SealedToken | null, context: string): string | null {
  if (!row?.ciphertext || !row.keyId || !row.expiresAt || row.expiresAt <= deps.now()) return null;
  try {
    return deps.vault.decrypt({ ciphertext: row.ciphertext, keyId: row.keyId }, context);
  } catch {
    return null;
  }
}

/** A user's stored token, opened (see openToken). */
export function openUserToken(deps: VaultDeps, userId: string, row: SealedToken | null): string | null {
  return openToken(deps, row, userContext(userId));
}

/** A district's stored token, opened (see openToken). */
export function openDistrictToken(deps: VaultDeps, districtId: string, row: SealedToken | null): string | null {
  return openToken(deps, row, districtContext(districtId));
}

type VaultDeps = Pick<SyncDeps, "vault" | "now">;

export async function storeUserToken(db: Db, deps: VaultDeps, userId: string, accessToken: string): Promise<void> {
  const sealed = deps.vault.encrypt(accessToken, userContext(userId));
  const expiresAt = new Date(deps.now().getTime() + USER_TOKEN_TTL_MS);
  await db.cleverToken.upsert({
    where: { userId },
    create: { userId, ...sealed, expiresAt },
    update: { ...sealed, expiresAt, createdAt: deps.now() },
  });
}

/** The user's token if one is stored and still valid. */
export async function userToken(db: Db, deps: VaultDeps, userId: string): Promise<string | null> {
  return openUserToken(deps, userId, await db.cleverToken.findUnique({ where: { userId } }));
}

/** Gives `fromUserId`'s token row to `toUserId` (accounts merged): the
 * ciphertext is bound to its owner, so it is sealed anew for the new one.
 * An unreadable token is dropped (the next login stores a fresh one). */
export async function moveUserToken(db: Db, vault: TokenVault, fromUserId: string, toUserId: string): Promise<void> {
  const row = await db.cleverToken.findUnique({ where: { userId: fromUserId } });
  if (!row) return;
  let plaintext: string;
  try {
    plaintext = vault.decrypt(row, userContext(fromUserId));
  } catch {
    await db.cleverToken.delete({ where: { id: row.id } });
    return;
  }
  await db.cleverToken.update({ where: { id: row.id }, data: { userId: toUserId, ...vault.encrypt(plaintext, userContext(toUserId)) } });
}

export async function forgetDistrictToken(db: Db, districtId: string): Promise<void> {
  await db.cleverToken.deleteMany({ where: { districtId } });
}

/** Deletes every expired token (user and district). */
export async function purgeExpiredTokens(db: Db, now: Date = new Date()): Promise<number> {
  const { count } = await db.cleverToken.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

/** Stores a district-app token; only when the district row exists (the token
 * row references it), otherwise it is simply asked for again next time. */
export async function saveDistrictToken(db: Db, deps: VaultDeps, districtId: string, token: string): Promise<void> {
  const sealed = deps.vault.encrypt(token, districtContext(districtId));
  const expiresAt = new Date(deps.now().getTime() + DISTRICT_TOKEN_TTL_MS);
  await db.cleverToken
    .upsert({
      where: { districtId },
      create: { districtId, ...sealed, expiresAt },
      update: { ...sealed, expiresAt, createdAt: deps.now() },
    })
    .then(() => undefined)
    .catch(() => undefined);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Asks Clever for the app's district-app token for this district (null:
 * not shared). The list is narrowed with `&district=ID` (a recording
 * confirms Clever honours it); its entries are still matched by district, in
 * case a Clever ignores the parameter. */
export async function fetchDistrictToken(
  deps: Pick<SyncDeps, "oauthUrl" | "clientId" | "clientSecret">,
  districtId: string,
): Promise<string | null> {
  return (await fetchDistrictTokens(deps, districtId)).find((entry) => entry.districtId === districtId)?.token ?? null;
}

export interface DistrictTokenAccess {
  /** The token to read the district with; null: the district shares nothing with the app. */
  token: string | null;
  /** It came from our table, not fresh from Clever (so a refusal may only mean Clever rotated it). */
  stored: boolean;
  /** Keeping the table in step: a fetched token stored, a stale one forgotten. Await it, or let it run beside the caller's reads. */
  saving: Promise<void>;
}

/** The one way to a district's token: the stored one while valid, else
 * Clever's (SS-R3: fetched by district, so a rotated token does not break a
 * sync), stored for the next reader. `row`: the stored row, when the caller
 * has read it already; `refetch`: skip the stored one (Clever refused it). */
export async function districtToken(
  deps: Pick<SyncDeps, "db" | "vault" | "now" | "oauthUrl" | "clientId" | "clientSecret">,
  districtId: string,
  options: { row?: SealedToken | null; refetch?: boolean } = {},
): Promise<DistrictTokenAccess> {
  const row = options.row !== undefined ? options.row : await deps.db.cleverToken.findUnique({ where: { districtId } });
  const stored = options.refetch ? null : openDistrictToken(deps, districtId, row);
  if (stored !== null) return { token: stored, stored: true, saving: Promise.resolve() };
  const token = await fetchDistrictToken(deps, districtId);
  if (token !== null) return { token, stored: false, saving: saveDistrictToken(deps.db, deps, districtId, token) };
  return { token: null, stored: false, saving: row ? forgetDistrictToken(deps.db, districtId).catch(() => undefined) : Promise.resolve() };
}

/** Pages of the token list followed at most (nothing documents paging; a loop must end). */
const MAX_TOKEN_LIST_PAGES = 100;

/** Every district that shares its data with the app (or only `districtId`),
 * with its district-app token (Clever's /oauth/tokens). Nothing documents
 * that the list is never paged: a `next` link is followed, on Clever's
 * OAuth host only (the request carries the app's credentials). */
export async function fetchDistrictTokens(
  deps: Pick<SyncDeps, "oauthUrl" | "clientId" | "clientSecret">,
  districtId?: string,
): Promise<{ districtId: string; token: string }[]> {
  let url: URL | null = new URL("/oauth/tokens", deps.oauthUrl);
  url.searchParams.set("owner_type", "district");
  if (districtId !== undefined) url.searchParams.set("district", districtId);
  const tokens = new Map<string, string>();
  for (let page = 0; url && page < MAX_TOKEN_LIST_PAGES; page += 1) {
    const list = await fetchTokenPage(deps, url);
    for (const entry of list.data) if (entry.owner.type === "district" && !tokens.has(entry.owner.id)) tokens.set(entry.owner.id, entry.access_token);
    const next = list.links?.find((link) => link.rel === "next")?.uri;
    url = next ? new URL(next, deps.oauthUrl) : null;
    if (url && url.origin !== new URL(deps.oauthUrl).origin) {
      throw new CleverApiError("malformed_response", "Clever's token list points its next page at another host", { endpoint: "/oauth/tokens" });
    }
  }
  return [...tokens].map(([id, token]) => ({ districtId: id, token }));
}

async function fetchTokenPage(deps: Pick<SyncDeps, "clientId" | "clientSecret">, url: URL) {
  // RFC 6749 §2.3.1: form-encode the credentials before base64.
  const basic = Buffer.from(`${encodeURIComponent(deps.clientId)}:${encodeURIComponent(deps.clientSecret)}`).toString("base64");
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Basic ${basic}`, accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new CleverApiError("unreachable", "Clever is unreachable (/oauth/tokens)", { endpoint: "/oauth/tokens" });
  }
  if (response.status === 401) throw new CleverApiError("unauthorized", "Clever refused the app's client credentials", { status: 401, endpoint: "/oauth/tokens" });
  if (!response.ok) {
    throw new CleverApiError(response.status === 429 ? "rate_limited" : "server_error", `Clever answered ${response.status} on /oauth/tokens`, {
      status: response.status,
      endpoint: "/oauth/tokens",
    });
  }
  // Bounded like every other Clever answer (lib/clever/client.ts).
  const { text } = await readBody(response, CLEVER_LIMITS.maxBodyBytes, "Clever's token list", "/oauth/tokens");
  const parsed = cleverDistrictTokensSchema.safeParse(parseJson(text));
  if (!parsed.success) throw new CleverApiError("malformed_response", "Clever's token list does not match its schema", { endpoint: "/oauth/tokens" });
  return parsed.data;
}
