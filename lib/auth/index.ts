// Auth.js with database sessions (Prisma adapter) and the Clever provider.
// The configuration is built per request (lazily), so `next build` needs no
// secrets and env() is read only at run time.
import "server-only";
import NextAuth from "next-auth";
import { log } from "@/lib/log";
import { startLoginSync } from "@/lib/sync/login-sync";
import { appAdapter } from "./adapter";
import { authConfig } from "./auth.config";
import { classifyLoginError } from "./errors";
import { recordFailure } from "./failure-context";
import { loadCleverIdentity } from "./identity";

export const { handlers, signIn, auth } = NextAuth(() => ({
  ...authConfig(loadCleverIdentity),
  adapter: appAdapter(),
  events: {
    // The roster sync is claimed now (one insert: the pages see it running)
    // and runs after the response: login must feel instant (IL-08).
    async signIn({ user }) {
      if (user.id) await startLoginSync(user.id);
    },
  },
  logger: {
    // Auth.js's default logger prints whole errors (provider bodies included);
    // we log the classification only and record it for the error page.
    error(error) {
      const failure = classifyLoginError(error);
      recordFailure(failure);
      log.debug({ kind: failure.kind, ...failure.details }, "auth.js reported an error");
    },
    warn(code) {
      log.warn({ code }, "auth.js warning");
    },
    debug() {},
  },
}));
