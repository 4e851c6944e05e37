// Merging two accounts of one person (LIB-07, LIG-08, LIG-09, SYNC-02): the
// absorbed account's rows move to the kept account in one transaction, so
// nothing is lost and nothing is half-done. Who may merge is decided by
// merge-rules.ts, re-checked here under row locks.
import "server-only";
import { type TokenVault, tokenVault } from "@/lib/crypto/token-vault";
import { db } from "@/lib/db";
import type { Prisma, User } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { moveUserToken } from "@/lib/people/tokens";
import { decideMerge, mergedProfile, type MergeRefusal } from "./merge-rules";

type Tx = Prisma.TransactionClient;

export type MergeResult = { ok: true; user: User } | { ok: false; reason: MergeRefusal };

class Refused extends Error {
  constructor(readonly reason: MergeRefusal) {
    super(reason);
  }
}

/** Joins the signed-in `currentId` with `otherId` (proven by password; the
 * caller has checked the fresh Clever login too). */
export async function mergeAccounts(currentId: string, otherId: string, vault: TokenVault = tokenVault()): Promise<MergeResult> {
  try {
    const user = await db.$transaction(async (tx) => {
      // Lock both rows so a concurrent login or sync cannot write in between.
      await tx.$queryRaw`SELECT id FROM "User" WHERE id IN (${currentId}, ${otherId}) ORDER BY id FOR UPDATE`;
      const [current, other] = await Promise.all([
        tx.user.findUniqueOrThrow({ where: { id: currentId } }),
        tx.user.findUniqueOrThrow({ where: { id: otherId } }),
      ]);
      const decision = decideMerge(current, other);
      if (!decision.ok) throw new Refused(decision.reason);
      const kept = decision.keepId === other.id ? other : current;
      const absorbed = decision.absorbId === current.id ? current : other;
      return absorb(tx, vault, kept, absorbed);
    });
    log.info({ event: "accounts.merged", keptUserId: user.id, absorbedUserId: currentId === user.id ? otherId : currentId }, "accounts merged");
    return { ok: true, user };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}

async function absorb(tx: Tx, vault: TokenVault, kept: User, absorbed: User): Promise<User> {
  const from = absorbed.id;
  const to = kept.id;
  // Unique columns first, so the kept row can take them.
  await tx.user.update({ where: { id: from }, data: { cleverId: null, loginEmail: null } });

  await moveSectionTeachers(tx, from, to);
  await moveEnrollments(tx, from, to);
  await moveSectionChoices(tx, from, to);
  // A sync still running for the absorbed account can never finish (its user
  // goes): its lease (the running row) goes too rather than become the kept
  // account's, so nothing shows as importing and that sync commits nothing.
  await tx.syncRun.deleteMany({ where: { userId: from, outcome: "running" } });
  await tx.syncRun.updateMany({ where: { userId: from }, data: { userId: to } });
  await tx.account.updateMany({ where: { userId: from }, data: { userId: to } });
  await tx.session.updateMany({ where: { userId: from }, data: { userId: to } });
  await moveCleverToken(tx, vault, from, to);

  const profile = mergedProfile(kept, absorbed);
  const user = await tx.user.update({
    where: { id: to },
    data: {
      ...profile,
      role: (profile.role as User["role"]) ?? null,
      cleverId: kept.cleverId ?? absorbed.cleverId,
      emailVerified: kept.emailVerified ?? absorbed.emailVerified,
      image: absorbed.image ?? kept.image,
      // Where the person works, as Clever says, else as they told us.
      authorizedBy: absorbed.authorizedBy ?? kept.authorizedBy,
      districtId: absorbed.districtId ?? kept.districtId,
      schoolId: absorbed.schoolId ?? kept.schoolId,
      directorySchoolId: kept.directorySchoolId ?? absorbed.directorySchoolId,
      schoolNameEntered: kept.schoolNameEntered ?? absorbed.schoolNameEntered,
      passwordHash: kept.passwordHash ?? absorbed.passwordHash,
      loginEmail: kept.loginEmail ?? absorbed.loginEmail,
    },
  });
  await tx.user.delete({ where: { id: from } });
  return user;
}

async function moveSectionTeachers(tx: Tx, from: string, to: string) {
  const keptRows = await tx.sectionTeacher.findMany({ where: { teacherId: to }, select: { sectionId: true } });
  const both = keptRows.map((row) => row.sectionId);
  // Both taught the same section: the kept row stays, active if either was.
  const activeDuplicates = await tx.sectionTeacher.findMany({ where: { teacherId: from, sectionId: { in: both }, archivedAt: null } });
  await tx.sectionTeacher.updateMany({
    where: { teacherId: to, sectionId: { in: activeDuplicates.map((row) => row.sectionId) } },
    data: { archivedAt: null },
  });
  await tx.sectionTeacher.updateMany({ where: { teacherId: from, sectionId: { notIn: both } }, data: { teacherId: to } });
  await tx.sectionTeacher.deleteMany({ where: { teacherId: from } });
}

async function moveEnrollments(tx: Tx, from: string, to: string) {
  const keptRows = await tx.enrollment.findMany({ where: { studentId: to }, select: { sectionId: true } });
  const both = keptRows.map((row) => row.sectionId);
  const activeDuplicates = await tx.enrollment.findMany({ where: { studentId: from, sectionId: { in: both }, archivedAt: null } });
  await tx.enrollment.updateMany({
    where: { studentId: to, sectionId: { in: activeDuplicates.map((row) => row.sectionId) } },
    data: { archivedAt: null },
  });
  await tx.enrollment.updateMany({ where: { studentId: from, sectionId: { notIn: both } }, data: { studentId: to } });
  await tx.enrollment.deleteMany({ where: { studentId: from } });
}

async function moveSectionChoices(tx: Tx, from: string, to: string) {
  // On a clash the kept account's earlier choice stands.
  const keptRows = await tx.sectionChoice.findMany({ where: { teacherId: to }, select: { sectionId: true } });
  const both = keptRows.map((row) => row.sectionId);
  await tx.sectionChoice.updateMany({ where: { teacherId: from, sectionId: { notIn: both } }, data: { teacherId: to } });
  await tx.sectionChoice.deleteMany({ where: { teacherId: from } });
}

/** The newer of the two tokens survives, under the kept account. */
async function moveCleverToken(tx: Tx, vault: TokenVault, from: string, to: string) {
  const [mine, theirs] = await Promise.all([
    tx.cleverToken.findUnique({ where: { userId: to } }),
    tx.cleverToken.findUnique({ where: { userId: from } }),
  ]);
  if (!theirs) return;
  if (mine && mine.expiresAt >= theirs.expiresAt) {
    await tx.cleverToken.delete({ where: { id: theirs.id } });
    return;
  }
  if (mine) await tx.cleverToken.delete({ where: { id: mine.id } });
  await moveUserToken(tx, vault, from, to);
}
