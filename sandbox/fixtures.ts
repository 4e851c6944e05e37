// The sandbox's seed data: one district-shared district ("Sandbox School
// District") and the Clever Library (teacher-shared users), built so that every
// certification case has a named, stable fixture.
//
// IDs are deterministic 24-hex strings (like Clever's Mongo ObjectIds) derived
// from a stable key, so tests, the app and the e2e suite can hard-code them.
//
// Tests and the e2e suite import `fixtures` from here; the app never does.
import { createHash } from "node:crypto";
import { v3UserId } from "./ids";
import type { CleverObject, Kind, UserType } from "./types";

export function cleverId(key: string): string {
  return createHash("sha1").update(`clever-sandbox:${key}`).digest("hex").slice(0, 24);
}

type FixtureType = UserType | "district" | "school" | "section" | "library" | "term" | "course";

function isUserType(t: FixtureType): t is UserType {
  return t === "teacher" || t === "student" || t === "school_admin" || t === "district_admin";
}

export interface FixtureHandle {
  /** The key in `fixtures` (or a generated key for bulk records). */
  key: string;
  id: string;
  type: FixtureType;
  /** Display name exactly as the sandbox login page shows it ("First Last"), or the record's name. */
  name: string;
  /** District ID, or null for Library (teacher-shared) records and the Library itself. */
  districtId: string | null;
  email?: string | null;
  tags: string[];
  /** Users only: the v3 user ID (students: `id`; others differ; multi-role users share one). */
  v3Id?: string;
}

export const LIBRARY_NAME = "Clever Library";
export const DISTRICT_NAME = "Sandbox School District";

const CREATED = "2024-07-15T16:00:00.000Z";
const LAST_MODIFIED = "2025-01-10T09:30:00.000Z";

type Grade =
  | "PreKindergarten"
  | "Kindergarten"
  | "1"
  | "2"
  | "3"
  | "4"
  | "5"
  | "6"
  | "7"
  | "8"
  | "9"
  | "10"
  | "11"
  | "12"
  | "PostGraduate"
  | "Other";

type Subject =
  | "english/language arts"
  | "math"
  | "science"
  | "social studies"
  | "language"
  | "homeroom/advisory"
  | "interventions/online learning"
  | "technology and engineering"
  | "PE and health"
  | "arts and music"
  | "other";

/** ASCII local part for generated e-mail addresses ("José Ñúñez" -> "jose.nunez"). */
function emailLocal(first: string, last: string): string {
  const ascii = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "");
  return `${ascii(first)}.${ascii(last)}`;
}

function graduationYear(grade: Grade | null): string | null {
  const n = grade === null ? NaN : Number(grade);
  if (Number.isInteger(n)) return String(2025 + (12 - n));
  if (grade === "Kindergarten") return "2037";
  if (grade === "PreKindergarten") return "2038";
  return null;
}

