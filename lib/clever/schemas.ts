// zod schemas for the Clever bodies the app reads, true to Clever's Swagger
// definitions (/work/shared/clever-api/v2.0.yml, v2.1.yml). Swagger marks no
// field required, so only `id` is demanded; `x-nullable` fields accept null;
// unknown extra fields pass through (Clever adds fields without notice).
import { z } from "zod";

const nullableString = z.string().nullish();

/** Clever's grade enumeration (Student.grade, Section.grade, School.low_grade/high_grade). */
export const cleverGradeSchema = z.enum([
  "InfantToddler",
  "Preschool",
  "PreKindergarten",
  "TransitionalKindergarten",
  "Kindergarten",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "10",
  "11",
  "12",
  "13",
  "PostGraduate",
  "Ungraded",
  "Other",
  "",
]);

export const cleverSubjectSchema = z.enum([
  "english/language arts",
  "math",
  "science",
  "social studies",
  "language",
  "homeroom/advisory",
  "interventions/online learning",
  "technology and engineering",
  "PE and health",
  "arts and music",
  "other",
  "",
]);

const id = z.string().min(1);
const idList = z.array(z.string().min(1));

export const cleverNameSchema = z.looseObject({ first: nullableString, middle: nullableString, last: nullableString });
export const cleverAdminNameSchema = z.looseObject({ first: nullableString, last: nullableString });
const credentials = z.looseObject({ district_username: z.string().optional() });
const location = z.looseObject({
  address: nullableString,
  city: nullableString,
  state: nullableString,
  zip: nullableString,
  lat: nullableString,
  lon: nullableString,
});

export const cleverDistrictSchema = z.looseObject({
  id,
  name: z.string().optional(),
  state: z.enum(["running", "pending", "error", "paused", "", "success"]).nullish(),
  sis_type: z.string().optional(),
  last_sync: nullableString,
  launch_date: z.string().optional(),
  nces_id: nullableString,
  mdr_number: nullableString,
  portal_url: z.string().optional(),
  login_methods: z.array(z.string()).optional(),
});

export const cleverSchoolSchema = z.looseObject({
  id,
  district: z.string().optional(),
  name: z.string().optional(),
  low_grade: cleverGradeSchema.nullish(),
  high_grade: cleverGradeSchema.nullish(),
  location: location.nullish(),
  principal: z.looseObject({ name: nullableString, email: nullableString }).optional(),
  phone: nullableString,
  school_number: z.string().optional(),
  sis_id: z.string().optional(),
  state_id: nullableString,
  nces_id: nullableString,
  mdr_number: nullableString,
});

export const cleverTeacherSchema = z.looseObject({
  id,
  district: z.string().optional(),
  school: z.string().optional(),
  schools: idList.optional(),
  name: cleverNameSchema.optional(),
  email: nullableString,
  title: nullableString,
  sis_id: z.string().optional(),
  state_id: nullableString,
  teacher_number: nullableString,
  credentials: credentials.nullish(),
  created: z.string().optional(),
  last_modified: z.string().optional(),
});

export const cleverStudentSchema = z.looseObject({
  id,
  district: z.string().optional(),
  school: z.string().optional(),
  schools: idList.optional(),
  name: cleverNameSchema.optional(),
  email: nullableString,
  grade: cleverGradeSchema.nullish(),
  graduation_year: nullableString,
  sis_id: z.string().optional(),
  state_id: nullableString,
  student_number: nullableString,
  credentials: credentials.optional(),
  created: z.string().optional(),
  last_modified: z.string().optional(),
});

export const cleverSectionSchema = z.looseObject({
  id,
  district: z.string().optional(),
  school: z.string().optional(),
  name: z.string().optional(),
  subject: cleverSubjectSchema.nullish(),
  grade: cleverGradeSchema.nullish(),
  period: nullableString,
  section_number: nullableString,
  sis_id: z.string().optional(),
  teacher: nullableString,
  teachers: idList.optional(),
  students: idList.optional(),
  term_id: nullableString,
  course: nullableString,
  created: z.string().optional(),
  last_modified: z.string().optional(),
});

export const cleverDistrictAdminSchema = z.looseObject({
  id,
  district: z.string().optional(),
  name: cleverAdminNameSchema.nullish(),
  email: z.string().optional(),
  title: nullableString,
});

export const cleverSchoolAdminSchema = z.looseObject({
  id,
  district: z.string().optional(),
  schools: idList.optional(),
  name: cleverAdminNameSchema.optional(),
  email: z.string().optional(),
  title: nullableString,
  staff_id: z.string().optional(),
  credentials: credentials.optional(),
});

export const cleverLinkSchema = z.looseObject({ rel: z.enum(["next", "prev", "self"]), uri: z.string() });

/** `{data: {...}, links}` around one object. */
export const singleEnvelope = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: item, links: z.array(cleverLinkSchema).optional() });

/** `{data: [{data: {...}, uri}], links}` around one page of a list. */
export const listEnvelope = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    data: z.array(z.looseObject({ data: item, uri: z.string().optional() })),
    links: z.array(cleverLinkSchema).optional(),
  });

export const cleverUserTypeSchema = z.enum(["teacher", "student", "school_admin", "district_admin"]);
export const cleverAuthorizedBySchema = z.enum(["teacher", "district"]);

/** GET /v2.1/me (or /v2.0/me, without authorized_by) for a user token. A
 * district-app token's /me has type "district". */
export const cleverMeSchema = z.looseObject({
  type: z.enum(["teacher", "student", "school_admin", "district_admin", "district"]),
  data: z.looseObject({
    id,
    type: z.enum(["teacher", "student", "school_admin", "district_admin", "district"]).optional(),
    /** Only for district-shared users. */
    district: z.string().optional(),
    /** v2.1 only: who shared the user with the app. */
    authorized_by: cleverAuthorizedBySchema.optional(),
  }),
  links: z.array(z.looseObject({ rel: z.string(), uri: z.string() })).optional(),
});

/** GET /oauth/tokens?owner_type=district: the app's district-app tokens. */
export const cleverDistrictTokensSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string().optional(),
      access_token: z.string().min(1),
      owner: z.looseObject({ type: z.string(), id }),
      scopes: z.array(z.string()).optional(),
      created: z.string().optional(),
    }),
  ),
});

/** POST /oauth/tokens (code exchange). */
export const cleverTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
});

export type CleverGrade = z.infer<typeof cleverGradeSchema>;
export type CleverSubject = z.infer<typeof cleverSubjectSchema>;
export type CleverName = z.infer<typeof cleverNameSchema>;
export type CleverDistrict = z.infer<typeof cleverDistrictSchema>;
export type CleverSchool = z.infer<typeof cleverSchoolSchema>;
export type CleverTeacher = z.infer<typeof cleverTeacherSchema>;
export type CleverStudent = z.infer<typeof cleverStudentSchema>;
export type CleverSection = z.infer<typeof cleverSectionSchema>;
export type CleverDistrictAdmin = z.infer<typeof cleverDistrictAdminSchema>;
export type CleverSchoolAdmin = z.infer<typeof cleverSchoolAdminSchema>;
export type CleverMe = z.infer<typeof cleverMeSchema>;
export type CleverUserType = z.infer<typeof cleverUserTypeSchema>;
export type CleverAuthorizedBy = z.infer<typeof cleverAuthorizedBySchema>;
export type CleverLink = z.infer<typeof cleverLinkSchema>;
export type CleverDistrictToken = z.infer<typeof cleverDistrictTokensSchema>["data"][number];
