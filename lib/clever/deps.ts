// What provisioning and the sync need from the outside world, in one place so
// tests and the benchmark can supply their own (a sandbox URL, a counting
// Prisma client) without touching the cached environment.
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
}

let defaults: Omit<SyncDeps, "db"> | undefined;

export async function defaultDeps(overrides: Partial<SyncDeps> = {}): Promise<SyncDeps> {
  const e = env();
  defaults ??= {
    apiUrl: e.CLEVER_API_URL,
    apiVersion: e.CLEVER_API_VERSION,
    oauthUrl: e.CLEVER_OAUTH_URL,
    clientId: e.CLEVER_CLIENT_ID,
    clientSecret: e.CLEVER_CLIENT_SECRET,
    vault: createTokenVault(e.TOKEN_ENCRYPTION_KEYS),
    trialDays: e.TRIAL_DAYS,
    now: () => new Date(),
    deadlineMs: 25_000,
    concurrency: 8,
    districtPageLimit: MAX_PAGE_LIMIT,
    loginSyncFreshSeconds: e.LOGIN_SYNC_FRESH_SECONDS,
  };
  // lib/platform/db is imported lazily: it is `server-only`, and scripts pass their own client.
  const db = overrides.db ?? (await import("@/lib/platform/db")).db;
  return { ...defaults, ...overrides, db };
}