function build() {
  const data: Record<Kind, CleverObject[]> = {
    districts: [],
    schools: [],
    teachers: [],
    students: [],
    sections: [],
    district_admins: [],
    school_admins: [],
  };
  const handles: FixtureHandle[] = [];

  const handle = (h: FixtureHandle): FixtureHandle => {
    handles.push(h);
    return h;
  };

  // ---------------------------------------------------------------- district
  const districtId = cleverId("district");
  data.districts.push({
    id: districtId,
    name: DISTRICT_NAME,
    state: "success",
    sis_type: "clever",
    last_sync: "2025-01-10T09:00:00.000Z",
    launch_date: "2024-08-01T00:00:00.000Z",
    nces_id: "0600001",
    mdr_number: null,
    pause_start: null,
    pause_end: null,
  });
  const district = handle({
    key: "district",
    id: districtId,
    type: "district",
    name: DISTRICT_NAME,
    districtId,
    tags: ["district-shared", "connected-to-demo-app"],
  });

  // The Library is not a district in the Data API; the sandbox only uses this
  // ID for its school picker and login page.
  const library = handle({
    key: "library",
    id: cleverId("library"),
    type: "library",
    name: LIBRARY_NAME,
    districtId: null,
    tags: ["teacher-shared", "pseudo-district (picker/login page only)"],
  });

  // ----------------------------------------------------------------- schools
  const school = (key: string, name: string, low: Grade, high: Grade, n: number): FixtureHandle => {
    const id = cleverId(key);
    data.schools.push({
      id,
      district: districtId,
      name,
      created: CREATED,
      last_modified: LAST_MODIFIED,
      sis_id: `SCH-${n}`,
      school_number: String(n),
      state_id: `ST-${n}`,
      nces_id: null,
      mdr_number: null,
      low_grade: low,
      high_grade: high,
      phone: `(555) 010-${1000 + n}`,
      principal: { name: n === 101 ? "Helen Park" : "Victor Alvarez", email: `principal${n}@sandbox.example` },
      location: { address: `${n} School Way`, city: "Springfield", state: "CA", zip: "94000", lat: null, lon: null },
    });
    return handle({ key, id, type: "school", name, districtId, tags: ["school"] });
  };
  const schoolElementary = school("schoolElementary", "Sandbox Elementary School", "PreKindergarten", "5", 101);
  const schoolHigh = school("schoolHigh", "Sandbox High School", "9", "12", 102);

  // ------------------------------------------------------------------ admins
  const districtAdminId = cleverId("districtAdmin");
  data.district_admins.push({
    id: districtAdminId,
    district: districtId,
    name: { first: "Morgan", last: "Reyes" },
    email: "morgan.reyes@sandbox.example",
    title: "Director of Technology",
  });
  const districtAdmin = handle({
    key: "districtAdmin",
    id: districtAdminId,
    type: "district_admin",
    name: "Morgan Reyes",
    districtId,
    email: "morgan.reyes@sandbox.example",
    tags: ["admin", "IL-07"],
  });

  const schoolAdminId = cleverId("schoolAdmin");
  data.school_admins.push({
    id: schoolAdminId,
    district: districtId,
    schools: [schoolElementary.id],
    name: { first: "Priya", last: "Patel" },
    email: "priya.patel@sandbox.example",
    title: "Principal",
    staff_id: "STAFF-2001",
    credentials: { district_username: "ppatel" },
  });
  const schoolAdmin = handle({
    key: "schoolAdmin",
    id: schoolAdminId,
    type: "school_admin",
    name: "Priya Patel",
    districtId,
    email: "priya.patel@sandbox.example",
    tags: ["admin", "IL-07"],
  });

  // ---------------------------------------------------------------- teachers
  let teacherSeq = 0;
  const districtTeacher = (
    key: string,
    first: string,
    last: string,
    schools: FixtureHandle[],
    tags: string[],
    opts: { middle?: string; email?: false } = {},
  ): FixtureHandle => {
    teacherSeq += 1;
    const id = cleverId(key);
    const email = opts.email === false ? null : `${emailLocal(first, last)}@sandbox.example`;
    const name: Record<string, string> = { first, last };
    if (opts.middle !== undefined) name.middle = opts.middle;
    const obj: CleverObject = {
      id,
      district: districtId,
      school: schools[0]?.id,
      schools: schools.map((s) => s.id),
      name,
      sis_id: `T-${1000 + teacherSeq}`,
      teacher_number: `T${1000 + teacherSeq}`,
      state_id: null,
      title: "Teacher",
      created: CREATED,
      last_modified: LAST_MODIFIED,
      credentials: { district_username: `${emailLocal(first, last)}` },
    };
    // teacherNoEmail has no email field at all (Clever omits nullable fields).
    if (email !== null) obj.email = email;
    data.teachers.push(obj);
    return handle({ key, id, type: "teacher", name: `${first} ${last}`, districtId, email, tags });
  };

  const teacher = districtTeacher("teacher", "Ana", "Núñez", [schoolElementary], ["generic", "utf8-name"], {
    middle: "Lucía",
  });
  const teacherZeroSections = districtTeacher("teacherZeroSections", "Nora", "Quinn", [schoolElementary], [
    "zero-sections",
    "LIB-09",
  ]);
  const teacherTwelveSections = districtTeacher(
    "teacherTwelveSections",
    "Marcus",
    "Bell",
    [schoolElementary, schoolHigh],
    ["12-sections", "every-subject", "many-grades", "LIB-R10", "LIG-11"],
    { middle: "T" },
  );
  const teacherNoEmail = districtTeacher("teacherNoEmail", "Harold", "Finch", [schoolHigh], ["no-email"], {
    email: false,
  });
  const coTeacherA = districtTeacher("coTeacherA", "Ava", "Lee", [schoolElementary], ["co-teacher", "primary", "LIB-R09"]);
  const coTeacherB = districtTeacher("coTeacherB", "Ben", "Ortiz", [schoolElementary], ["co-teacher", "LIB-R09"]);
  const coTeacherC = districtTeacher("coTeacherC", "Chloe", "Park", [schoolElementary], ["co-teacher", "LIB-R09"]);
  const teacherUtf8 = districtTeacher("teacherUtf8", "José", "Ñúñez", [schoolElementary], [
    "utf8-name",
    "DSSO-R4",
    "LIB-R12",
  ]);
  const teacherBigSection = districtTeacher("teacherBigSection", "Liam", "Carter", [schoolHigh], [
    "100+-students",
    "LIB-R11",
  ]);
  // A district teacher who has also authorized the apps through the Library
  // (store.seedConsents) and teaches a Library section: Clever routes them to
  // the district (authorized_by "district").
  const teacherSharedBothWays = districtTeacher("teacherSharedBothWays", "Dana", "Whitfield", [schoolElementary], [
    "shared-both-ways",
    "library-consent",
  ]);

  // ---------------------------------------------------------------- students
  let studentSeq = 0;
  const districtStudent = (
    key: string,
    name: { first: string; last: string; middle?: string },
    schoolHandle: FixtureHandle,
    grade: Grade | null,
    tags: string[],
    opts: { display?: string } = {},
  ): FixtureHandle => {
    studentSeq += 1;
    const id = cleverId(key);
    const sis = `S-${10000 + studentSeq}`;
    const email = `student${10000 + studentSeq}@students.sandbox.example`;
    data.students.push({
      id,
      district: districtId,
      school: schoolHandle.id,
      schools: [schoolHandle.id],
      name: { ...name },
      grade,
      email,
      sis_id: sis,
      student_number: String(10000 + studentSeq),
      state_id: `ST-${sis}`,
      dob: `${(studentSeq % 12) + 1}/${(studentSeq % 27) + 1}/${2008 + (studentSeq % 10)}`,
      gender: studentSeq % 2 === 0 ? "F" : "M",
      graduation_year: graduationYear(grade),
      hispanic_ethnicity: "",
      ell_status: "N",
      race: "Unknown",
      created: CREATED,
      last_modified: LAST_MODIFIED,
      credentials: { district_username: `s${10000 + studentSeq}` },
    });
    return handle({
      key,
      id,
      type: "student",
      name: opts.display ?? `${name.first} ${name.last}`,
      districtId,
      email,
      tags,
    });
  };

  const student = districtStudent("student", { first: "Emma", middle: "R", last: "Johnson" }, schoolElementary, "3", [
    "generic",
  ]);
  const studentMultiTeacher = districtStudent(
    "studentMultiTeacher",
    { first: "Noah", middle: "J", last: "Williams" },
    schoolElementary,
    "3",
    ["multiple-teachers", "LIB-08"],
  );
  const studentNoGrade = districtStudent("studentNoGrade", { first: "Mia", middle: "K", last: "Brown" }, schoolElementary, null, [
    "no-grade (grade: null)",
  ]);
  const studentNoMiddleName = districtStudent("studentNoMiddleName", { first: "Lucas", last: "Davis" }, schoolElementary, "3", [
    "no-middle-name (field absent)",
  ]);
  const studentArabic = districtStudent("studentArabic", { first: "ليلى", last: "حداد" }, schoolElementary, "4", [
    "utf8-name",
    "arabic-script",
    "rtl",
  ]);
  const studentHebrew = districtStudent("studentHebrew", { first: "נועה", last: "כהן" }, schoolElementary, "4", [
    "utf8-name",
    "hebrew-script",
    "rtl",
  ]);
  const studentEmoji = districtStudent("studentEmoji", { first: "Sunny 🌞", last: "Rivera" }, schoolElementary, "4", [
    "utf8-name",
    "emoji",
  ]);
  const studentApostrophe = districtStudent("studentApostrophe", { first: "Siobhan", middle: "M", last: "O'Brien" }, schoolElementary, "3", [
    "apostrophe",
  ]);
  const longFirst = "Maximiliana";
  const longLast = buildLongLast(200 - longFirst.length - 1);
  const studentLongName = districtStudent("studentLongName", { first: longFirst, last: longLast }, schoolElementary, "3", [
    "200-character-name",
  ]);
  // "Renée" with a decomposed é (e + U+0301): stored and served byte for byte.
  const studentNfd = districtStudent("studentNfd", { first: "Rene\u0301e", last: "Dubois" }, schoolElementary, "3", [
    "utf8-name",
    "nfd-normalization",
  ]);

  // Generic roster students for the twelve sections and friends.
  const rosterFirst = ["Amara", "Bodhi", "Cora", "Dmitri", "Elena", "Felix", "Gemma", "Hugo", "Iris", "Jonah"];
  const rosterLast = ["Fischer", "Gupta", "Holm"];
  const roster: FixtureHandle[] = [];
  rosterLast.forEach((last, li) => {
    rosterFirst.forEach((first, fi) => {
      const n = li * rosterFirst.length + fi;
      const grade: Grade = (["Kindergarten", "1", "2", "3", "4", "5"] as const)[n % 6] ?? "3";
      const h = districtStudent(`roster:${n}`, fi % 3 === 0 ? { first, last } : { first, middle: "A", last }, schoolElementary, grade, [
        "generated",
        "roster",
      ]);
      roster.push(h);
    });
  });
  const rosterIds = (from: number, count: number): string[] =>
    Array.from({ length: count }, (_, i) => roster[(from + i) % roster.length]?.id ?? "").filter((s) => s !== "");

  // 125 students for sectionBig (more than one page at the default limit 100).
  const bigFirst = [
    "Aiden", "Bella", "Caleb", "Delia", "Ethan", "Fiona", "Gavin", "Hazel", "Isaac", "Jada", "Kieran", "Luna", "Miles",
    "Nadia", "Owen", "Piper", "Quentin", "Ruby", "Silas", "Tessa", "Uriel", "Vera", "Wyatt", "Ximena", "Yusuf",
  ];
  const bigLast = ["Abbott", "Barker", "Castillo", "Dunn", "Ellison"];
  const bigStudents: FixtureHandle[] = [];
  bigLast.forEach((last, li) => {
    bigFirst.forEach((first, fi) => {
      const n = li * bigFirst.length + fi;
      bigStudents.push(
        districtStudent(`bigSection:${n}`, n % 2 === 0 ? { first, last } : { first, middle: "B", last }, schoolHigh, "9", [
          "generated",
          "sectionBig",
        ]),
      );
    });
  });

  // ---------------------------------------------------------------- sections
  let sectionSeq = 0;
  const districtSection = (
    key: string,
    spec: {
      name: string;
      subject: Subject;
      grade: Grade | null;
      school: FixtureHandle;
      teachers: FixtureHandle[];
      students: string[];
      period?: string;
    },
    tags: string[],
  ): FixtureHandle => {
    sectionSeq += 1;
    const id = cleverId(key);
    data.sections.push({
      id,
      district: districtId,
      school: spec.school.id,
      name: spec.name,
      subject: spec.subject,
      grade: spec.grade,
      period: spec.period ?? String(((sectionSeq - 1) % 8) + 1),
      section_number: `SEC-${100 + sectionSeq}`,
      sis_id: `SIS-SEC-${100 + sectionSeq}`,
      teacher: spec.teachers[0]?.id ?? null,
      teachers: spec.teachers.map((t) => t.id),
      students: [...spec.students],
      term_id: null,
      course: null,
      created: CREATED,
      last_modified: LAST_MODIFIED,
    });
    return handle({ key, id, type: "section", name: spec.name, districtId, tags });
  };

  const specialStudents = [
    student,
    studentMultiTeacher,
    studentNoGrade,
    studentNoMiddleName,
    studentArabic,
    studentHebrew,
    studentEmoji,
    studentApostrophe,
    studentLongName,
    studentNfd,
  ].map((s) => s.id);

  const sectionHomeroom = districtSection(
    "sectionHomeroom",
    {
      name: "Homeroom 3 — Sra. Núñez",
      subject: "homeroom/advisory",
      grade: "3",
      school: schoolElementary,
      teachers: [teacher],
      students: [...specialStudents, ...rosterIds(0, 4)],
    },
    ["edge-case-names", "utf8-name"],
  );

  const twelveSpecs: { name: string; subject: Subject; grade: Grade; school: FixtureHandle }[] = [
    { name: "Kindergarten Reading", subject: "english/language arts", grade: "Kindergarten", school: schoolElementary },
    { name: "Math 3", subject: "math", grade: "3", school: schoolElementary },
    { name: "Science 5", subject: "science", grade: "5", school: schoolElementary },
    { name: "Social Studies 4", subject: "social studies", grade: "4", school: schoolElementary },
    { name: "Français I — Débutants", subject: "language", grade: "10", school: schoolHigh },
    { name: "Pre-K Homeroom", subject: "homeroom/advisory", grade: "PreKindergarten", school: schoolElementary },
    { name: "Reading Intervention 2", subject: "interventions/online learning", grade: "2", school: schoolElementary },
    { name: "Robotics & Engineering", subject: "technology and engineering", grade: "11", school: schoolHigh },
    { name: "PE & Health 9", subject: "PE and health", grade: "9", school: schoolHigh },
    { name: "Music Theory <Advanced>", subject: "arts and music", grade: "12", school: schoolHigh },
    { name: "Study Hall", subject: "other", grade: "Other", school: schoolHigh },
    { name: "Geometry", subject: "math", grade: "10", school: schoolHigh },
  ];
  const twelve = twelveSpecs.map((spec, i) => {
    const students = rosterIds(i * 2, 3 + (i % 3));
    // studentMultiTeacher also takes Math 3 (a second teacher).
    if (i === 1) students.push(studentMultiTeacher.id);
    return districtSection(
      `twelveSection${String(i + 1).padStart(2, "0")}`,
      { ...spec, teachers: [teacherTwelveSections], students, period: String(i + 1) },
      ["twelve-sections", `subject:${spec.subject}`, `grade:${spec.grade}`],
    );
  });

  const sectionCoTaught = districtSection(
    "sectionCoTaught",
    {
      name: "Team-Taught Science 5",
      subject: "science",
      grade: "5",
      school: schoolElementary,
      teachers: [coTeacherA, coTeacherB, coTeacherC],
      students: [studentMultiTeacher.id, ...rosterIds(10, 5)],
    },
    ["co-taught", "3-teachers", "LIB-R09"],
  );
  const sectionUtf8 = districtSection(
    "sectionUtf8",
    {
      name: "Español para niños — Sección Ñ",
      subject: "language",
      grade: "4",
      school: schoolElementary,
      teachers: [teacherUtf8],
      students: [studentArabic.id, studentHebrew.id, studentEmoji.id, ...rosterIds(16, 2)],
    },
    ["utf8-name", "DSSO-R4", "LIB-R12"],
  );
  const sectionNoEmailTeacher = districtSection(
    "sectionNoEmailTeacher",
    {
      name: "Computer Lab",
      subject: "technology and engineering",
      grade: "9",
      school: schoolHigh,
      teachers: [teacherNoEmail],
      students: bigStudents.slice(0, 3).map((s) => s.id),
    },
    ["teacher-without-email"],
  );
  const sectionBig = districtSection(
    "sectionBig",
    {
      name: "Biology 9 (Big Section)",
      subject: "science",
      grade: "9",
      school: schoolHigh,
      teachers: [teacherBigSection],
      students: bigStudents.map((s) => s.id),
    },
    ["125-students", "paging", "LIB-R11", "SYNC-03"],
  );

  // ----------------------------------------------------------------- Library
  // Teacher-shared records carry only what seed 002 lists (no district or
  // school): teacher id/name/email, student id/name/grade, section
  // id/name/section_number/teachers/students/subject/grade.
  const libraryTeacherObj = (key: string, first: string, last: string, tags: string[]): FixtureHandle => {
    const id = cleverId(key);
    const email = `${emailLocal(first, last)}@library.example`;
    data.teachers.push({ id, name: { first, middle: "", last }, email });
    return handle({ key, id, type: "teacher", name: `${first} ${last}`, districtId: null, email, tags });
  };
  const libraryStudentObj = (key: string, first: string, last: string, grade: Grade | null, tags: string[]): FixtureHandle => {
    const id = cleverId(key);
    const obj: CleverObject = { id, name: { first, middle: "", last } };
    if (grade !== null) obj.grade = grade;
    data.students.push(obj);
    return handle({ key, id, type: "student", name: `${first} ${last}`, districtId: null, email: null, tags });
  };
  let librarySectionSeq = 0;
  const librarySectionObj = (
    key: string,
    spec: { name: string; subject: Subject; grade: Grade | null; teachers: FixtureHandle[]; students: FixtureHandle[] },
    tags: string[],
  ): FixtureHandle => {
    librarySectionSeq += 1;
    const id = cleverId(key);
    const obj: CleverObject = {
      id,
      name: spec.name,
      section_number: `LIB-${librarySectionSeq}`,
      subject: spec.subject,
      teacher: spec.teachers[0]?.id ?? null,
      teachers: spec.teachers.map((t) => t.id),
      students: spec.students.map((s) => s.id),
    };
    if (spec.grade !== null) obj.grade = spec.grade;
    data.sections.push(obj);
    return handle({ key, id, type: "section", name: spec.name, districtId: null, tags });
  };

  const libraryTeacher = libraryTeacherObj("libraryTeacher", "Rosa", "Martínez", ["library", "teacher-shared", "3-sections"]);
  const libraryTeacher2 = libraryTeacherObj("libraryTeacher2", "Sam", "Okafor", ["library", "teacher-shared", "co-teacher"]);
  const libraryTeacherZeroSections = libraryTeacherObj("libraryTeacherZeroSections", "Tomás", "Ruiz", [
    "library",
    "teacher-shared",
    "zero-sections",
    "LIB-09",
  ]);
  const libraryStudent = libraryStudentObj("libraryStudent", "Kai", "Nakamura", "4", [
    "library",
    "teacher-shared",
    "multiple-teachers",
    "LIB-08",
  ]);
  const libFirst = ["Ari", "Bea", "Cyrus", "Dina", "Eliot", "Farah", "Gus", "Ines", "Jasper"];
  const libLast = ["Moreau", "Silva", "Tanaka"];
  const libStudents = libFirst.map((first, i) =>
    libraryStudentObj(`libraryStudent:${i}`, first, libLast[i % 3] ?? "Silva", i === 8 ? null : "4", ["library", "generated"]),
  );
  const librarySection1 = librarySectionObj(
    "librarySection1",
    {
      name: "Reading Circle",
      subject: "english/language arts",
      grade: "4",
      teachers: [libraryTeacher],
      students: [libraryStudent, ...libStudents.slice(0, 3)],
    },
    ["library"],
  );
  const librarySection2 = librarySectionObj(
    "librarySection2",
    {
      name: "Math Explorers",
      subject: "math",
      grade: "4",
      teachers: [libraryTeacher, libraryTeacher2],
      students: libStudents.slice(3, 6),
    },
    ["library", "co-taught"],
  );
  const librarySection3 = librarySectionObj(
    "librarySection3",
    { name: "Science Club", subject: "science", grade: null, teachers: [libraryTeacher], students: libStudents.slice(6, 9) },
    ["library", "no-grade"],
  );
  const librarySectionT2 = librarySectionObj(
    "librarySectionT2",
    {
      name: "Art Studio",
      subject: "arts and music",
      grade: "4",
      teachers: [libraryTeacher2],
      students: [libraryStudent, libStudents[0], libStudents[4]].filter((s): s is FixtureHandle => s !== undefined),
    },
    ["library"],
  );
  const librarySectionBothWays = librarySectionObj(
    "librarySectionBothWays",
    {
      name: "Poetry Club",
      subject: "english/language arts",
      grade: "4",
      teachers: [teacherSharedBothWays],
      students: libStudents.slice(1, 3),
    },
    ["library", "teacher-shared-both-ways"],
  );

  // ------------------------------------------------------- multi-role users
  // Clever (API v3.x, "Multi-Role Users"): one person may hold a teacher and a
  // staff (school admin) role, or be a district admin who also teaches. On v2
  // they are one record per role type, each with its own v2 ID; on v3 they
  // are one user whose roles carry each v2 ID as `legacy_id`. The v3 ID is
  // v3UserId() of the first role's v2 ID (see `v3Links`).
  const v3Links: Record<string, { id: string; type: UserType }> = {};
  const multiRoleTeacher = districtTeacher("multiRoleTeacher", "Grace", "Kim", [schoolElementary], [
    "multi-role",
    "teacher+staff",
  ]);
  const multiRoleTeacherAsStaffId = cleverId("multiRoleTeacherAsStaff");
  data.school_admins.push({
    id: multiRoleTeacherAsStaffId,
    district: districtId,
    schools: [schoolElementary.id],
    name: { first: "Grace", last: "Kim" },
    email: multiRoleTeacher.email ?? null,
    title: "Assistant Principal",
    staff_id: "STAFF-2002",
    credentials: { district_username: "gkim" },
  });
  const multiRoleTeacherAsStaff = handle({
    key: "multiRoleTeacherAsStaff",
    id: multiRoleTeacherAsStaffId,
    type: "school_admin",
    name: "Grace Kim",
    districtId,
    email: multiRoleTeacher.email ?? null,
    tags: ["multi-role", "teacher+staff", "staff role of multiRoleTeacher"],
  });
  const multiRoleDistrictAdminId = cleverId("multiRoleDistrictAdmin");
  data.district_admins.push({
    id: multiRoleDistrictAdminId,
    district: districtId,
    name: { first: "Omar", last: "Haddad" },
    email: "omar.haddad@sandbox.example",
    title: "Assistant Superintendent",
  });
  const multiRoleDistrictAdmin = handle({
    key: "multiRoleDistrictAdmin",
    id: multiRoleDistrictAdminId,
    type: "district_admin",
    name: "Omar Haddad",
    districtId,
    email: "omar.haddad@sandbox.example",
    tags: ["multi-role", "district_admin+teacher"],
  });
  const multiRoleDistrictAdminAsTeacher = districtTeacher(
    "multiRoleDistrictAdminAsTeacher",
    "Omar",
    "Haddad",
    [schoolHigh],
    ["multi-role", "district_admin+teacher", "teacher role of multiRoleDistrictAdmin"],
  );
  const teacherAnchor = { id: multiRoleTeacher.id, type: "teacher" as const };
  v3Links[multiRoleTeacher.id] = teacherAnchor;
  v3Links[multiRoleTeacherAsStaffId] = teacherAnchor;
  const adminAnchor = { id: multiRoleDistrictAdminId, type: "district_admin" as const };
  v3Links[multiRoleDistrictAdminId] = adminAnchor;
  v3Links[multiRoleDistrictAdminAsTeacher.id] = adminAnchor;
  const sectionMultiRoleTeacher = districtSection(
    "sectionMultiRoleTeacher",
    {
      name: "Writing Workshop 4",
      subject: "english/language arts",
      grade: "4",
      school: schoolElementary,
      teachers: [multiRoleTeacher],
      students: rosterIds(20, 3),
    },
    ["multi-role", "taught by the teacher who is also staff"],
  );
  const sectionDistrictAdminTeaches = districtSection(
    "sectionDistrictAdminTeaches",
    {
      name: "AP Statistics",
      subject: "math",
      grade: "12",
      school: schoolHigh,
      teachers: [multiRoleDistrictAdminAsTeacher],
      students: rosterIds(24, 2),
    },
    ["multi-role", "taught by a district admin"],
  );

  // ------------------------------------------------------- v3-only records
  // Terms and courses exist on v3 only here (minimal: sections do not name
  // them; their term_id and course stay null so v2 bodies are unchanged).
  const termId = cleverId("termFullYear");
  const v3Only: { terms: CleverObject[]; courses: CleverObject[] } = {
    terms: [
      {
        id: termId,
        district: districtId,
        name: "2024–2025 Full Year",
        start_date: "2024-08-15T00:00:00.000Z",
        end_date: "2025-06-13T00:00:00.000Z",
      },
    ],
    courses: [
      { id: cleverId("courseMath3"), district: districtId, name: "Mathematics 3", number: "MATH-3" },
      { id: cleverId("courseBiology"), district: districtId, name: "Biology", number: "SCI-9" },
    ],
  };
  const termFullYear = handle({ key: "termFullYear", id: termId, type: "term", name: "2024–2025 Full Year", districtId, tags: ["v3-only"] });
  const courseMath3 = handle({ key: "courseMath3", id: cleverId("courseMath3"), type: "course", name: "Mathematics 3", districtId, tags: ["v3-only"] });
  const courseBiology = handle({ key: "courseBiology", id: cleverId("courseBiology"), type: "course", name: "Biology", districtId, tags: ["v3-only"] });
  // v3 role fields the v2 definitions do not have (served on v3 only; v3.0
  // drops the v3.1-only ones).
  const roleExtras: Record<string, Record<string, unknown>> = {
    [student.id]: {
      ext: { house: "Blue" },
      location: { address: "12 Elm Street", city: "Springfield", state: "CA", zip: "94000", lat: null, lon: null },
      gifted_status: "N",
      frl_status: "",
    },
  };

  const fixtures = {
    district,
    library,
    schoolElementary,
    schoolHigh,
    districtAdmin,
    schoolAdmin,
    teacher,
    teacherZeroSections,
    teacherTwelveSections,
    teacherNoEmail,
    coTeacherA,
    coTeacherB,
    coTeacherC,
    teacherUtf8,
    teacherBigSection,
    teacherSharedBothWays,
    student,
    studentMultiTeacher,
    studentNoGrade,
    studentNoMiddleName,
    studentArabic,
    studentHebrew,
    studentEmoji,
    studentApostrophe,
    studentLongName,
    studentNfd,
    sectionHomeroom,
    sectionCoTaught,
    sectionUtf8,
    sectionNoEmailTeacher,
    sectionBig,
    twelveSection01: twelve[0] as FixtureHandle,
    twelveSection02: twelve[1] as FixtureHandle,
    twelveSection03: twelve[2] as FixtureHandle,
    twelveSection04: twelve[3] as FixtureHandle,
    twelveSection05: twelve[4] as FixtureHandle,
    twelveSection06: twelve[5] as FixtureHandle,
    twelveSection07: twelve[6] as FixtureHandle,
    twelveSection08: twelve[7] as FixtureHandle,
    twelveSection09: twelve[8] as FixtureHandle,
    twelveSection10: twelve[9] as FixtureHandle,
    twelveSection11: twelve[10] as FixtureHandle,
    twelveSection12: twelve[11] as FixtureHandle,
    libraryTeacher,
    libraryTeacher2,
    libraryTeacherZeroSections,
    libraryStudent,
    librarySection1,
    librarySection2,
    librarySection3,
    librarySectionT2,
    librarySectionBothWays,
    multiRoleTeacher,
    multiRoleTeacherAsStaff,
    multiRoleDistrictAdmin,
    multiRoleDistrictAdminAsTeacher,
    sectionMultiRoleTeacher,
    sectionDistrictAdminTeaches,
    termFullYear,
    courseMath3,
    courseBiology,
  } as const;

  // Every user handle knows its v3 ID (students: the same; others: v3UserId).
  for (const h of handles) {
    if (!isUserType(h.type)) continue;
    const anchorOf = v3Links[h.id];
    h.v3Id = anchorOf ? v3UserId(anchorOf.id, anchorOf.type) : v3UserId(h.id, h.type);
  }

  return { data, fixtures, handles, twelve, bigStudents, v3Links, v3Only, roleExtras };
}

