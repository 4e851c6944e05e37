// zod schemas for the Clever bodies the app reads, true to Clever's Swagger
// definitions (/work/shared/clever-api/v2.0.yml, v2.1.yml). Swagger marks no
// field required, so only `id` is demanded; `x-nullable` fields accept null;
// unknown extra fields pass through (Clever adds fields without notice).
//
// This is also where what Clever sends is made safe to use, once for every
// caller (login, provisioning, sync): IDs must be plain tokens (they go into
// URL paths, hrefs and primary keys) and text loses control characters.
import { z } from "zod";
import { log } from "@/lib/platform";
import { GRADES, SUBJECTS } from "./labels";

/** Clever's IDs are 24-hex object IDs in practice, but neither the
 * definitions nor the docs promise a format, so any plain token is accepted;
 * anything else ("..", "/", "%2e%2e", spaces, 2,000 characters) is refused so
 * it can never become a path segment, an href or a row key. */
export const CLEVER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isCleverId(value: unknown): value is string {
  return typeof value === "string" && CLEVER_ID_PATTERN.test(value);
}

/** Unicode Cc (C0, DEL, C1) and lone surrogates: PostgreSQL refuses U+0000
 * in text (one such name used to fail a whole sync or login) and cannot store
 * a lone surrogate. Everything else is kept exactly as sent, never
 * normalized: bidi marks, ZWJ and combining marks belong to real names. */
const CONTROL_CHARACTERS = /[\p{Cc}\p{Cs}]/gu;

export function stripControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS, "");
}

/** Free text from Clever (names, emails, numbers, dates). */
const text = z.string().transform(stripControlCharacters);
const nullableString = text.nullish();

/** Clever's grade enumeration (Student.grade, Section.grade, School.low_grade/high_grade). */
const cleverGradeSchema = z.enum([...GRADES, ""]);

/** Clever's subject enumeration (Section.subject). */
const cleverSubjectSchema = z.enum([...SUBJECTS, ""]);

/** Values outside Clever's lists already reported (once per field and value). */
const unlistedSeen = new Set<string>();

/** A display-only field from one of Clever's lists. A value outside it (a
 * district's own code, or one Clever adds later) becomes `fallback` and the
 * record is kept: one odd grade must not fail a 10,000-record page, nor an
 * odd district state every sync of that district. Reported once per value. */
function listedOr<V extends string>(list: z.ZodType<V>, fallback: NoInfer<V>, field: string) {
  return z.string().transform((value): V => {
    const listed = list.safeParse(value);
    if (listed.success) return listed.data;
    const key = `${field}\u0000${value}`;
    if (!unlistedSeen.has(key)) {
      unlistedSeen.add(key);
      log.warn({ field, value: stripControlCharacters(value).slice(0, 40) }, "Clever sent a value outside its list; kept the record with a neutral value");
    }
    return fallback;
  });
}

/** A record's own ID: a record without a usable one cannot be addressed or stored. */
const id = z.string().regex(CLEVER_ID_PATTERN, "not a plain Clever ID");
/** An ID pointing at another record: an unusable one is treated as absent
 * (the record itself is still good). */
const idRef = z.string().transform((value) => (isCleverId(value) ? value : undefined));
const idList = z.array(z.string()).transform((ids) => ids.filter(isCleverId));

/** Display-only list fields: kept whatever Clever sends (listedOr). */
const grade = listedOr(cleverGradeSchema, "Other", "grade");
const subject = listedOr(cleverSubjectSchema, "other", "subject");
const districtState = listedOr(z.enum(["running", "pending", "error", "paused", "", "success"]), "", "district state");
export const cleverListedGradeSchema = grade;

export const cleverNameSchema = z.looseObject({ first: nullableString, middle: nullableString, last: nullableString });
const cleverAdminNameSchema = z.looseObject({ first: nullableString, last: nullableString });
const credentials = z.looseObject({ district_username: text.optional() });
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
  name: text.optional(),
  state: districtState.nullish(),
  sis_type: text.optional(),
  last_sync: nullableString,
  launch_date: text.optional(),
  nces_id: nullableString,
  mdr_number: nullableString,
  portal_url: text.optional(),
  login_methods: z.array(text).optional(),
});

export const cleverSchoolSchema = z.looseObject({
  id,
  district: idRef.optional(),
  name: text.optional(),
  low_grade: grade.nullish(),
  high_grade: grade.nullish(),
  location: location.nullish(),
  principal: z.looseObject({ name: nullableString, email: nullableString }).optional(),
  phone: nullableString,
  school_number: text.optional(),
  sis_id: text.optional(),
  state_id: nullableString,
  nces_id: nullableString,
  mdr_number: nullableString,
});

