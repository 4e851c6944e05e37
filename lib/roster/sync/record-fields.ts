// Clever records to column values, for every sync that writes them (a user's
// sync in ./apply.ts, the district sync in ./district/): one rule per field.
import type { CleverSchool, CleverSection, CleverStudent, CleverTeacher, CleverTerm } from "@/lib/clever";
import { cleanEmail, gradeOf, optionalText, personName } from "@/lib/people";

/** Only IDs the database holds become references (a school or district not
 * shared, or not read yet, leaves the reference empty). */
const known = (id: string | undefined | null, ids: ReadonlySet<string>): string | null => (id && ids.has(id) ? id : null);

export function schoolFields(school: CleverSchool, districtIds: ReadonlySet<string>) {
  return {
    name: school.name ?? "",
    districtId: known(school.district, districtIds),
    city: optionalText(school.location?.city),
    state: optionalText(school.location?.state),
    lowGrade: gradeOf(school.low_grade),
    highGrade: gradeOf(school.high_grade),
  };
}

export function sectionFields(s: CleverSection, schoolIds: ReadonlySet<string>, districtIds: ReadonlySet<string>) {
  return {
    name: s.name ?? s.section_number ?? "Untitled section",
    subject: optionalText(s.subject),
    grade: gradeOf(s.grade),
    sectionNumber: optionalText(s.section_number),
    period: optionalText(s.period),
    schoolId: known(s.school, schoolIds),
    districtId: known(s.district, districtIds),
  };
}

/** A term's columns: its name and dates as Clever gives them (dates or timestamps). */
export function termFields(term: CleverTerm) {
  return { name: optionalText(term.name), startDate: optionalText(term.start_date), endDate: optionalText(term.end_date) };
}

/** A section's changed columns plus, when Clever renamed it, the old name
 * and when, so the class's changes can say "Renamed from … to …". */
export function withRename<T extends { name?: unknown }>(changed: T, previousName: string, now: Date): T & { previousName?: string; renamedAt?: Date } {
  return typeof changed.name === "string" && changed.name !== previousName ? { ...changed, previousName, renamedAt: now } : changed;
}

/** A teacher's or student's columns: names, email, grade (students only;
 * undefined leaves a non-student's column alone), district and school. */
export function personFields(record: CleverTeacher | CleverStudent, role: "teacher" | "student", schoolIds: ReadonlySet<string>, districtIds: ReadonlySet<string>) {
  return {
    ...personName(record.name),
    email: cleanEmail(record.email),
    grade: role === "student" ? gradeOf((record as CleverStudent).grade) : undefined,
    districtId: known(record.district, districtIds),
    schoolId: known(record.school, schoolIds),
  };
}
