// The app's one pg-boss instance for enqueueing and status reads (web
// requests, server actions, the cron drain): started on first use, no
// supervision (that is the worker's and the drain's), queues of the registry
// ensured once. Kept on globalThis like the Prisma client, so dev reloads do
// not open another pool.
import "server-only";
import type PgBoss from "pg-boss";
import { startBoss } from "./boss";
import { ensureQueues } from "./queues";
import { registeredJobs } from "./registry";

const globalForJobs = globalThis as unknown as { appBoss?: Promise<PgBoss> };

export function appBoss(): Promise<PgBoss> {
  globalForJobs.appBoss ??= startBoss({ supervise: false }).then(async (boss) => {
    await ensureQueues(boss, registeredJobs);
    return boss;
  });
  // A failed start (database down) is not cached: the next call tries again.
  globalForJobs.appBoss.catch(() => {
    globalForJobs.appBoss = undefined;
  });
  return globalForJobs.appBoss;
}