/** What Clever's Teacher and Student definitions have in common. */
const cleverPersonSchema = z.looseObject({
  id,
  district: idRef.optional(),
  school: idRef.optional(),
  schools: idList.optional(),
  name: cleverNameSchema.optional(),
  email: nullableString,
  sis_id: text.optional(),
  state_id: nullableString,
  created: text.optional(),
  last_modified: text.optional(),
});

export const cleverTeacherSchema = cleverPersonSchema.extend({
  title: nullableString,
  teacher_number: nullableString,
  // Swagger marks it x-nullable for a teacher, not for a student.
  credentials: credentials.nullish(),
});

export const cleverStudentSchema = cleverPersonSchema.extend({
  grade: grade.nullish(),
  graduation_year: nullableString,
  student_number: nullableString,
  credentials: credentials.optional(),
});

export const cleverSectionSchema = z.looseObject({
  id,
  district: idRef.optional(),
  school: idRef.optional(),
  name: text.optional(),
  subject: subject.nullish(),
  grade: grade.nullish(),
  period: nullableString,
  section_number: nullableString,
  sis_id: text.optional(),
  teacher: idRef.nullish(),
  teachers: idList.optional(),
  students: idList.optional(),
  term_id: nullableString,
  course: nullableString,
  created: text.optional(),
  last_modified: text.optional(),
});

export const cleverDistrictAdminSchema = z.looseObject({
  id,
  district: idRef.optional(),
  name: cleverAdminNameSchema.nullish(),
  email: text.optional(),
  title: nullableString,
});

export const cleverSchoolAdminSchema = z.looseObject({
  id,
  district: idRef.optional(),
  schools: idList.optional(),
  name: cleverAdminNameSchema.optional(),
  email: text.optional(),
  title: nullableString,
  staff_id: text.optional(),
  credentials: credentials.optional(),
});

/** A district's term (v2.0 and v3.1 alike). */
export const cleverTermSchema = z.looseObject({
  id,
  district: idRef.optional(),
  name: nullableString,
  start_date: nullableString,
  end_date: nullableString,
});

/** One event of the Events API: `<collection>.<created|updated|deleted>`
 * and the record as it was then (`data.object`, that version's shape). */
export const cleverEventSchema = z.looseObject({
  id,
  type: z.string(),
  created: text.optional(),
  data: z.looseObject({ object: z.looseObject({ id: z.string() }) }),
});

/** Clever's definitions list rel next/prev/self, but v3 records also carry
 * `district`, `sections`, `myTeachers`, `schools`…: any rel is accepted, and
 * only `next` is ever followed. */
export const cleverLinkSchema = z.looseObject({ rel: z.string(), uri: z.string() });

/** `{data: {...}, links}` around one object. */
export const singleEnvelope = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: item, links: z.array(cleverLinkSchema).optional() });

/** A listed record whose own `id` is a string but not a plain Clever ID. */
function hasUnusableId(entry: unknown): boolean {
  if (typeof entry !== "object" || entry === null || !("data" in entry)) return false;
  const record = entry.data;
  return typeof record === "object" && record !== null && "id" in record && typeof record.id === "string" && !isCleverId(record.id);
}

/** What one listed entry (`{data: {...}, uri}`) is: its record; skipped, when
 * the record's own ID is unusable (it can be neither addressed nor stored,
 * so one such record must not fail a login or a sync); or broken. Any other
 * broken record fails its page: skipping a real person's record would
 * archive them. */
export type ListEntry<T> = { record: T } | { skipped: true } | { issues: z.core.$ZodIssue[] };

export const listEntry = <T extends z.ZodType>(item: T) => {
  const entry = z.looseObject({ data: item, uri: z.string().optional() });
  return (raw: unknown): ListEntry<z.infer<T>> => {
    if (hasUnusableId(raw)) return { skipped: true };
    const parsed = entry.safeParse(raw);
    return parsed.success ? { record: parsed.data.data as z.infer<T> } : { issues: parsed.error.issues };
  };
};

/** `{data: [{data: {...}, uri}], links}` around one page of a list, checked
 * entry by entry (listEntry): `records` in order, the positions of
 * `skipped` ones. */
export const listEnvelope = <T extends z.ZodType>(item: T) => {
  const entryOf = listEntry(item);
  return z
    .looseObject({ data: z.array(z.unknown()), links: z.array(cleverLinkSchema).optional() })
    .transform((page, ctx) => {
      const records: z.infer<T>[] = [];
      const skipped: number[] = [];
      page.data.forEach((raw, index) => {
        const entry = entryOf(raw);
        if ("record" in entry) records.push(entry.record);
        else if ("skipped" in entry) skipped.push(index);
        else for (const issue of entry.issues) ctx.addIssue({ code: "custom", message: issue.message, path: ["data", index, ...issue.path] });
      });
      return { links: page.links, records, skipped };
    });
};

