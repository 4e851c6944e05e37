// The app's session cookie as the browser holds it.
import type { BrowserContext, Cookie } from "@playwright/test";
import { sessionByToken, sessionCookieNames } from "./db";

export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => sessionCookieNames.includes(cookie.name));
}

export async function sessionToken(context: BrowserContext): Promise<string> {
  const cookie = await sessionCookie(context);
  if (!cookie) throw new Error("no session cookie in this browser");
  return cookie.value;
}

/** The user this browser is signed in as, from its session row: what a
 * login really did, whatever rows exist. */
export async function signedInUserId(context: BrowserContext): Promise<string> {
  const session = await sessionByToken(await sessionToken(context));
  if (!session) throw new Error("this browser's session cookie names no session");
  return session.userId;
}
