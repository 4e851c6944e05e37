// Clever Data API v3.x bodies (../shared/clever-api/v3.0.yml, v3.1.yml) and
// their mapping into the records the app reads everywhere else (the v2
// shapes of ./schemas), so provisioning, sync and pages never see which
// version was used. v3 has one `users` object with a `roles` map; roles are
// not exclusive (a teacher may also be staff). v3 IDs of everyone but
// students differ from their v2 IDs; each role carries the v2 one as
// `legacy_id`. Mapped records keep their role's `legacy_id`, by which an
// account made before a version switch is found, and every role the user
// holds (`roles`), so one sync can give each role its view.
import { z } from "zod";
import {
  CLEVER_ID_PATTERN,
  cleverListedGradeSchema,
  cleverNameSchema,
  type CleverDistrictAdmin,
  type CleverSchoolAdmin,
  type CleverStudent,
  type CleverTeacher,
  isCleverId,
  stripControlCharacters,
} from "./schemas";

const text = z.string().transform(stripControlCharacters);
const nullableString = text.nullish();
const id = z.string().regex(CLEVER_ID_PATTERN, "not a plain Clever ID");
const idRef = z.string().transform((value) => (isCleverId(value) ? value : undefined));
const idList = z.array(z.string()).transform((ids) => ids.filter(isCleverId));
const credentials = z.looseObject({ district_username: text.optional() });

const teacherRole = z.looseObject({
  legacy_id: idRef.optional(),
  district: idRef.optional(),
  school: idRef.optional(),
  schools: idList.optional(),
  sis_id: text.optional(),
  state_id: nullableString,
  teacher_number: nullableString,
  title: nullableString,
  credentials: credentials.nullish(),
});

const studentRole = z.looseObject({
  legacy_id: idRef.optional(),
  school: idRef.optional(),
  schools: idList.optional(),
  grade: cleverListedGradeSchema.nullish(),
  graduation_year: nullableString,
  student_number: nullableString,
  sis_id: text.optional(),
  state_id: nullableString,
  // "1/16/1998" as Clever sends it; the app does not use it.
  dob: nullableString,
  credentials: credentials.optional(),
});

const staffRole = z.looseObject({
  legacy_id: idRef.optional(),
  schools: idList.optional(),
  title: nullableString,
  staff_id: text.optional(),
  department: nullableString,
  credentials: credentials.optional(),
});

const districtAdminRole = z.looseObject({ legacy_id: idRef.optional(), title: nullableString });

export const cleverV3UserSchema = z.looseObject({
  id,
  district: idRef.optional(),
  email: nullableString,
  name: cleverNameSchema.optional(),
  roles: z
    .looseObject({
      teacher: teacherRole.nullish(),
      student: studentRole.nullish(),
      staff: staffRole.nullish(),
      district_admin: districtAdminRole.nullish(),
      contact: z.looseObject({}).nullish(),
    })
    .optional(),
  created: text.optional(),
  last_modified: text.optional(),
});

export type CleverV3User = z.infer<typeof cleverV3UserSchema>;
export type CleverV3Role = "teacher" | "student" | "staff" | "district_admin";

/** The role a v3 user record has, or null. */
function role<R extends CleverV3Role>(user: CleverV3User, name: R): NonNullable<NonNullable<CleverV3User["roles"]>[R]> | null {
  return (user.roles?.[name] ?? null) as NonNullable<NonNullable<CleverV3User["roles"]>[R]> | null;
}

/** Every role the user holds, in a fixed order. */
export function rolesOf(user: CleverV3User): CleverV3Role[] {
  return (["teacher", "student", "staff", "district_admin"] as const).filter((name) => role(user, name) !== null);
}

/** v3's roles as the app (and v2) names them: staff are school admins;
 * family contacts are not served. */
const APP_ROLE = { teacher: "teacher", student: "student", staff: "school_admin", district_admin: "district_admin" } as const;
export type HeldRole = (typeof APP_ROLE)[CleverV3Role];
const heldRolesSchema = z.array(z.enum(["teacher", "student", "school_admin", "district_admin"]));

