// One person's two rows become one: every row of the absorbed account (its
// classes, enrollments, choices, sync history, Auth.js accounts, sessions and
// Clever token) moves to the kept one, inside the caller's transaction, and the
// absorbed row goes. Used by a merge the person asks for (./merge.ts) and by a
// login whose Clever IDs point at two rows (lib/people/provision.ts).
import type { TokenVault } from "@/lib/platform";
import type { Prisma, Role, User } from "@/lib/generated/prisma/client";
import { moveUserToken } from "@/lib/people/tokens";
import { mergedProfile } from "./merge-rules";

type Tx = Prisma.TransactionClient;

export async function absorbAccount(tx: Tx, vault: TokenVault, kept: User, absorbed: User): Promise<User> {
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
      roles: [...new Set<Role>([...kept.roles, ...absorbed.roles])],
      administeredSchoolIds: [...new Set([...kept.administeredSchoolIds, ...absorbed.administeredSchoolIds])],
      cleverId: kept.cleverId ?? absorbed.cleverId,
      // Every Clever ID either row had still finds the person.
      cleverLegacyIds: otherCleverIds(kept.cleverId ?? absorbed.cleverId, [kept, absorbed]),
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

/** The IDs of these rows other than `cleverId`, once each. */
function otherCleverIds(cleverId: string | null, rows: Pick<User, "cleverId" | "cleverLegacyIds">[]): string[] {
  const ids = rows.flatMap((row) => [row.cleverId, ...row.cleverLegacyIds]);
  return [...new Set(ids)].filter((id): id is string => id !== null && id !== cleverId);
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
