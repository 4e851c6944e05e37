// Reads for the logged-in-as banner.
import "server-only";
import { db } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";
import { holdsRole } from "@/lib/people/roles";

export { displayName, initialsOf, roleLabel } from "@/lib/people/names";

export const LIBRARY_LABEL = "Clever Library";

export interface BannerDetails {
  /** School, else district, else "Clever Library" for teacher-shared users. */
  place: string | null;
  trialEndsAt: Date | null;
}

export async function bannerDetails(user: User): Promise<BannerDetails> {
  const [school, district, directorySchool] = await Promise.all([
    user.schoolId ? db.school.findUnique({ where: { id: user.schoolId }, select: { name: true } }) : null,
    user.districtId ? db.district.findUnique({ where: { id: user.districtId }, select: { name: true } }) : null,
    user.directorySchoolId ? db.directorySchool.findUnique({ where: { id: user.directorySchoolId }, select: { name: true } }) : null,
  ]);
  const libraryUser = user.authorizedBy === "teacher";
  const place =
    school?.name || directorySchool?.name || user.schoolNameEntered || district?.name || (libraryUser ? LIBRARY_LABEL : null);
  return { place, trialEndsAt: libraryUser && holdsRole(user, "teacher") ? user.trialEndsAt : null };
}
