// The app's session cookie as the browser holds it.
import type { BrowserContext, Cookie } from "@playwright/test";
import { sessionCookieNames } from "./db";

export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => sessionCookieNames.includes(cookie.name));
}

export async function sessionToken(context: BrowserContext): Promise<string> {
  const cookie = await sessionCookie(context);
  if (!cookie) throw new Error("no session cookie in this browser");
  return cookie.value;
}
