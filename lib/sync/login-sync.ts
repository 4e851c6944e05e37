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

async function run(userId: string): Promise<void> {
  try {
    const result = await syncUser(userId, "login");
    if (result.status === "already_running") log.info({ userId }, "login sync skipped: a sync is already running");
    // Tokens are kept only while valid: sweep the expired ones now and then.
    await purgeExpiredTokens((await defaultDeps()).db);
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
