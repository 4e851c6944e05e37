// Stopping a sync at an exact point, so tests can interleave two syncs (or a
// sync and a crash) deterministically: the sync's Prisma client is wrapped,
// and the hooks run before its write transaction opens, right after the
// state query inside it, and before COMMIT.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export interface SyncHooks {
  /** Before the write transaction opens: Clever has been read. */
  beforeTransaction?: () => Promise<void>;
  /** Inside the write transaction, right after the state query and before any write. */
  afterStateRead?: () => Promise<void>;
  /** Inside the write transaction after every write (the run's own row included), before COMMIT. */
  beforeCommit?: (tx: Prisma.TransactionClient) => Promise<void>;
  /** Once true, the process is gone: every use of the client fails. */
  gone?: () => boolean;
}

/** lib/roster/sync/state.ts's one query (the only one that asks for enrollments). */
const isStateQuery = (query: unknown) => query instanceof Prisma.Sql && query.sql.includes("'enrollments'");

/** Calling it fails; any property of it is itself (db.syncRun.updateMany). */
const goneClient: unknown = new Proxy(() => Promise.reject(new Error("the process is gone")), {
  get: (_target, prop) => (prop === "then" ? undefined : goneClient),
});

function bindAll<T extends object>(target: T, override: (prop: string | symbol) => unknown): T {
  return new Proxy(target, {
    get(object, prop) {
      const replaced = override(prop);
      if (replaced !== undefined) return replaced;
      const value: unknown = Reflect.get(object, prop, object);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** A sync's Prisma client with `hooks` at those points. */
export function hookedDb(db: PrismaClient, hooks: SyncHooks): PrismaClient {
  const wrapTx = (tx: Prisma.TransactionClient) =>
    bindAll(tx, (prop) =>
      prop === "$queryRaw"
        ? async (...args: Parameters<Prisma.TransactionClient["$queryRaw"]>) => {
            const rows: unknown = await tx.$queryRaw(...args);
            if (isStateQuery(args[0])) await hooks.afterStateRead?.();
            return rows;
          }
        : undefined,
    );
  return bindAll(db, (prop) => {
    if (hooks.gone?.()) return goneClient;
    if (prop !== "$transaction") return undefined;
    return async <R>(fn: (tx: Prisma.TransactionClient) => Promise<R>, options?: { maxWait?: number; timeout?: number }) => {
      await hooks.beforeTransaction?.();
      return db.$transaction(async (tx) => {
        const result = await fn(wrapTx(tx));
        await hooks.beforeCommit?.(tx);
        return result;
      }, options);
    };
  });
}
