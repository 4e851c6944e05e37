// "Don't see a class?" (issue #18), answered from what the app knows: the one
// place that decides which reasons apply to a teacher. Each reason carries
// what its answer needs (a class to show again, a date, a reference, …).
import "server-only";
import { db } from "@/lib/platform";
import { NO_TOKEN, syncFailureMessage } from "@/lib/roster/sync/messages";
import { lastFinishedSyncRun } from "@/lib/roster/sync/queries";
import { syncsWithDistrictToken } from "@/lib/roster/sync/sync";

export interface MissingClassReasons {
  /** Classes the teacher hid in the chooser (LIB-R07): one click shows them. */
  hidden: { id: string; name: string }[];
  /** Classes Clever stopped sharing, archived by a sync, with when. */
  archived: { id: string; name: string; archivedAt: Date }[];
  /** The latest sync failed: its friendly reason and reference. */
  lastSyncFailed: { reference: string | null; code: string | null; reason: string; at: Date } | null;
  /** The teacher's Clever sign-in expired (or was swept when it did) and
   * their syncs need it: a sync needs a reconnect. A district-shared
   * teacher's syncs use the district's token, so theirs is not needed. */
  tokenExpired: boolean;
  /** Always true: the fallback answer ("ask your Clever admin"), with the teacher's Clever ID. */
  cleverId: string | null;
}

export async function missingClassReasons(teacherId: string, now: Date = new Date()): Promise<MissingClassReasons> {
  const [user, hidden, archived, run, token] = await Promise.all([
    db.user.findUnique({ where: { id: teacherId }, select: { cleverId: true, authorizedBy: true, districtId: true } }),
    db.sectionChoice.findMany({
      where: { teacherId, shown: false, section: { archivedAt: null, teachers: { some: { teacherId, archivedAt: null } } } },
      select: { section: { select: { id: true, name: true } } },
    }),
    db.sectionTeacher.findMany({
      where: { teacherId, OR: [{ archivedAt: { not: null } }, { section: { archivedAt: { not: null } } }] },
      select: { archivedAt: true, section: { select: { id: true, name: true, archivedAt: true } } },
    }),
    lastFinishedSyncRun(teacherId),
    db.cleverToken.findUnique({ where: { userId: teacherId }, select: { expiresAt: true, createdAt: true } }),
  ]);
  const failed = run?.outcome === "failed" ? run : null;
  const tokenValid = token !== null && token.expiresAt > now;
  // A sync that failed for want of a token is answered by a reconnect: a
  // valid token stored since then is that answer, even before its sync ends.
  const reconnectedSince = failed !== null && tokenValid && token.createdAt >= (failed.finishedAt ?? failed.startedAt);
  return {
    hidden: hidden.map(({ section }) => section).sort((a, b) => a.name.localeCompare(b.name)),
    archived: archived
      .map(({ section, archivedAt }) => ({ id: section.id, name: section.name, archivedAt: section.archivedAt ?? archivedAt ?? now }))
      .sort((a, b) => b.archivedAt.getTime() - a.archivedAt.getTime() || a.name.localeCompare(b.name)),
    lastSyncFailed: failed && failed.errorCode !== NO_TOKEN ? { reference: failed.errorRef, code: failed.errorCode, reason: syncFailureMessage(failed.errorCode), at: failed.finishedAt ?? failed.startedAt } : null,
    tokenExpired: (failed?.errorCode === NO_TOKEN && !reconnectedSince) || (user !== null && user.cleverId !== null && !syncsWithDistrictToken(user) && !tokenValid),
    cleverId: user?.cleverId ?? null,
  };
}
