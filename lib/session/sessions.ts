// Starting and ending sessions outside the Clever callback: password sign-in
// and account linking start one (startSession), Log Out ends one (endSession).
// Same rows and cookie as Auth.js's database sessions.
import "server-only";
import { cookies } from "next/headers";
import { absoluteExpiry, clearedSessionCookie, createSessionRow, deleteSessionByToken, SESSION_COOKIES, type SessionCookie, sessionCookieName, sessionCookieOf, secureCookies } from "./session-store";

/** The session cookie the browser sent, if any (sessionCookieOf). */
export async function currentSessionCookie(): Promise<SessionCookie | undefined> {
  return sessionCookieOf(await cookies());
}

/** Ends the browser's session: the row is deleted, so the old cookie is
 * worthless even if it was copied, and the cookie is cleared. */
export async function endSession(): Promise<void> {
  const cookie = await currentSessionCookie();
  if (cookie) await deleteSessionByToken(cookie.token);
  const jar = await cookies();
  for (const name of SESSION_COOKIES) if (jar.has(name)) jar.set(clearedSessionCookie(name));
}

/** Replaces the browser's session with a fresh one for `userId` (a new token
 * every time: no session fixation). Server actions and route handlers only. */
export async function startSession(userId: string): Promise<void> {
  await endSession();
  const session = await createSessionRow(userId);
  const jar = await cookies();
  jar.set(sessionCookieName(), session.sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    // The row's idle expiry is what counts; the cookie lives at most as long
    // as the session could.
    expires: absoluteExpiry(session.createdAt),
  });
}
