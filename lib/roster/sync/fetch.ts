// Phase 1 of a sync: read everything from Clever, write nothing. Only what
// Clever documents for the token in hand is read:
//
// - District-app token (district-shared users): calls grow with pages of
//   data, not with sections × students: the teacher's sections (whose
//   `students` and `teachers` ID lists say who is where) and the teacher's
//   students come from one list endpoint each, in one parallel round; only
//   records not already in hand (co-teachers, a stray student or school) are
//   read one by one afterwards, with bounded concurrency.
// - Library teacher's own token: the documented Library path, the teacher's
//   sections, then each section's students (in parallel, bounded), so calls
//   grow with sections. Co-teachers are known by ID only (a Library token may
//   not read other teachers); their rows fill in when they sign in.
// - A Library student's token, or a district user's own token: only the
//   user's own record. A Library student's classes are what their teachers'
//   syncs stored; a district user's roster waits for the district token.
//
// Per record, 404 (and 403, which Clever does not document) means "not shared
// any more": that record is skipped. 401 means the token is dead and fails
// the whole sync.
import { CleverApiError, type CleverClient, type CleverDistrict, type CleverSchool, type CleverSection, type CleverStudent, type CleverTeacher, type CleverTerm, type HeldRole, heldRolesOfRecord } from "@/lib/clever";
import { log } from "@/lib/platform";
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
  /** The sections' terms, read with the district-app token; absent: terms
   * unknown (a Library token reads none), sections' terms left as they are. */
  terms?: CleverTerm[];
  /** Every other teacher of the sections whose record was read. */
  teachers: CleverTeacher[];
  /** Co-teachers known only by ID (a Library token may not read them). */
  unreadTeacherIds: string[];
  /** A school admin's schools, as their record says (district token only). */
  administeredSchoolIds?: string[];
  /** Every role the user's own record says they hold (v3.1: one record for
   * all roles); null when the record cannot say (v2: one record per role). */
  heldRoles: HeldRole[] | null;
  /** Read with the district-app token: it cannot see Library sections, so
   * their absence from it says nothing (a Library teacher the district
   * shares later keeps them). */
  byDistrictToken: boolean;
}

export interface FetchPlan {
  client: CleverClient;
  cleverId: string;
  role: "teacher" | "student" | "school_admin" | "district_admin";
  districtId: string | null;
  /** A district-shared user read with only their own token sees just themselves and their district. */
  rosterReadable: boolean;
  /** Who shared the user: a Library user's own token reads only the documented Library path. */
  authorizedBy: "teacher" | "district" | null;
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
  const nothing = { schools: [], sections: [], students: [], teachers: [], unreadTeacherIds: [], byDistrictToken: byDistrict };
  const library = !byDistrict && plan.authorizedBy !== "district";

  if (plan.role === "teacher" && library) return libraryTeacherSnapshot(plan, district);

  if (plan.role === "teacher") {
    const readable = plan.rosterReadable && byDistrict;
    const [self, sections, students, schools, districtRecord] = await Promise.all([
      client.teacher(cleverId),
      readable ? client.teacherSections(cleverId) : Promise.resolve([]),
      readable ? client.teacherStudents(cleverId) : Promise.resolve([]),
      byDistrict ? client.teacherSchools(cleverId) : Promise.resolve([]),
      district,
    ]);
    const studentIds = new Set(students.map((s) => s.id));
    const missingStudents = uniq(sections.flatMap((s) => s.students ?? [])).filter((id) => !studentIds.has(id));
    const coTeacherIds = uniq(sections.flatMap(sectionTeacherIds)).filter((id) => id !== cleverId);
    const [moreStudents, teachers, moreSchools, terms] = await Promise.all([
      each(missingStudents, plan.concurrency, (id) => client.student(id)),
      each(coTeacherIds, plan.concurrency, (id) => client.teacher(id)),
      byDistrict ? missingSchools(client, schools, [self.school, ...sections.map((s) => s.school)], plan.concurrency) : [],
      readable ? termsOf(client, sections, plan.concurrency) : undefined,
    ]);
    return {
      kind: "teacher",
      self,
      heldRoles: heldRolesOfRecord(self),
      district: districtRecord,
      schools: [...schools, ...moreSchools],
      rosterKnown: readable,
      sections,
      students: [...students, ...moreStudents],
      teachers,
      ...(terms ? { terms } : {}),
      unreadTeacherIds: [],
      byDistrictToken: byDistrict,
    };
  }

  if (plan.role === "student" && byDistrict && plan.rosterReadable) {
    const [self, sections, teachers, districtRecord] = await Promise.all([
      client.student(cleverId),
      client.studentSections(cleverId),
      client.studentTeachers(cleverId),
      district,
    ]);
    const teacherIds = new Set(teachers.map((t) => t.id));
    const missingTeachers = uniq(sections.flatMap(sectionTeacherIds)).filter((id) => !teacherIds.has(id));
    const [moreTeachers, schools, terms] = await Promise.all([
      each(missingTeachers, plan.concurrency, (id) => client.teacher(id)),
      missingSchools(client, [], [self.school, ...sections.map((s) => s.school)], plan.concurrency),
      termsOf(client, sections, plan.concurrency),
    ]);
    return {
      kind: "student",
      self,
      heldRoles: heldRolesOfRecord(self),
      district: districtRecord,
      schools,
      rosterKnown: true,
      sections,
      students: [],
      teachers: [...teachers, ...moreTeachers],
      terms,
      unreadTeacherIds: [],
      byDistrictToken: true,
    };
  }

