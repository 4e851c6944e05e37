// A batch of Clever records as the rows the district sync writes, staged for
// one statement per kind (./roster-sql.ts): each record becomes a JSON array
// of its columns' values, mapped by the same rules as the user's sync
// (lib/roster/sync/record-fields.ts), and a digest of those values.
//
// The digest is taken over what the row is built from: the record's fields as
// the mapping reads them (references included as the database resolved them,
// so a school shared later changes it), the kind, and the mapping's version
// (./mapping-version.ts). A stored digest equal to the new one, on a row no
// other writer has updated since, means the record is unchanged: SQL skips it
// without reading its columns. Strings go through JSON as they are: no
// trimming, no Unicode normalization (control characters and lone surrogates,
// which PostgreSQL cannot store, are already gone: lib/clever/schemas.ts).
// The JSON is written in ASCII (lib/platform/ascii-json.ts). People are staged
// by the people writer (lib/people/write-people.ts) from the records made here.
import { hash } from "node:crypto";
import type { CleverDistrictAdmin, CleverSchool, CleverSchoolAdmin, CleverSection, CleverStudent, CleverTeacher, CleverTerm, RosterKind } from "@/lib/clever";
import { cleanEmail, type PersonRecord as PersonWrite, personName, type StagedPeople, stagePeople as stagePersons } from "@/lib/people";
import { asciiJson } from "@/lib/platform";
import { sectionTeacherIds } from "@/lib/roster/sync/fetch";
import { personFields, schoolFields, sectionFields, termFields } from "@/lib/roster/sync/record-fields";
import { ROSTER_MAPPING_VERSION } from "./mapping-version";

/** The role each kind of user record is. */
export const ROLE_OF_KIND = { teachers: "teacher", students: "student", school_admins: "school_admin", district_admins: "district_admin" } as const;
export type PersonKind = keyof typeof ROLE_OF_KIND;
export type PersonRecord = CleverTeacher | CleverStudent | CleverSchoolAdmin | CleverDistrictAdmin;

/** The User columns each kind of record sets, in staged order. A kind leaves
 * the others alone: an admin record has no middle name or school, and only
 * a student record has a grade. */
const PERSON_COLUMNS = {
  teachers: ["name", "firstName", "middleName", "lastName", "email", "districtId", "schoolId"],
  students: ["name", "firstName", "middleName", "lastName", "email", "districtId", "schoolId", "grade"],
  school_admins: ["name", "firstName", "lastName", "email", "districtId", "administeredSchoolIds"],
  district_admins: ["name", "firstName", "lastName", "email", "districtId"],
} as const satisfies Record<PersonKind, readonly string[]>;
type PersonColumn = (typeof PERSON_COLUMNS)[PersonKind][number];

/** References the database holds (a school or term not shared, or not read yet, leaves its column empty). */
export interface KnownRefs {
  schoolIds: ReadonlySet<string>;
  termIds: ReadonlySet<string>;
}

/** The digest of a row's values: SHA-256 of the mapping's version, the kind and the values, base64url. */
function digestOf(kind: RosterKind, values: readonly unknown[]): string {
  return hash("sha256", JSON.stringify([ROSTER_MAPPING_VERSION, kind, ...values]), "base64url");
}

const uniq = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** Each school as [id, digest, name, districtId, city, state, lowGrade, highGrade]. */
export function stageSchools(schools: readonly CleverSchool[], districtId: string): string {
  const districtIds = new Set([districtId]);
  return asciiJson(
    schools.map((school) => {
      const f = schoolFields(school, districtIds);
      const values = [f.name, f.districtId, f.city, f.state, f.lowGrade, f.highGrade];
      return [school.id, digestOf("schools", values), ...values];
    }),
  );
}

/** Each term as [id, digest, name, startDate, endDate]. */
export function stageTerms(terms: readonly CleverTerm[]): string {
  return asciiJson(
    terms.map((term) => {
      const f = termFields(term);
      const values = [f.name, f.startDate, f.endDate];
      return [term.id, digestOf("terms", values), ...values];
    }),
  );
}

/** The School IDs a batch of people names (its school, an admin's schools). */
export function personSchoolRefs(records: readonly PersonRecord[]): string[] {
  return uniq(records.flatMap((r) => ("schools" in r && Array.isArray(r.schools) ? r.schools : []).concat("school" in r && typeof r.school === "string" ? [r.school] : [])));
}

/** A person record's columns for its kind. */
function personData(kind: PersonKind, record: PersonRecord, refs: KnownRefs, districtId: string): Record<PersonColumn, string | string[] | null | undefined> {
  const districtIds = new Set([districtId]);
  if (kind === "teachers" || kind === "students") {
    const fields = personFields(record as CleverTeacher | CleverStudent, kind === "students" ? "student" : "teacher", refs.schoolIds, districtIds);
    return { ...fields, districtId, administeredSchoolIds: undefined };
  }
  const name = personName(record.name ? { first: record.name.first, last: record.name.last } : null);
  const admin = { ...name, middleName: undefined, email: cleanEmail(record.email), districtId, schoolId: undefined, grade: undefined };
  const schools = kind === "school_admins" ? uniq((record as CleverSchoolAdmin).schools ?? []).filter((id) => refs.schoolIds.has(id)) : undefined;
  return { ...admin, administeredSchoolIds: schools };
}

/** Each person as the people writer's record: the kind's columns (a column
 * of another kind is left alone), its role, and a digest of those columns.
 * The legacy ID is the v2 ID a v3 record names (`legacy_id`): a row made
 * under it, before a version switch, is this person's. */
export function stagePeople(kind: PersonKind, records: readonly PersonRecord[], refs: KnownRefs, districtId: string): StagedPeople {
  const columns = PERSON_COLUMNS[kind];
  return stagePersons(
    records.map((record): PersonWrite => {
      const data = personData(kind, record, refs, districtId);
      const values = columns.map((column) => data[column] ?? null);
      const legacy = typeof record.legacy_id === "string" ? [record.legacy_id] : [];
      return { cleverId: record.id, otherIds: legacy, role: ROLE_OF_KIND[kind], digest: digestOf(kind, values), fields: Object.fromEntries(columns.map((column, i) => [column, values[i]])) };
    }),
  );
}

/** The School and Term IDs a batch of sections names. */
export function sectionRefs(sections: readonly CleverSection[]): { schoolIds: string[]; termIds: string[] } {
  return { schoolIds: uniq(sections.flatMap((s) => (s.school ? [s.school] : []))), termIds: uniq(sections.flatMap((s) => (s.term_id ? [s.term_id] : []))) };
}

/** Each section as [id, digest, name, subject, grade, sectionNumber, period,
 * schoolId, districtId, termId, teacher IDs, primary teacher ID, student IDs].
 * Who teaches and who is enrolled are not in the digest: they are compared
 * with the links and enrollments themselves, which other writers change too. */
export function stageSections(sections: readonly CleverSection[], refs: KnownRefs, districtId: string): string {
  const districtIds = new Set([districtId]);
  return asciiJson(
    sections.map((section) => {
      const f = sectionFields(section, refs.schoolIds, districtIds);
      const termId = section.term_id && refs.termIds.has(section.term_id) ? section.term_id : null;
      const values = [f.name, f.subject, f.grade, f.sectionNumber, f.period, f.schoolId, f.districtId, termId];
      const teachers = sectionTeacherIds(section);
      return [section.id, digestOf("sections", values), ...values, teachers, section.teacher ?? teachers[0] ?? null, section.students ?? []];
    }),
  );
}
