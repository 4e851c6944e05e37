// Phase 1 of a sync: read everything from Clever, write nothing.
//
// Calls grow with pages of data, not with sections × students: the teacher's
// sections (whose `students` and `teachers` ID lists say who is where) and the
// teacher's students come from one list endpoint each, all in one parallel
// round; only records not already in hand (co-teachers, a stray student or
// school) are read one by one afterwards, with bounded concurrency.
import { CleverApiError, type CleverClient } from "@/lib/clever/client";
import type { CleverDistrict, CleverSchool, CleverSection, CleverStudent, CleverTeacher } from "@/lib/clever/schemas";
import { mapLimit } from "./concurrency";

export interface Snapshot {
  kind: "teacher" | "student" | "admin";
  /** The syncing user's own record (teacher or student); null for admins. */
  self: CleverTeacher | CleverStudent | null;
  district: CleverDistrict | null;
  schools: CleverSchool[];
  /** False when the token cannot read the roster: leave the roster as it is. */
  rosterKnown: boolean;
  sections: CleverSection[];
  /** Teacher sync: every student of the sections. Student sync: empty. */
  students: CleverStudent[];
  /** Every other teacher of the sections. */
  teachers: CleverTeacher[];
}

export interface FetchPlan {
  client: CleverClient;
  cleverId: string;
  role: "teacher" | "student" | "school_admin" | "district_admin";
  districtId: string | null;
  /** A district-shared user read with only their own token sees just themselves and their district. */
  rosterReadable: boolean;
  concurrency: number;
}

const uniq = (ids: Iterable<string>) => [...new Set(ids)];

/** Reads records one by one (bounded concurrency), skipping any that Clever no
 * longer has or will not show: a stale ID in a section's list must not stop
 * the whole sync. Every other failure still aborts it. */
async function each<T>(ids: string[], concurrency: number, read: (id: string) => Promise<T>): Promise<T[]> {
  const found = await mapLimit(ids, concurrency, (id) =>
    read(id).catch((error: unknown) => {
      if (error instanceof CleverApiError && (error.code === "not_found" || error.code === "forbidden")) return null;
      throw error;
    }),
  );
  return found.filter((record): record is Awaited<T> & NonNullable<T> => record !== null);
}

/** Teachers of a section: Clever's `teachers` list, else the primary `teacher`. */
export function sectionTeacherIds(section: CleverSection): string[] {
  if (section.teachers && section.teachers.length > 0) return uniq(section.teachers);
  return section.teacher ? [section.teacher] : [];
}

export async function fetchSnapshot(plan: FetchPlan): Promise<Snapshot> {
  const { client, cleverId, districtId } = plan;
  const district = districtId ? client.district(districtId) : Promise.resolve(null);
  const byDistrict = client.tokenKind === "district";

  if (plan.role === "teacher") {
    const [self, sections, students, schools, districtRecord] = await Promise.all([
      client.teacher(cleverId),
      plan.rosterReadable ? client.teacherSections(cleverId) : Promise.resolve([]),
      plan.rosterReadable ? client.teacherStudents(cleverId) : Promise.resolve([]),
      byDistrict ? client.teacherSchools(cleverId) : Promise.resolve([]),
      district,
    ]);
    const studentIds = new Set(students.map((s) => s.id));
    const missingStudents = uniq(sections.flatMap((s) => s.students ?? [])).filter((id) => !studentIds.has(id));
    const coTeacherIds = uniq(sections.flatMap(sectionTeacherIds)).filter((id) => id !== cleverId);
    const [moreStudents, teachers, moreSchools] = await Promise.all([
      each(missingStudents, plan.concurrency, (id) => client.student(id)),
      each(coTeacherIds, plan.concurrency, (id) => client.teacher(id)),
      byDistrict ? missingSchools(client, schools, [self.school, ...sections.map((s) => s.school)], plan.concurrency) : [],
    ]);
    return {
      kind: "teacher",
      self,
      district: districtRecord,
      schools: [...schools, ...moreSchools],
      rosterKnown: plan.rosterReadable,
      sections,
      students: [...students, ...moreStudents],
      teachers,
    };
  }

  if (plan.role === "student") {
    const [self, sections, teachers, districtRecord] = await Promise.all([
      client.student(cleverId),
      plan.rosterReadable ? client.studentSections(cleverId) : Promise.resolve([]),
      plan.rosterReadable ? client.studentTeachers(cleverId) : Promise.resolve([]),
      district,
    ]);
    const teacherIds = new Set(teachers.map((t) => t.id));
    const missingTeachers = uniq(sections.flatMap(sectionTeacherIds)).filter((id) => !teacherIds.has(id));
    const [moreTeachers, schools] = await Promise.all([
      each(missingTeachers, plan.concurrency, (id) => client.teacher(id)),
      byDistrict ? missingSchools(client, [], [self.school, ...sections.map((s) => s.school)], plan.concurrency) : [],
    ]);
    return {
      kind: "student",
      self,
      district: districtRecord,
      schools,
      rosterKnown: plan.rosterReadable,
      sections,
      students: [],
      teachers: [...teachers, ...moreTeachers],
    };
  }

  // Admins have no roster in this app: keep their district current.
  return { kind: "admin", self: null, district: await district, schools: [], rosterKnown: false, sections: [], students: [], teachers: [] };
}

async function missingSchools(
  client: CleverClient,
  have: CleverSchool[],
  wanted: (string | undefined)[],
  concurrency: number,
): Promise<CleverSchool[]> {
  const known = new Set(have.map((s) => s.id));
  const ids = uniq(wanted.filter((id): id is string => typeof id === "string" && id !== "" && !known.has(id)));
  return each(ids, concurrency, (id) => client.school(id));
}
