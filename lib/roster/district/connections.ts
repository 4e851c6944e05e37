// A district leaving and coming back. Clever's token list (/oauth/tokens)
// says which districts share their data with the app. One the app holds as
// connected that has left it is marked disconnected: its token is forgotten
// and its people's sessions end at their next request
// (lib/session/session-store.ts). Its data is deleted DISTRICT_RETENTION_DAYS
// later, unless it connects again first, which restores everything (nothing
// was deleted meanwhile; the next schedule syncs it as before).
import type { Db, SyncDeps } from "@/lib/clever";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/platform";
import { fetchDistrictTokens } from "@/lib/people";

/** Districts the app holds as connected: rostered, or with people Clever
 * shared through the district. */
async function heldConnected(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT d.id FROM "District" d
    WHERE d."disconnectedAt" IS NULL
      AND (EXISTS (SELECT 1 FROM "DistrictSync" s WHERE s."districtId" = d.id)
        OR EXISTS (SELECT 1 FROM "User" u WHERE u."districtId" = d.id AND u."authorizedBy" = 'district'))`;
  return rows.map((row) => row.id);
}

/** Marks the districts that left Clever's list (`connected`: the whole list,
 * read without error) and clears the mark of those back in it. A district
 * missing from the list is asked about alone before it counts as gone: the
 * list's paging is not documented, and a partial list must disconnect nobody. */
export async function noteConnections(deps: SyncDeps, connected: readonly string[]): Promise<{ disconnected: string[]; reconnected: string[] }> {
  const listed = new Set(connected);
  const disconnected: string[] = [];
  for (const districtId of await heldConnected(deps.db)) {
    if (listed.has(districtId)) continue;
    try {
      if ((await fetchDistrictTokens(deps, districtId)).some((entry) => entry.districtId === districtId)) continue;
    } catch (error) {
      // Clever could not say: nothing changes now, and the others are scheduled.
      log.warn({ districtId, reason: error instanceof Error ? error.message : String(error) }, "could not ask Clever whether a district still shares its data; asked again at the next schedule");
      continue;
    }
    await deps.db.$transaction([
      deps.db.district.update({ where: { id: districtId }, data: { disconnectedAt: deps.now() } }),
      deps.db.cleverToken.deleteMany({ where: { districtId } }),
    ]);
    log.warn({ districtId }, "a district stopped sharing its data with the app: its people's access ends, and its data is deleted after the retention period unless it connects again");
    disconnected.push(districtId);
  }
  const back = await deps.db.district.findMany({ where: { id: { in: [...listed] }, disconnectedAt: { not: null } }, select: { id: true } });
  const reconnected = back.map((district) => district.id);
  if (reconnected.length > 0) {
    await deps.db.district.updateMany({ where: { id: { in: reconnected } }, data: { disconnectedAt: null } });
    log.info({ districts: reconnected }, "districts shared their data with the app again: everything kept is theirs again");
  }
  return { disconnected, reconnected };
}

export interface PurgedDistrict {
  districtId: string;
  users: number;
  sections: number;
}

/** Deletes what a disconnected district shared: the people it shared (with
 * everything of theirs, as `npm run delete-user` does), then the classes,
 * schools and terms nothing left refers to, and its sync state. Library
 * teachers in it keep their accounts and their own classes. Null for a
 * district that is not disconnected. */
export async function purgeDistrict(db: PrismaClient, districtId: string): Promise<PurgedDistrict | null> {
  return db.$transaction(async (tx) => {
    // Locked: a reconnect committed meanwhile wins, and nothing is deleted.
    const [district] = await tx.$queryRaw<{ disconnectedAt: Date | null }[]>`SELECT "disconnectedAt" FROM "District" WHERE id = ${districtId} FOR UPDATE`;
    if (!district?.disconnectedAt) return null;
    const users = (await tx.user.deleteMany({ where: { districtId, authorizedBy: "district" } })).count;
    const sections = await tx.$executeRaw`
      DELETE FROM "Section" s WHERE s."districtId" = ${districtId}
        AND NOT EXISTS (SELECT 1 FROM "SectionTeacher" t WHERE t."sectionId" = s.id)`;
    await tx.$executeRaw`
      DELETE FROM "School" c WHERE c."districtId" = ${districtId}
        AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."schoolId" = c.id)
        AND NOT EXISTS (SELECT 1 FROM "Section" s WHERE s."schoolId" = c.id)`;
    await tx.$executeRaw`
      DELETE FROM "Term" t WHERE t."districtId" = ${districtId}
        AND NOT EXISTS (SELECT 1 FROM "Section" s WHERE s."termId" = t.id)`;
    await tx.districtSync.deleteMany({ where: { districtId } });
    await tx.archiveCandidate.deleteMany({ where: { districtId } });
    const left = await tx.$queryRaw<{ held: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "User" WHERE "districtId" = ${districtId})
        OR EXISTS (SELECT 1 FROM "Section" WHERE "districtId" = ${districtId})
        OR EXISTS (SELECT 1 FROM "School" WHERE "districtId" = ${districtId}) AS held`;
    if (!left[0]?.held) await tx.district.delete({ where: { id: districtId } });
    log.info({ districtId, users, sections }, "a disconnected district's data was deleted");
    return { districtId, users, sections };
  });
}

/** Purges every district disconnected more than `retentionDays` ago. */
export async function purgeDisconnectedDistricts(db: PrismaClient, now: Date, retentionDays: number): Promise<PurgedDistrict[]> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const due = await db.district.findMany({ where: { disconnectedAt: { lt: before } }, select: { id: true } });
  const purged: PurgedDistrict[] = [];
  for (const { id } of due) {
    const result = await purgeDistrict(db, id);
    if (result) purged.push(result);
  }
  return purged;
}
