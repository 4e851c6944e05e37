// The one protocol every roster writer follows for a section (the user's sync,
// lib/roster/sync/apply.ts, and the district's, lib/roster/district/roster-sql.ts):
// - Section locks: a writer locks every section it reconciles (a
//   transaction-scoped advisory lock, taken in key order so two writers cannot
//   deadlock) before it reads their state, so the read stays current until
//   commit.
// - Newer rows win: a section, link or enrollment written after a writer began
//   reading Clever is taken as newer than its data (another writer's), and is
//   never archived, restored or rewritten from it (updatedAt > the writer's
//   read time). A lock alone cannot tell which of two snapshots is older.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/clever";

/** Advisory-lock namespace (first key) for sections; the second is the section's hash. */
const SECTION_LOCK_NAMESPACE = 5_202;

/** Locks the sections whose IDs `ids` (a query with one `id` column) yields,
 * in key order (the ORDER BY subquery is not flattened, so the locks are
 * taken row by row in that order). */
export async function lockSections(tx: Db, ids: Prisma.Sql): Promise<void> {
  await tx.$queryRaw(Prisma.sql`
    SELECT count(pg_advisory_xact_lock(${SECTION_LOCK_NAMESPACE}::int, k)::text)::int AS locked FROM (
      SELECT DISTINCT hashtext(id) AS k FROM (${ids}) ids
      ORDER BY k
    ) keys`);
}
