// What an administrator may read: the one rule every admin page and query
// goes through. A district admin: every active school of their district; a
// school admin: the active schools of their district that Clever lists for
// them. A class is visible when its school is and it belongs to the same
// district (a Library teacher's class is never a district's). Anyone else (a
// teacher, a student, an admin Clever gave no district) gets no scope, and
// the pages answer "not found". The role rules themselves stay in
// lib/people/roles.ts.
import "server-only";
import type { Prisma, User } from "@/lib/generated/prisma/client";
import { adminRoleOf } from "@/lib/people";

/** What the rule reads of the person asking. */
export type AdminReader = Pick<User, "role" | "roles" | "districtId" | "administeredSchoolIds">;

export type AdminScope =
  | { kind: "district"; districtId: string }
  | { kind: "schools"; districtId: string; schoolIds: readonly string[] };

/** The admin's scope, or null when they may read no admin data at all. */
export function adminScopeOf(user: AdminReader): AdminScope | null {
  const role = adminRoleOf(user);
  if (!role || !user.districtId) return null;
  return role === "district_admin"
    ? { kind: "district", districtId: user.districtId }
    : { kind: "schools", districtId: user.districtId, schoolIds: user.administeredSchoolIds };
}

/** The schools the scope reaches, as a filter. */
export function visibleSchools(scope: AdminScope): Prisma.SchoolWhereInput {
  const inDistrict = { districtId: scope.districtId, archivedAt: null };
  return scope.kind === "district" ? inDistrict : { ...inDistrict, id: { in: [...scope.schoolIds] } };
}

/** The active classes the scope reaches, as a filter. */
export function visibleSections(scope: AdminScope): Prisma.SectionWhereInput {
  return { archivedAt: null, districtId: scope.districtId, school: { is: visibleSchools(scope) } };
}
