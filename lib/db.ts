// The one Prisma client, over the pg driver adapter (no native engine).
import "server-only";
import { appendFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** Every statement on every pooled connection, BEGIN and COMMIT included,
 * appended to `file`. Counted at the pg driver rather than from Prisma's
 * query events, because those leave out transaction control and raw SQL; and
 * in the app rather than Postgres' log_statement, because the bench's
 * Postgres also serves the job worker and the bench itself. */
export function logStatements(pool: pg.Pool, file: string): void {
  pool.on("connect", (connection) => {
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [first] = args;
      const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "");
      appendFileSync(file, `${text.replace(/\s+/g, " ").trim()}\n`);
      return query(...args);
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
    if (SQL_STATEMENT_LOG) logStatements(pool, SQL_STATEMENT_LOG);
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
