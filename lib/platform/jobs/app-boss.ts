// The app's one pg-boss instance for enqueueing and status reads (web
// requests, server actions, the cron drain): started on first use, no
// supervision (that is the worker's and the drain's), queues of the registry
// ensured once. Kept on globalThis like the Prisma client, so dev reloads do
// not open another pool.
import "server-only";
import type { PgBoss } from "pg-boss";
import { startBoss } from "./boss";
import { ensureQueues } from "./queues";
import { registeredJobs } from "@/lib/jobs/registry";

const globalForJobs = globalThis as unknown as { appBoss?: Promise<PgBoss> };

export function appBoss(): Promise<PgBoss> {
  if (!globalForJobs.appBoss) {
    const starting = startBoss({ supervise: false }).then(async (boss) => {
      await ensureQueues(boss, registeredJobs);
      return boss;
    });
    // A failed start (database down) is not kept: the next call tries again.
    starting.catch(() => {
      if (globalForJobs.appBoss === starting) globalForJobs.appBoss = undefined;
    });
    globalForJobs.appBoss = starting;
  }
  return globalForJobs.appBoss;
}
