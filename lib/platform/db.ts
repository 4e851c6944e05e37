// The one Prisma client, over the pg driver adapter (no native engine).
import "server-only";
import { appendFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/platform/env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** Calls `onStatement` with the text of every statement sent on the pool's
 * connections, BEGIN and COMMIT included, before it is sent; what it returns
 * is called once the statement has finished. Taken at the pg driver, because
 * Prisma's query events leave out transaction control and raw SQL. The one
 * tap for the bench's statement log (SQL_STATEMENT_LOG), the tests' counting
 * client and the district benchmark. */
export function tapStatements(pool: pg.Pool, onStatement: (text: string) => (() => void) | void): void {
  pool.on("connect", (connection) => {
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [first] = args;
      const text = typeof first === "string" ? first : typeof first === "object" && first !== null && "text" in first ? String(first.text) : "?";
      const finished = onStatement(text);
      const result = query(...args);
      if (finished && result instanceof Promise) result.then(finished, finished);
      return result;
    };
  });
}

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    // Each serverless instance holds a small pool; a pooled DATABASE_URL
    // (PgBouncer, Neon's pooler) multiplexes them.
    const { DATABASE_URL, DATABASE_POOL_SIZE, SQL_STATEMENT_LOG } = env();
    // Our own pool, so the statement log can see its connections; `$disconnect`
    // still ends it (scripts exit) as it ends the adapter's own.
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE });
    // Bench only (`npm run bench:load`): every statement, one a line.
    if (SQL_STATEMENT_LOG) tapStatements(pool, (text) => appendFileSync(SQL_STATEMENT_LOG, `${text.replace(/\s+/g, " ").trim()}\n`));
    globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  }
  return globalForPrisma.prisma;
}

/** Created on first use, so importing this module (e.g. during `next build`)
 * needs no database configuration. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value: unknown = Reflect.get(instance, property);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});