/** Every role the user holds, as the app names them. */
function heldRolesOf(user: CleverV3User): HeldRole[] {
  return rolesOf(user).map((name) => APP_ROLE[name]);
}

/** The roles a record mapped from v3 carries (`roles`, set below); null for
 * a v2 record, which is one role's and says nothing of the person's others. */
export function heldRolesOfRecord(record: Record<string, unknown>): HeldRole[] | null {
  const parsed = heldRolesSchema.safeParse(record.roles);
  return parsed.success ? parsed.data : null;
}

/** The v2 IDs the user's roles carry (students' are their v3 ID). */
export function legacyIdsOf(user: CleverV3User): string[] {
  const ids = rolesOf(user)
    .map((name) => role(user, name)?.legacy_id)
    .filter((value): value is string => typeof value === "string" && value !== user.id);
  return [...new Set(ids)];
}

/** A v3 user as the app's teacher record, or null if they teach nothing. */
export function asTeacher(user: CleverV3User): CleverTeacher | null {
  const teacher = role(user, "teacher");
  if (!teacher) return null;
  return {
    id: user.id,
    district: user.district ?? teacher.district,
    school: teacher.school,
    schools: teacher.schools,
    name: user.name,
    email: user.email,
    sis_id: teacher.sis_id,
    state_id: teacher.state_id,
    title: teacher.title,
    teacher_number: teacher.teacher_number,
    credentials: teacher.credentials,
    created: user.created,
    last_modified: user.last_modified,
    legacy_id: teacher.legacy_id,
    roles: heldRolesOf(user),
  };
}

export function asStudent(user: CleverV3User): CleverStudent | null {
  const student = role(user, "student");
  if (!student) return null;
  return {
    id: user.id,
    district: user.district,
    school: student.school,
    schools: student.schools,
    name: user.name,
    email: user.email,
    sis_id: student.sis_id,
    state_id: student.state_id,
    grade: student.grade,
    graduation_year: student.graduation_year,
    student_number: student.student_number,
    credentials: student.credentials,
    created: user.created,
    last_modified: user.last_modified,
    legacy_id: student.legacy_id,
    roles: heldRolesOf(user),
  };
}

/** v3 staff are v2's school admins. */
export function asSchoolAdmin(user: CleverV3User): CleverSchoolAdmin | null {
  const staff = role(user, "staff");
  if (!staff) return null;
  return {
    id: user.id,
    district: user.district,
    schools: staff.schools,
    name: user.name ? { first: user.name.first, last: user.name.last } : undefined,
    email: user.email ?? undefined,
    title: staff.title,
    staff_id: staff.staff_id,
    credentials: staff.credentials,
    legacy_id: staff.legacy_id,
    roles: heldRolesOf(user),
  };
}

export function asDistrictAdmin(user: CleverV3User): CleverDistrictAdmin | null {
  const admin = role(user, "district_admin");
  if (!admin) return null;
  return {
    id: user.id,
    district: user.district,
    name: user.name ? { first: user.name.first, last: user.name.last } : null,
    email: user.email ?? undefined,
    title: admin.title,
    legacy_id: admin.legacy_id,
    roles: heldRolesOf(user),
  };
}

/** One user's record in one of their roles, as the app's record of that role. */
export type CleverRoleRecord =
  | { role: "teacher"; record: CleverTeacher }
  | { role: "student"; record: CleverStudent }
  | { role: "school_admin"; record: CleverSchoolAdmin }
  | { role: "district_admin"; record: CleverDistrictAdmin };

/** The user's record in the first role this app serves, teacher before
 * staff and district admin (the view a teacher who is also an admin opens
 * with); null for a user with none (a family contact). */
export function asFirstRole(user: CleverV3User): CleverRoleRecord | null {
  const teacher = asTeacher(user);
  if (teacher) return { role: "teacher", record: teacher };
  const student = asStudent(user);
  if (student) return { role: "student", record: student };
  const staff = asSchoolAdmin(user);
  if (staff) return { role: "school_admin", record: staff };
  const admin = asDistrictAdmin(user);
  return admin ? { role: "district_admin", record: admin } : null;
}
