// The sync that follows every Clever login (LIG-04, LIB-12), run after the
// response with Next's `after()` so the login itself is never slowed down or
// failed by Clever: the user sees their last data and the dashboard says when
// it was last synced.
import "server-only";
import { after } from "next/server";
import { log } from "@/lib/log";
import { defaultDeps } from "./deps";
import { syncUser } from "./sync";
import { purgeExpiredTokens } from "./tokens";

// Tokens are kept only while valid. The hourly cron (/api/cron/purge) sweeps
// them; logins also do, at most every few minutes per server process, so a
// deployment without the cron keeps none either (and a burst costs one sweep).
const SWEEP_EVERY_MS = 5 * 60_000;
let lastSweep = 0;

async function sweepExpiredTokens(): Promise<void> {
  if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = Date.now();
  await purgeExpiredTokens((await defaultDeps()).db);
}

async function run(userId: string): Promise<void> {
  try {
    const result = await syncUser(userId, "login");
    if (result.status === "already_running") log.info({ userId }, "login sync skipped: a sync is already running");
    await sweepExpiredTokens();
  } catch (error) {
    // syncUser records its own failures; this is a last resort (e.g. the database is down).
    log.error({ userId, reason: error instanceof Error ? error.message : String(error) }, "login sync crashed");
  }
}

export function scheduleLoginSync(userId: string): void {
  try {
    after(() => run(userId));
  } catch {
    // Outside a request (scripts): run detached.
    void run(userId);
  }
}
