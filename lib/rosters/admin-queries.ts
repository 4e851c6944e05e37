// Reads for the administrators' page: who they are, their district, and the
// schools they administer (a district admin: every school of the district; a
// school admin: the schools Clever lists for them) with what this app holds
// for each. Counts only, no one's names: the read-only view of classes comes
// with district rostering and grows from here.
import "server-only";
import { db } from "@/lib/db";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import { adminRoleOf } from "@/lib/people/roles";

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

export async function adminOverview(user: Pick<User, "role" | "roles" | "districtId" | "administeredSchoolIds">): Promise<AdminOverview> {
  if (!user.districtId) return { districtName: null, schools: [] };
  const where =
    adminRoleOf(user) === "district_admin"
      ? { districtId: user.districtId }
      : { districtId: user.districtId, id: { in: user.administeredSchoolIds } };
  const [district, schools] = await Promise.all([
    db.district.findUnique({ where: { id: user.districtId }, select: { name: true } }),
    db.school.findMany({ where, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  // Counted in the database: a district's rosters are far too many rows to load.
  const counts = await db.$queryRaw<{ schoolId: string; classes: number; teachers: number; students: number }[]>(Prisma.sql`
    SELECT s."schoolId",
      count(DISTINCT s.id)::int AS classes,
      count(DISTINCT t."teacherId")::int AS teachers,
      count(DISTINCT e."studentId")::int AS students
    FROM "Section" s
    LEFT JOIN "SectionTeacher" t ON t."sectionId" = s.id AND t."archivedAt" IS NULL
    LEFT JOIN "Enrollment" e ON e."sectionId" = s.id AND e."archivedAt" IS NULL
    WHERE s."archivedAt" IS NULL AND s."schoolId" = ANY(${schools.map((school) => school.id)}::text[])
    GROUP BY s."schoolId"`);
  const bySchool = new Map(counts.map((row) => [row.schoolId, row]));
  return {
    districtName: district?.name || null,
    schools: schools.map((school) => ({
      id: school.id,
      name: school.name,
      classes: bySchool.get(school.id)?.classes ?? 0,
      teachers: bySchool.get(school.id)?.teachers ?? 0,
      students: bySchool.get(school.id)?.students ?? 0,
    })),
  };
}
