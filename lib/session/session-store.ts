// Database sessions: one row per signed-in browser, found by the random token
// in the session cookie. A session ends after SESSION_IDLE_MINUTES without a
// request (`expires`, pushed forward as the user works) and in any case
// SESSION_MAX_HOURS after it started (`createdAt`), so a shared classroom
// device never stays signed in indefinitely. The table holds only a hash of
// each token (hashSessionToken): a leaked copy signs nobody in.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, env, servedOverHttps } from "@/lib/platform";
import type { Prisma, Session } from "@/lib/generated/prisma/client";

const SESSION_COOKIE = "authjs.session-token";
/** On https: `__Host-` (Secure, Path=/, no Domain), so a sibling subdomain of
 * a custom domain can neither plant nor overwrite it (session fixation). */
const SECURE_SESSION_COOKIE = "__Host-authjs.session-token";
/** The https session cookie's name before the `__Host-` prefix. Still read,
 * but only for a session that started under it
 * (Session.startedBeforeHostCookie), so the change signed nobody out; those
 * sessions all end within SESSION_MAX_HOURS of the upgrade. A cookie a
 * sibling subdomain plants under this name later carries no such session. */
const OLD_SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";
/** Every name a session cookie has had, cleared wherever a session ends. */
export const SESSION_COOKIES = [SESSION_COOKIE, SECURE_SESSION_COOKIE, OLD_SECURE_SESSION_COOKIE] as const;
/** Extend `expires` at most once a minute, not on every request. */
export const SESSION_UPDATE_AGE_SECONDS = 60;

export function idleMs(): number {
  return env().SESSION_IDLE_MINUTES * 60_000;
}

export function maxMs(): number {
  return env().SESSION_MAX_HOURS * 3_600_000;
}

/** Secure cookies (and the __Host- prefix) whenever the app is served over
 * https; Auth.js is told the same (`useSecureCookies`), so both agree. */
export function secureCookies(): boolean {
  return servedOverHttps(env());
}

export function sessionCookieName(): string {
  return secureCookies() ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The session token a request carries, and whether under the old name. */
export interface SessionCookie {
  token: string;
  oldName: boolean;
}

/** The request's session cookie: the name this deployment uses, else on
 * https the old `__Secure-` one (which counts only for the sessions that
 * started under it: lookUpSession). Any other name could have been planted
 * over http. */
export function sessionCookieOf(jar: { get(name: string): { value: string } | undefined }): SessionCookie | undefined {
  const token = jar.get(sessionCookieName())?.value;
  if (token) return { token, oldName: false };
  const old = secureCookies() ? jar.get(OLD_SECURE_SESSION_COOKIE)?.value : undefined;
  return old ? { token: old, oldName: true } : undefined;
}

/** A cleared session cookie as the browser must see it to drop it: the
 * prefixed names only with Secure. */
export function clearedSessionCookie(name: (typeof SESSION_COOKIES)[number]) {
  return { name, value: "", path: "/", expires: new Date(0), httpOnly: true, sameSite: "lax" as const, secure: name.startsWith("__") };
}

/** Auth.js's own cookies on https, under `__Host-` names (its defaults are
 * `__Secure-`, which a sibling subdomain may plant: login CSRF through the
 * state cookie). Its CSRF cookie is `__Host-` already. Undefined on http. */
export function authJsCookies() {
  if (!secureCookies()) return undefined;
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: true };
  // Auth.js's own lifetime for a login's checks: fifteen minutes.
  const checks = { ...options, maxAge: 15 * 60 };
  return {
    sessionToken: { name: SECURE_SESSION_COOKIE, options },
    callbackUrl: { name: "__Host-authjs.callback-url", options },
    state: { name: "__Host-authjs.state", options: checks },
    pkceCodeVerifier: { name: "__Host-authjs.pkce.code_verifier", options: checks },
    nonce: { name: "__Host-authjs.nonce", options: checks },
  };
}

/** When a session that started at `createdAt` must end no matter what. */
export function absoluteExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + maxMs());
}

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the Session table stores for a cookie's token. The token is 256
 * random bits, so a plain SHA-256 is enough (no salt or stretching needed). */
export function hashSessionToken(sessionToken: string): string {
  return createHash("sha256").update(sessionToken, "utf8").digest("hex");
}


function isSessionLive(session: Pick<Session, "expires" | "createdAt">, now = new Date()): boolean {
  return session.expires > now && absoluteExpiry(session.createdAt) > now;
}

