// What the database holds for one sync, read in ONE statement (a JSON
// document built by Postgres), so a sync with no upstream change costs a
// handful of statements in all.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/clever";

const nullable = z.string().nullable();
/** updatedAt in epoch milliseconds (Prisma stores UTC in timestamp(3)). */
const updatedAt = z.number();

const stateSchema = z.object({
  sections: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      subject: nullable,
      grade: nullable,
      sectionNumber: nullable,
      period: nullable,
      schoolId: nullable,
      districtId: nullable,
      termId: nullable,
      archived: z.boolean(),
      updatedAt,
    }),
  ),
  links: z.array(z.object({ sectionId: z.string(), teacherId: z.string(), isPrimary: z.boolean(), archived: z.boolean(), updatedAt })),
  enrollments: z.array(z.object({ sectionId: z.string(), studentId: z.string(), archived: z.boolean(), updatedAt })),
  choices: z.array(z.string()),
  schools: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      districtId: nullable,
      city: nullable,
      state: nullable,
      lowGrade: nullable,
      highGrade: nullable,
    }),
  ),
  districts: z.array(z.object({ id: z.string(), name: z.string() })),
});

export type SyncState = z.infer<typeof stateSchema>;

export interface StateQuery {
  userId: string;
  sectionIds: string[];
  schoolIds: string[];
  districtIds: string[];
}

// Epoch of a timestamp without time zone reads it as UTC, which is what Prisma writes.
const epochMs = (alias: string) => Prisma.raw(`floor(extract(epoch FROM ${alias}."updatedAt") * 1000)::bigint`);

export async function loadState(db: Db, q: StateQuery): Promise<SyncState> {
  const rows = await db.$queryRaw<{ state: unknown }[]>(Prisma.sql`
    WITH secs AS (
      SELECT * FROM "Section" WHERE id = ANY(${q.sectionIds}::text[])
        OR id IN (SELECT "sectionId" FROM "SectionTeacher" WHERE "teacherId" = ${q.userId} AND "archivedAt" IS NULL)
        OR id IN (SELECT "sectionId" FROM "Enrollment" WHERE "studentId" = ${q.userId} AND "archivedAt" IS NULL)
    )
    SELECT json_build_object(
      'sections', COALESCE((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'subject', s.subject,
          'grade', s.grade, 'sectionNumber', s."sectionNumber", 'period', s.period, 'schoolId', s."schoolId",
          'districtId', s."districtId", 'termId', s."termId", 'archived', s."archivedAt" IS NOT NULL, 'updatedAt', ${epochMs("s")})) FROM secs s), '[]'::json),
      'links', COALESCE((SELECT json_agg(json_build_object('sectionId', t."sectionId", 'teacherId', t."teacherId",
          'isPrimary', t."isPrimary", 'archived', t."archivedAt" IS NOT NULL, 'updatedAt', ${epochMs("t")}))
        FROM "SectionTeacher" t WHERE t."sectionId" IN (SELECT id FROM secs)), '[]'::json),
      'enrollments', COALESCE((SELECT json_agg(json_build_object('sectionId', e."sectionId", 'studentId', e."studentId",
          'archived', e."archivedAt" IS NOT NULL, 'updatedAt', ${epochMs("e")}))
        FROM "Enrollment" e WHERE e."sectionId" IN (SELECT id FROM secs)), '[]'::json),
      'choices', COALESCE((SELECT json_agg(c."sectionId") FROM "SectionChoice" c WHERE c."teacherId" = ${q.userId}), '[]'::json),
      'schools', COALESCE((SELECT json_agg(json_build_object('id', sc.id, 'name', sc.name, 'districtId', sc."districtId",
          'city', sc.city, 'state', sc.state, 'lowGrade', sc."lowGrade", 'highGrade', sc."highGrade"))
        FROM "School" sc WHERE sc.id = ANY(${q.schoolIds}::text[])), '[]'::json),
      'districts', COALESCE((SELECT json_agg(json_build_object('id', d.id, 'name', d.name))
        FROM "District" d WHERE d.id = ANY(${q.districtIds}::text[])), '[]'::json)
    ) AS state`);
  return stateSchema.parse(rows[0]?.state);
}
