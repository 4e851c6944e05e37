// The app's one pg-boss instance for enqueueing and status reads (web
// requests, server actions, the cron drain): started on first use, no
// supervision (that is the worker's and the drain's); each job's queue is
// ensured by its first enqueue, the drain's by the drain. Kept on globalThis
// like the Prisma client, so dev reloads do not open another pool.
import "server-only";
import type { PgBoss } from "pg-boss";

const globalForJobs = globalThis as unknown as { appBoss?: Promise<PgBoss> };

export function appBoss(): Promise<PgBoss> {
  if (!globalForJobs.appBoss) {
    // pg-boss is loaded here, on first use: importing the job door (to define
    // or enqueue a job) loads none of it.
    const starting = import("./boss").then(({ startBoss }) => startBoss({ supervise: false }));
    // A failed start (database down) is not kept: the next call tries again.
    starting.catch(() => {
      if (globalForJobs.appBoss === starting) globalForJobs.appBoss = undefined;
    });
    globalForJobs.appBoss = starting;
  }
  return globalForJobs.appBoss;
}
