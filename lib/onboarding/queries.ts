// What the onboarding and settings forms start with: everything Clever gave,
// pre-filled (LIB-R04, LIB-R05, SYNC-04, DSSO-R3).
import "server-only";
import { db } from "@/lib/platform";
import type { User } from "@/lib/generated/prisma/client";
import { displayName } from "@/lib/people";
import { type SchoolOption, schoolOption, schoolValue, searchSchools } from "@/lib/schools";
import { gradeOptions, subjectOptions } from "./options";
import { inferGrades, inferSubjects, prefill } from "./infer";
import { OTHER_SCHOOL, picksSchool } from "./profile";

export interface ProfileDefaults {
  firstName: string;
  lastName: string;
  email: string;
  /** True when Clever shared no email (the form says so). */
  emailMissing: boolean;
  subjects: string[];
  grades: string[];
  picksSchool: boolean;
  /** For district users: the school (or district) Clever told us. */
  schoolFromClever: string | null;
  selectedSchool: SchoolOption | null;
  schoolValue: string;
  schoolNameEntered: string;
}

async function profileDefaults(user: User): Promise<ProfileDefaults> {
  const taught = await db.sectionTeacher.findMany({
    where: { teacherId: user.id, archivedAt: null, section: { archivedAt: null } },
    select: { section: { select: { subject: true, grade: true } } },
  });
  const sections = taught.map((t) => t.section);
  const [school, district] = await Promise.all([
    user.schoolId ? db.school.findUnique({ where: { id: user.schoolId }, select: { name: true } }) : null,
    user.districtId ? db.district.findUnique({ where: { id: user.districtId }, select: { name: true } }) : null,
  ]);
  const value = user.schoolId ? schoolValue("school", user.schoolId) : user.directorySchoolId ? schoolValue("directory", user.directorySchoolId) : user.schoolNameEntered ? OTHER_SCHOOL : "";
  const [first, ...rest] = displayName(user).split(" ");
  return {
    firstName: user.firstName ?? (user.name ? (first ?? "") : ""),
    lastName: user.lastName ?? (user.name ? rest.join(" ") : ""),
    email: user.email ?? "",
    emailMissing: !user.email,
    subjects: prefill(user.subjects, inferSubjects(sections)),
    grades: prefill(user.grades, inferGrades(sections)),
    picksSchool: picksSchool(user),
    schoolFromClever: school?.name ?? district?.name ?? null,
    selectedSchool: value && value !== OTHER_SCHOOL ? await schoolOption(value) : null,
    schoolValue: value,
    schoolNameEntered: user.schoolNameEntered ?? "",
  };
}

/** Everything the profile form shows (onboarding and settings alike): the
 * user's details, the choices, and the school search's results when the
 * teacher picks a school and searched (`school_q`, no JavaScript needed). */
export async function profileFormData(user: User, schoolQuery: string) {
  const defaults = await profileDefaults(user);
  const schoolResults = defaults.picksSchool && schoolQuery ? await searchSchools(schoolQuery, user) : [];
  return { defaults, subjectOptions: subjectOptions(), gradeOptions: gradeOptions(defaults.grades), schoolQuery, schoolResults };
}
