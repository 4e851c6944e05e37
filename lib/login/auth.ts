// Auth.js with database sessions (Prisma adapter) and the Clever provider.
// The configuration is built per request (lazily), so `next build` needs no
// secrets and env() is read only at run time. Nothing here runs on the edge
// (proxy.ts does not use Auth.js), so the configuration is one piece.
import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { appDeps } from "@/lib/clever";
import { AUTH_BASE_PATH, env, log } from "@/lib/platform";
import { startLoginSync } from "@/lib/roster";
import { appAdapter } from "./adapter";
import { LoginAttempt } from "./attempt";
import { CleverProvider } from "./clever-provider";
import { identify } from "./identity";
import { claimCode, releaseCode } from "./login-codes";
import { AFTER_LOGIN_PATH, safeCallbackPath } from "./redirects";
import { authJsCookies, newSessionToken, secureCookies, SESSION_UPDATE_AGE_SECONDS } from "@/lib/session";

export function authJsConfig(): NextAuthConfig {
  const config = env();
  // Built per request, so this is the one login the request may carry. The
  // app's dependencies (appDeps) are taken here, for identity and the login's
  // sync alike: the modules below are handed them, as tests hand theirs.
  const attempt = new LoginAttempt();
  return {
    secret: config.AUTH_SECRET,
    basePath: AUTH_BASE_PATH,
    // Every login names the primary redirect URI to Clever: on that origin
    // Auth.js uses its own callback (the same URI); on any other (a preview,
    // another domain) it goes through the primary, which forwards the code
    // back only to AUTH_PREVIEW_ORIGINS (route-handler.ts).
    redirectProxyUrl: `${new URL(config.CLEVER_REDIRECT_URIS[0] ?? "").origin}${AUTH_BASE_PATH}`,
    useSecureCookies: secureCookies(),
    cookies: authJsCookies(),
    adapter: appAdapter(attempt),
    providers: [
      CleverProvider({
        clientId: config.CLEVER_CLIENT_ID,
        clientSecret: config.CLEVER_CLIENT_SECRET,
        oauthUrl: config.CLEVER_OAUTH_URL,
        apiUrl: config.CLEVER_API_URL,
        identify: async (tokens) => identify(tokens, await appDeps(), attempt),
        claimCode,
        releaseCode,
      }),
    ],
    pages: { signIn: "/login", error: "/auth/error" },
    session: {
      strategy: "database",
      maxAge: config.SESSION_IDLE_MINUTES * 60,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
      // 256 random bits, as every session of ours (Auth.js's default is a UUID: 122).
      generateSessionToken: newSessionToken,
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
    events: {
      // The roster sync is claimed now (one insert: the pages see it running)
      // and runs after the response: login must feel instant (IL-08).
      async signIn({ user }) {
        if (user.id) await startLoginSync(user.id, await appDeps(), { rosterScopeChanged: attempt.user?.id === user.id && attempt.rosterScopeChanged });
      },
    },
    logger: {
      // The route handler gets every callback failure itself (route-handler.ts)
      // and logs it with its reference; Auth.js's own logger would print whole
      // errors, provider bodies included, so it logs names only.
      error(error) {
        log.debug({ authError: error.name }, "auth.js reported an error");
      },
      warn(code) {
        log.warn({ code }, "auth.js warning");
      },
      debug() {},
    },
  };
}

export const { handlers, signIn } = NextAuth(authJsConfig);
