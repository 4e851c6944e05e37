// Reads for the administrators' page: who they are, their district, and the
// schools they administer (a district admin: every school of the district; a
// school admin: the schools Clever lists for them) with what this app holds
// for each. Counts only, no one's names: the read-only view of classes comes
// with district rostering and grows from here.
import "server-only";
import { db } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";

export interface AdministeredSchool {
  id: string;
  name: string;
  classes: number;
  teachers: number;
  students: number;
}

export interface AdminOverview {
  districtName: string | null;
  schools: AdministeredSchool[];
}

export async function adminOverview(user: Pick<User, "role" | "districtId" | "administeredSchoolIds">): Promise<AdminOverview> {
  if (!user.districtId) return { districtName: null, schools: [] };
  const where =
    user.role === "district_admin"
      ? { districtId: user.districtId }
      : { districtId: user.districtId, id: { in: user.administeredSchoolIds } };
  const [district, schools] = await Promise.all([
    db.district.findUnique({ where: { id: user.districtId }, select: { name: true } }),
    db.school.findMany({
      where,
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        sections: {
          where: { archivedAt: null },
          select: {
            teachers: { where: { archivedAt: null }, select: { teacherId: true } },
            enrollments: { where: { archivedAt: null }, select: { studentId: true } },
          },
        },
      },
    }),
  ]);
  return {
    districtName: district?.name || null,
    schools: schools.map((school) => ({
      id: school.id,
      name: school.name,
      classes: school.sections.length,
      teachers: new Set(school.sections.flatMap((s) => s.teachers.map((t) => t.teacherId))).size,
      students: new Set(school.sections.flatMap((s) => s.enrollments.map((e) => e.studentId))).size,
    })),
  };
}