const cleverAuthorizedBySchema = z.enum(["teacher", "district"]);
/** The role a login is in, as /userinfo and id_tokens name it. Clever's
 * pages list `student`, `teacher`, `staff` and `district admin`; v2 names
 * `school_admin` and `district_admin`; `contact` is a family member. Any
 * value is read, none refused: one the app does not know sends the login to
 * the user's record (lib/clever/login-identity.ts). */
const cleverLoginTypeSchema = z.string().min(1);

/** /me's type: a role (as above), `district` for a district-app token, or,
 * on v3, `user`, whose roles only the user's record tells. */
const meType = z.string().min(1);

/** GET /v2.1/me or /v3.1/me. A district-app token's /me has type
 * "district". Recorded answers (../shared/clever-recorded) put `type` inside
 * `data`, at the top, or both (v3: `"type": "user"` at the top, the role or
 * "user" inside): `type` below is `data.type` when given, else the top one. */
export const cleverMeSchema = z
  .looseObject({
    type: meType.optional(),
    data: z.looseObject({
      id,
      type: meType.optional(),
      /** Only for district-shared users. */
      district: idRef.optional(),
      /** v2.1 only: who shared the user with the app. */
      authorized_by: cleverAuthorizedBySchema.optional(),
    }),
    links: z.array(z.looseObject({ rel: z.string(), uri: z.string() })).optional(),
  })
  .transform((me, ctx) => {
    const type = me.data.type ?? me.type;
    if (type === undefined) {
      ctx.addIssue({ code: "custom", message: "neither type nor data.type says who the token belongs to", path: ["data", "type"] });
      return z.NEVER;
    }
    return { ...me, type };
  });

/** GET /userinfo (dev.clever.com "The /userinfo Endpoint"): who signed in,
 * in this login's role. `user_id` is the v2 ID, `sub` the v3 one. */
export const cleverUserinfoSchema = z.looseObject({
  sub: id,
  user_id: id,
  multi_role_user_id: idRef.nullish(),
  user_type: cleverLoginTypeSchema,
  district_id: idRef.nullish(),
  district: idRef.nullish(),
  email: nullableString,
  email_verified: z.boolean().optional(),
  name: cleverNameSchema.nullish(),
  given_name: nullableString,
  family_name: nullableString,
  schools: idList.optional(),
  authorized_by: cleverAuthorizedBySchema.optional(),
});

/** An OIDC app's id_token claims (dev.clever.com "OIDC Implementation"),
 * read after its signature, issuer, audience and expiry were verified. No
 * `authorized_by`: Clever issues id_tokens for district logins only. */
export const cleverIdTokenClaimsSchema = z.looseObject({
  sub: id,
  user_id: id,
  user_type: cleverLoginTypeSchema,
  district: idRef.nullish(),
  multi_role_user_id: idRef.nullish(),
  email: nullableString,
  email_verified: z.boolean().optional(),
  given_name: nullableString,
  family_name: nullableString,
});

/** GET /oauth/tokens?owner_type=district: the app's district-app tokens. */
export const cleverDistrictTokensSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string().optional(),
      access_token: z.string().min(1),
      // Only compared with a district ID we hold: one odd entry must not hide the others.
      owner: z.looseObject({ type: z.string(), id: z.string().min(1) }),
      scopes: z.array(z.string()).optional(),
      created: z.string().optional(),
    }),
  ),
  links: z.array(cleverLinkSchema).optional(),
});

/** POST /oauth/tokens (code exchange). */
export const cleverTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
});

export type CleverGrade = z.infer<typeof cleverGradeSchema>;
export type CleverName = z.infer<typeof cleverNameSchema>;
export type CleverDistrict = z.infer<typeof cleverDistrictSchema>;
export type CleverSchool = z.infer<typeof cleverSchoolSchema>;
export type CleverTeacher = z.infer<typeof cleverTeacherSchema>;
export type CleverStudent = z.infer<typeof cleverStudentSchema>;
export type CleverSection = z.infer<typeof cleverSectionSchema>;
export type CleverDistrictAdmin = z.infer<typeof cleverDistrictAdminSchema>;
export type CleverTerm = z.infer<typeof cleverTermSchema>;
export type CleverEvent = z.infer<typeof cleverEventSchema>;
export type CleverSchoolAdmin = z.infer<typeof cleverSchoolAdminSchema>;
export type CleverMe = z.infer<typeof cleverMeSchema>;
export type CleverUserinfo = z.infer<typeof cleverUserinfoSchema>;
export type CleverIdTokenClaims = z.infer<typeof cleverIdTokenClaimsSchema>;
