// What provisioning, the login's identity and the syncs need from the outside
// world, in one object that the functions doing the work take as `deps`. The
// app's is appDeps() (its configuration and its database, made once per
// process), which the entry points the app calls pass on; tests and scripts
// build their own (tests/support/sync-testbed.ts, testDeps).
import { type CleverApiVersion, MAX_PAGE_LIMIT } from "@/lib/clever/client";
import type { RetryPolicy } from "@/lib/clever/retry";
import { createTokenVault, env, type TokenVault } from "@/lib/platform";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient | Prisma.TransactionClient;

export interface SyncDeps {
  db: PrismaClient;
  apiUrl: string;
  apiVersion: CleverApiVersion;
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  vault: TokenVault;
  trialDays: number;
  now: () => Date;
  /** Whole-sync budget for Clever calls, retries included. */
  deadlineMs: number;
  retry?: Partial<RetryPolicy>;
  /** Records per page of a district sync's reads (Clever's maximum; tests page smaller). */
  districtPageLimit: number;
  /** Concurrent Clever requests per sync. */
  concurrency: number;
  /** LOGIN_SYNC_FRESH_SECONDS: a login within this of a successful sync skips its own. */
  loginSyncFreshSeconds: number;
  /** What the process remembers of Clever's /userinfo: after it answered
   * 404/501, logins read /me instead until `unavailableUntil` (epoch ms;
   * lib/login/identity.ts). One for the app; a test makes its own. */
  userinfo: { unavailableUntil: number };
}

/** A user's sync may take this long, Clever's answers included. */
const SYNC_DEADLINE_MS = 25_000;
/** Clever requests one sync has in flight at once. */
const SYNC_CONCURRENCY = 8;

let app: SyncDeps | undefined;

/** The app's dependencies: its configuration (lib/platform/env.ts) and its database. */
export async function appDeps(): Promise<SyncDeps> {
  if (!app) {
    const e = env();
    // lib/platform/db is imported lazily: it is `server-only`.
    const { db } = await import("@/lib/platform/db");
    app ??= {
      db,
      apiUrl: e.CLEVER_API_URL,
      apiVersion: e.CLEVER_API_VERSION,
      oauthUrl: e.CLEVER_OAUTH_URL,
      clientId: e.CLEVER_CLIENT_ID,
      clientSecret: e.CLEVER_CLIENT_SECRET,
      vault: createTokenVault(e.TOKEN_ENCRYPTION_KEYS),
      trialDays: e.TRIAL_DAYS,
      now: () => new Date(),
      deadlineMs: SYNC_DEADLINE_MS,
      concurrency: SYNC_CONCURRENCY,
      districtPageLimit: MAX_PAGE_LIMIT,
      loginSyncFreshSeconds: e.LOGIN_SYNC_FRESH_SECONDS,
      userinfo: { unavailableUntil: 0 },
    };
  }
  return app;
}