/** A last name of exactly `length` characters made of real surnames. */
function buildLongLast(length: number): string {
  const parts = ["Montgomery", "Fitzwilliam", "Abernathy", "Worthington", "Castellanos", "Delacroix", "Vanderbilt"];
  let s = "";
  for (let i = 0; s.length < length; i++) s += (s ? "-" : "") + parts[i % parts.length];
  s = s.slice(0, length);
  return s.endsWith("-") ? `${s.slice(0, -1)}a` : s;
}

const built = build();

/** Named handles to the seeded records. */
export const fixtures = built.fixtures;
export type FixtureKey = keyof typeof fixtures;

/** The 12 sections of teacherTwelveSections, in order. */
export const twelveSections: readonly FixtureHandle[] = built.twelve;
/** The 125 students of sectionBig. */
export const bigSectionStudents: readonly FixtureHandle[] = built.bigStudents;
/** Every seeded record with a handle (named and generated). */
export const allHandles: readonly FixtureHandle[] = built.handles;

const handleById = new Map(built.handles.map((h) => [h.id, h]));
export function handleFor(id: string): FixtureHandle | undefined {
  return handleById.get(id);
}

/** A fresh deep copy of the seed, for the store (reset restores it). */
export function seedData(): Record<Kind, CleverObject[]> {
  return structuredClone(built.data);
}

/** v2 ID -> the role whose v2 ID makes the v3 ID (multi-role users; everyone else: their own). */
export function seedV3Links(): Record<string, { id: string; type: UserType }> {
  return structuredClone(built.v3Links);
}

/** v3-only seed records (terms, courses). */
export function seedV3Only(): { terms: CleverObject[]; courses: CleverObject[] } {
  return structuredClone(built.v3Only);
}

/** v3 role fields the v2 records cannot hold, by v2 ID. */
export function seedRoleExtras(): Record<string, Record<string, unknown>> {
  return structuredClone(built.roleExtras);
}