/** The names of the user's places, which every signed-in page's banner
 * shows: read with the session, so they cost no statement of their own. */
const placesInclude = {
  school: { select: { name: true } },
  district: { select: { name: true, disconnectedAt: true } },
  directorySchool: { select: { name: true } },
} as const;

/** The signed-in user, with the names of their school and district. */
export type SignedInUser = Prisma.UserGetPayload<{ include: typeof placesInclude }>;

/** Why a session the browser still had was refused. */
export type SessionEnd = "expired" | "archived" | "district_disconnected";

export type SessionLookup = { session: Session; user: SignedInUser } | { ended: SessionEnd } | null;

/** Why this user may no longer use a session, if they may not. Access ends
 * when Clever ends it: a person the district's roster no longer lists in any
 * role is archived; a district that stopped sharing its data ends its
 * people's access (not a Library teacher's, whose own install stands). */
function accessEnded(user: SignedInUser): SessionEnd | null {
  if (user.archivedAt !== null) return "archived";
  if (user.authorizedBy === "district" && user.district?.disconnectedAt) return "district_disconnected";
  return null;
}

const CLEVER_ENDS: readonly SessionEnd[] = ["archived", "district_disconnected"];

/** The session and its user if the session is live; else why it ended, or
 * null for a token no session has (or, under the old cookie name, a session
 * that did not start under it). A session that timed out is deleted. One
 * Clever ended is kept dead with its reason (Session.endedReason), so every
 * request still carrying its cookie hears the same why, one racing the first
 * included, and a person Clever shares again does not get it back. Pushes
 * the idle expiry forward (at most once per update age). One statement (the
 * user and places joined in SQL) for a live session. */
export async function lookUpSession(sessionToken: string, cookie: { oldName?: boolean } = {}): Promise<SessionLookup> {
  const hashed = hashSessionToken(sessionToken);
  const found = await db.session.findUnique({ where: { sessionToken: hashed }, include: { user: { include: placesInclude } } });
  if (!found || (cookie.oldName && !found.startedBeforeHostCookie)) return null;
  const { user, ...session } = found;
  const said = CLEVER_ENDS.find((reason) => reason === session.endedReason);
  if (said) return { ended: said };
  const now = new Date();
  const ended = isSessionLive(session, now) ? accessEnded(user) : "expired";
  if (ended === "expired") {
    await db.session.deleteMany({ where: { sessionToken: hashed } });
    return { ended };
  }
  if (ended) {
    await db.session.updateMany({ where: { sessionToken: hashed, endedReason: null }, data: { endedReason: ended, expires: now } });
    return { ended };
  }
  const idleExpiry = new Date(now.getTime() + idleMs());
  if (idleExpiry.getTime() - session.expires.getTime() > SESSION_UPDATE_AGE_SECONDS * 1000) {
    const updated = await db.session.update({ where: { sessionToken: hashed }, data: { expires: idleExpiry } });
    return { session: { ...updated, sessionToken }, user };
  }
  return { session: { ...session, sessionToken }, user };
}

/** The session and its user if the session is live, else null. */
export async function loadLiveSession(sessionToken: string, cookie: { oldName?: boolean } = {}): Promise<{ session: Session; user: SignedInUser } | null> {
  const found = await lookUpSession(sessionToken, cookie);
  return found && "session" in found ? found : null;
}

export async function deleteSessionByToken(sessionToken: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken: hashSessionToken(sessionToken) } });
}

/** A new session row for `userId`; the returned row carries the token for
 * the cookie (the table only its hash). `cleverLoginAt` marks a Clever login. */
export async function createSessionRow(userId: string, options: { sessionToken?: string; expires?: Date; cleverLoginAt?: Date } = {}): Promise<Session> {
  const sessionToken = options.sessionToken ?? newSessionToken();
  const row = await db.session.create({
    data: {
      userId,
      sessionToken: hashSessionToken(sessionToken),
      expires: options.expires ?? new Date(Date.now() + idleMs()),
      cleverLoginAt: options.cleverLoginAt ?? null,
    },
  });
  return { ...row, sessionToken };
}

/** Moves a session's idle expiry (Auth.js's updateSession). */
export async function updateSessionExpiry(sessionToken: string, expires: Date): Promise<Session | null> {
  const hashed = hashSessionToken(sessionToken);
  const { count } = await db.session.updateMany({ where: { sessionToken: hashed }, data: { expires } });
  if (count === 0) return null;
  const row = await db.session.findUnique({ where: { sessionToken: hashed } });
  return row ? { ...row, sessionToken } : null;
}