  if (plan.role === "student") {
    // Only the student's own record: their classes are their teachers' syncs'.
    const [self, districtRecord] = await Promise.all([client.student(cleverId), district]);
    return { kind: "student", self, heldRoles: heldRolesOfRecord(self), district: districtRecord, rosterKnown: false, ...nothing };
  }

  // Admins have no roster of their own: their district and their schools
  // (a district admin's are all the district's), read with the district
  // token, and their own record (which on v3.1 names their other roles).
  if (!byDistrict) return { kind: "admin", self: null, heldRoles: null, district: await district, rosterKnown: false, ...nothing };
  if (plan.role === "district_admin") {
    const [districtRecord, schools, admins] = await Promise.all([district, client.schools(), each([cleverId], 1, (id) => client.districtAdmin(id))]);
    const heldRoles = admins[0] ? heldRolesOfRecord(admins[0]) : null;
    return { kind: "admin", self: null, heldRoles, district: districtRecord, rosterKnown: false, ...nothing, schools };
  }
  const [districtRecord, admins] = await Promise.all([district, each([cleverId], 1, (id) => client.schoolAdmin(id))]);
  // No record shown (404): no schools, rather than a failed sync.
  const schoolIds = uniq(admins[0]?.schools ?? []);
  return {
    kind: "admin",
    self: null,
    heldRoles: admins[0] ? heldRolesOfRecord(admins[0]) : null,
    district: districtRecord,
    rosterKnown: false,
    ...nothing,
    schools: await each(schoolIds, plan.concurrency, (id) => client.school(id)),
    administeredSchoolIds: schoolIds,
  };
}

/** A Library teacher's sections, and how to read each one's students. On
 * v2.1 that is Clever's documented Library path. On v3.1 Clever documents
 * none: the v3 path is tried, and when it refuses her sections (404) the
 * documented v2.0 one is read with her v2 ID (her record's `legacy_id`),
 * her own ID in each section put back to the v3 one she is stored under. */
async function librarySections(plan: FetchPlan, self: CleverTeacher): Promise<{ sections: CleverSection[]; studentsOf: (sectionId: string) => Promise<CleverStudent[]> }> {
  const { client, cleverId } = plan;
  const v3 = { studentsOf: (sectionId: string) => client.sectionStudents(sectionId) };
  if (client.apiVersion !== "v3.1") return { sections: await client.teacherSections(cleverId), ...v3 };
  try {
    return { sections: await client.teacherSections(cleverId), ...v3 };
  } catch (error) {
    const v2Id = self.legacy_id;
    if (!(error instanceof CleverApiError) || error.code !== "not_found" || typeof v2Id !== "string") throw error;
    log.info({ endpoint: error.details.endpoint }, "Clever refused a Library teacher's v3 sections; reading its documented v2.0 Library path");
    const documented = client.documentedLibraryPath;
    const asStored = (id: string) => (id === v2Id ? cleverId : id);
    const sections = (await documented.teacherSections(v2Id)).map((section) => ({
      ...section,
      ...(typeof section.teacher === "string" ? { teacher: asStored(section.teacher) } : {}),
      ...(section.teachers ? { teachers: section.teachers.map(asStored) } : {}),
    }));
    return { sections, studentsOf: (sectionId) => documented.sectionStudents(sectionId) };
  }
}

/** The documented Library path: the teacher's sections, then each section's
 * students. */
async function libraryTeacherSnapshot(plan: FetchPlan, district: Promise<CleverDistrict | null>): Promise<Snapshot> {
  const { client, cleverId } = plan;
  const [self, districtRecord] = await Promise.all([client.teacher(cleverId), district]);
  const { sections, studentsOf } = await librarySections(plan, self);
  const rosters = await mapLimit(sections, plan.concurrency, async (section) => {
    const students = await each([section.id], 1, studentsOf);
    return students.length === 0 ? null : { section, students: students[0] ?? [] };
  });
  const shown = rosters.filter((roster): roster is NonNullable<typeof roster> => roster !== null);
  if (shown.length < rosters.length) {
    // Clever just listed these sections, so a 404 on their students is not
    // "unshared" (Clever also answers 404 to a token it will not serve):
    // change no class on this evidence, and keep the teacher's own record current.
    log.warn({ sections: rosters.length, unreadable: rosters.length - shown.length }, "Clever refused the students of listed Library sections; classes left as they are");
    return { kind: "teacher", self, heldRoles: heldRolesOfRecord(self), district: districtRecord, schools: [], rosterKnown: false, sections: [], students: [], teachers: [], unreadTeacherIds: [], byDistrictToken: false };
  }
  const students = new Map<string, CleverStudent>();
  for (const roster of shown) for (const student of roster.students) students.set(student.id, student);
  return {
    kind: "teacher",
    self,
    heldRoles: heldRolesOfRecord(self),
    district: districtRecord,
    schools: [],
    rosterKnown: true,
    // Who is in a section is what its own student list says.
    sections: shown.map(({ section, students: list }) => ({ ...section, students: list.map((student) => student.id) })),
    students: [...students.values()],
    teachers: [],
    unreadTeacherIds: uniq(shown.flatMap(({ section }) => sectionTeacherIds(section))).filter((id) => id !== cleverId),
    byDistrictToken: false,
  };
}

/** The terms the sections name (district-app token), each read once; a term
 * Clever no longer has is left out (its sections then name none). */
function termsOf(client: CleverClient, sections: CleverSection[], concurrency: number): Promise<CleverTerm[]> {
  return each(uniq(sections.flatMap((s) => (s.term_id ? [s.term_id] : []))), concurrency, (id) => client.term(id));
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
