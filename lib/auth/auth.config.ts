// The edge-safe half of the Auth.js configuration: provider, pages, session
// policy and redirects, but no database (see ./index.ts for the adapter).
import type { NextAuthConfig } from "next-auth";
import { AUTH_BASE_PATH, env } from "@/lib/env";
import { CleverProvider } from "./clever-provider";
import type { CleverIdentity } from "./identity";
import { AFTER_LOGIN_PATH, safeCallbackPath } from "./redirects";

export { AFTER_LOGIN_PATH, safeCallbackPath };

export function authConfig(identify: (accessToken: string) => Promise<CleverIdentity>): NextAuthConfig {
  const config = env();
  const secure = config.AUTH_URL ? config.AUTH_URL.startsWith("https:") : config.APP_ENV === "production";
  return {
    secret: config.AUTH_SECRET,
    // Every login names the primary redirect URI to Clever: on that origin
    // Auth.js uses its own callback (the same URI); on any other (a preview,
    // another domain) it goes through the primary, which forwards the code
    // back only to AUTH_PREVIEW_ORIGINS (route-handler.ts).
    redirectProxyUrl: `${new URL(config.CLEVER_REDIRECT_URIS[0] ?? "").origin}${AUTH_BASE_PATH}`,
    useSecureCookies: secure,
    providers: [
      CleverProvider({
        clientId: config.CLEVER_CLIENT_ID,
        clientSecret: config.CLEVER_CLIENT_SECRET,
        oauthUrl: config.CLEVER_OAUTH_URL,
        apiUrl: config.CLEVER_API_URL,
        identify,
      }),
    ],
    // Every failure ends on the friendly page (the route handler refines it).
    pages: { signIn: "/login", error: "/auth/error" },
    session: {
      strategy: "database",
      maxAge: config.SESSION_IDLE_MINUTES * 60,
      updateAge: 60,
    },
    callbacks: {
      // No open redirects: relative paths and this origin only.
      redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${safeCallbackPath(url) ?? AFTER_LOGIN_PATH}`;
        try {
          if (new URL(url).origin === new URL(baseUrl).origin) return url;
        } catch {
          // fall through
        }
        return `${baseUrl}${AFTER_LOGIN_PATH}`;
      },
    },
  };
}
