// The Prisma adapter, adjusted to this app's identity rules:
// - a Clever user is found by User.cleverId (LIB-06), so roster students the
//   sync created before their first login are matched, never duplicated (and
//   the row provisioning has just written is not read back);
// - email never links accounts (DSSO-04): Auth.js only asks for a user by
//   email when the account is unknown, and a Clever user is always known
//   (provisioned before Auth.js looks), but we refuse the lookup anyway;
// - OAuth tokens never reach the Account table (provisioning stores the
//   user's token encrypted);
// - sessions also end SESSION_MAX_HOURS after they started (createdAt);
// - session rows hold a hash of the cookie's token (session-store.ts), and a
//   session Auth.js creates is a Clever login (the only provider), which
//   merging accounts asks for (cleverLoginAt).
import "server-only";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "@/lib/platform";
import type { User } from "@/lib/generated/prisma/client";
import type { LoginAttempt } from "./attempt";
import { CLEVER_PROVIDER_ID } from "./clever-provider";
import { absoluteExpiry, createSessionRow, deleteSessionByToken, loadLiveSession, updateSessionExpiry } from "@/lib/session";

/** Prisma's User as Auth.js's AdapterUser (whose email is typed non-null). */
function toAdapterUser(user: User): AdapterUser {
  return user as unknown as AdapterUser;
}

/** `attempt`: the request's login (./attempt.ts), whose provisioned row
 * answers getUserByAccount without reading it back. */
export function appAdapter(attempt?: LoginAttempt): Adapter {
  const base = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...base,
    async getUserByAccount({ provider, providerAccountId }) {
      if (provider === CLEVER_PROVIDER_ID) {
        const known = attempt?.userWithCleverId(providerAccountId);
        if (known) return toAdapterUser(known);
        const user = await db.user.findUnique({ where: { cleverId: providerAccountId } });
        return user ? toAdapterUser(user) : null;
      }
      return base.getUserByAccount ? base.getUserByAccount({ provider, providerAccountId }) : null;
    },
    // Auth.js would otherwise refuse or link an OAuth login whose email belongs
    // to someone else; linking is the user's explicit choice (accounts flow).
    getUserByEmail: async () => null,
    async linkAccount(account: AdapterAccount) {
      const { access_token: _a, refresh_token: _r, id_token: _i, session_state: _s, ...rest } = account;
      await db.account.upsert({
        where: { provider_providerAccountId: { provider: rest.provider, providerAccountId: rest.providerAccountId } },
        create: { ...rest, expires_at: rest.expires_at ?? null, token_type: rest.token_type ?? null, scope: rest.scope ?? null },
        update: {},
      });
    },
    async getSessionAndUser(sessionToken) {
      const live = await loadLiveSession(sessionToken);
      if (!live) return null;
      return { session: live.session, user: toAdapterUser(live.user) };
    },
    // The row's `expires` is the idle expiry; what Auth.js gets back is when
    // the session ends at the latest, which it gives the cookie: the cookie
    // lives as long as the session may (SESSION_MAX_HOURS).
    async createSession({ sessionToken, userId, expires }) {
      const row = await createSessionRow(userId, { sessionToken, expires, cleverLoginAt: new Date() });
      return { ...row, expires: absoluteExpiry(row.createdAt) };
    },
    async updateSession({ sessionToken, expires }) {
      const row = expires ? await updateSessionExpiry(sessionToken, expires) : null;
      return row ? { ...row, expires: absoluteExpiry(row.createdAt) } : null;
    },
    async deleteSession(sessionToken) {
      await deleteSessionByToken(sessionToken);
    },
  };
}
