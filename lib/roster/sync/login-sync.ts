// The sync that follows a Clever login (LIG-04, LIB-12), run after the
// response with Next's `after()` so the login itself is never slowed down or
// failed by Clever: the user sees their last data, "Importing your classes…"
// while the sync runs, and when it was last synced.
//
// LIG-04 (data updated at each login or on demand) rests on both: "Sync my
// classes" (app/actions/sync.ts) always reads Clever, and a login does unless
// the user's roster was synced successfully within LOGIN_SYNC_FRESH_SECONDS
// (their own sync, or a student's teachers'; lib/roster/sync/lease.ts, freshRoster):
// then the login records a `skipped` run and reads nothing, since a sync
// minutes old is what it would have fetched. 0 syncs at every login.
import "server-only";
import { after } from "next/server";
import { log } from "@/lib/platform";
import type { SyncDeps } from "@/lib/clever";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type Claim, claimLoginRun, type Skipped } from "./lease";
import { runSync } from "./sync";
import { purgeExpiredTokens } from "@/lib/people";

// Tokens are kept only while valid. The hourly cron (/api/cron/purge) sweeps
// them; logins also do, at most every few minutes per server process, so a
// deployment without the cron keeps none either (and a burst costs one sweep).
const SWEEP_EVERY_MS = 5 * 60_000;
let lastSweep = 0;

async function sweepExpiredTokens(db: PrismaClient): Promise<void> {
  if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = Date.now();
  await purgeExpiredTokens(db);
}

async function run(claim: Claim | null, deps: SyncDeps): Promise<void> {
  try {
    if (claim) await runSync(claim, deps);
    await sweepExpiredTokens(deps.db);
  } catch (error) {
    // runSync records its own failures; this is a last resort (e.g. the database is down).
    log.error({ userId: claim?.userId, reason: error instanceof Error ? error.message : String(error) }, "login sync crashed");
  }
}

/** A login's claim: skipped, recorded as such, when the user's roster was
 * synced successfully within LOGIN_SYNC_FRESH_SECONDS (lease.ts,
 * freshRoster), unless this login changed what the sync reads (a new role,
 * Clever ID, sharing or district: provisionCleverUser's rosterScopeChanged),
 * which no earlier sync vouches for. Only logins skip; "Sync my classes"
 * uses syncUser. */
export async function claimLoginSync(userId: string, deps: SyncDeps, login = { rosterScopeChanged: false }): Promise<Claim | Skipped | null> {
  return claimLoginRun(deps.db, userId, deps.now(), deps.deadlineMs, login.rosterScopeChanged ? 0 : deps.loginSyncFreshSeconds);
}

/** Claims the login's sync during the login request, so its running row (what
 * the pages show as "Importing your classes…") exists before the browser
 * lands anywhere; the sync itself runs after the response, with the same
 * `deps` (the login's, lib/login/auth.ts). Never throws: a login without its
 * sync still shows the last data. */
export async function startLoginSync(userId: string, deps: SyncDeps, login: { rosterScopeChanged: boolean }): Promise<void> {
  let claim: Claim | null = null;
  try {
    const result: Claim | Skipped | null = await claimLoginSync(userId, deps, login);
    if (!result) log.info({ userId }, "login sync skipped: a sync is already running");
    else if ("skipped" in result) log.info({ userId, runId: result.runId }, "login sync skipped: the roster was synced within LOGIN_SYNC_FRESH_SECONDS");
    else claim = result;
  } catch (error) {
    log.error({ userId, reason: error instanceof Error ? error.message : String(error) }, "login sync could not start");
  }
  const claimed = claim;
  try {
    after(() => run(claimed, deps));
  } catch {
    // Outside a request (scripts): run detached.
    void run(claimed, deps);
  }
}
