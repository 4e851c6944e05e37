// The one Prisma client, over the pg driver adapter (no native engine).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/platform/env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    // Each serverless instance holds a small pool; a pooled DATABASE_URL
    // (PgBouncer, Neon's pooler) multiplexes them.
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE }) });
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
