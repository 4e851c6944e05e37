// A generated district of any size beside the fixtures, for rostering at
// scale: `npm run sandbox -- --students 50000`, createSandbox({generatedDistrict}),
// or POST /sandbox/generated-district. Deterministic from its seed (a small
// PRNG, IDs from sha1 of seed + kind + index), in a real district's
// proportions (per 50,000 students: 3,000 teachers, 15,000 sections, 60
// schools), with names that test an importer: accented Latin (ñ, é), Arabic
// and Hebrew (right to left), emoji, NFD-decomposed accents, students without
// email. Records are Clever v2.0 shapes, like the fixtures; it is part of the
// seed (reset brings it back), so loading it records no events.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Store } from "./store";
import type { CleverObject, Kind } from "./types";

/** Per 50,000 students (the default size). */
const PER_50K = { teachers: 3000, sections: 15_000, schools: 60 };
export const DEFAULT_GENERATED_STUDENTS = 50_000;
/** Each student's sections are drawn so that a section averages this many students. */
const CLASS_SIZE = 26;

export const districtSizeSchema = z
  .object({
    students: z.number().int().min(1).max(500_000),
    teachers: z.number().int().min(1).max(100_000).optional(),
    sections: z.number().int().min(1).max(200_000).optional(),
    schools: z.number().int().min(1).max(1000).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();
export type DistrictSize = z.infer<typeof districtSizeSchema>;
export type ResolvedSize = Required<DistrictSize>;

/** The size with every count the caller left out in the default proportions to `students`. */
export function resolveSize(size: DistrictSize): ResolvedSize {
  const per = (n: number) => Math.max(1, Math.round((size.students * n) / DEFAULT_GENERATED_STUDENTS));
  return {
    students: size.students,
    teachers: size.teachers ?? per(PER_50K.teachers),
    sections: size.sections ?? per(PER_50K.sections),
    schools: size.schools ?? per(PER_50K.schools),
    seed: size.seed ?? 1,
  };
}

export interface GeneratedDistrict {
  size: ResolvedSize;
  data: Record<Kind, CleverObject[]>;
  terms: CleverObject[];
}

// ------------------------------------------------------------------ names

type Script = "latin" | "arabic" | "hebrew";
const LATIN_FIRST = [
  "Sofía", "Mateo", "Zoë", "Chloé", "Noé", "José", "Inés", "Iñaki", "Renée", "Andrés", "Ana", "Liam", "Olivia",
  "Aarav", "Mei", "Yuki", "Oluwaseun", "Björn", "Søren", "Łucja", "Ngọc", "Đức", "Amélie", "François", "Zoé",
  "Nicolás", "Emma", "Noah", "Ava", "Lucas", "Mía", "Elías", "Thiago", "Valentina", "Håkon", "Çağla", "Jürgen",
];
const LATIN_LAST = [
  "García", "Núñez", "Peña", "Müller", "O'Connor", "Nguyễn", "Øvergaard", "Şahin", "Dubois", "Lefèvre",
  "Kowalski", "Zhang", "Okafor", "Smith", "Johnson", "Hernández", "Muñoz", "Gómez", "Brontë", "Doğan",
  "Ibáñez", "Kim", "Patel", "Rossi", "Sørensen", "Álvarez", "Castañeda", "Ríos", "Walker", "Ødegaard",
];
const ARABIC_FIRST = ["ليلى", "يوسف", "مريم", "عمر", "فاطمة", "خالد", "نور", "سلمى", "أحمد", "رنا"];
const ARABIC_LAST = ["حداد", "الخطيب", "منصور", "العلي", "سعيد", "النجار", "حسن", "عيسى"];
const HEBREW_FIRST = ["נועה", "יונתן", "תמר", "אורי", "מאיה", "איתי", "שירה", "דניאל", "רותם"];
const HEBREW_LAST = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא"];
const EMOJI = ["🌞", "⭐", "🌊", "🦋", "🍀", "🚀", "🎵", "🌈"];
const PLACES = ["Cañon", "San José", "Montréal", "Lakeview", "Riverside", "Peñasco", "Oakridge", "Zürich", "Hillcrest", "Bayside", "Elmwood", "Château"];
const SUBJECTS: [string, string][] = [
  ["english/language arts", "Reading"], ["math", "Math"], ["science", "Science"], ["social studies", "Social Studies"],
  ["language", "Español"], ["homeroom/advisory", "Homeroom"], ["technology and engineering", "Robotics"],
  ["PE and health", "PE & Health"], ["arts and music", "Music"], ["interventions/online learning", "Reading Intervention"],
];
const LEVELS: { type: string; grades: string[]; share: number }[] = [
  { type: "Elementary School", grades: ["Kindergarten", "1", "2", "3", "4", "5"], share: 0.6 },
  { type: "Middle School", grades: ["6", "7", "8"], share: 0.2 },
  { type: "High School", grades: ["9", "10", "11", "12"], share: 0.2 },
];

/** mulberry32: a tiny deterministic PRNG (uniform in [0, 1)). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PersonName {
  first: string;
  last: string;
}

/** Draws a name: 72% Latin (15% of them NFD-decomposed), 10% Arabic, 8% Hebrew, 10% with an emoji. */
function drawName(rand: () => number): PersonName {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const r = rand();
  const script: Script = r < 0.1 ? "arabic" : r < 0.18 ? "hebrew" : "latin";
  if (script === "arabic") return { first: pick(ARABIC_FIRST), last: pick(ARABIC_LAST) };
  if (script === "hebrew") return { first: pick(HEBREW_FIRST), last: pick(HEBREW_LAST) };
  let first = pick(LATIN_FIRST);
  let last = pick(LATIN_LAST);
  const variant = rand();
  if (variant < 0.12) first = `${first} ${pick(EMOJI)}`;
  else if (variant < 0.12 + 0.15) {
    first = first.normalize("NFD");
    last = last.normalize("NFD");
  }
  return { first, last };
}

// ---------------------------------------------------------------- records

const CREATED = "2025-07-01T12:00:00.000Z";
const LAST_MODIFIED = "2025-08-15T12:00:00.000Z";

export function generatedId(seed: number, kind: string, index: number): string {
  return createHash("sha1").update(`clever-sandbox-generated:${seed}:${kind}:${index}`).digest("hex").slice(0, 24);
}

/** The generated district's ID for a seed (its records carry it as `district`). */
export function generatedDistrictId(seed: number): string {
  return generatedId(seed, "district", 0);
}

function graduationYear(grade: string): string {
  const n = grade === "Kindergarten" ? 0 : Number(grade);
  return String(2026 + (12 - n));
}

export function generateDistrict(requested: DistrictSize): GeneratedDistrict {
  const size = resolveSize(requested);
  const { seed } = size;
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const districtId = generatedDistrictId(seed);
  const data: Record<Kind, CleverObject[]> = {
    districts: [],
    schools: [],
    teachers: [],
    students: [],
    sections: [],
    district_admins: [],
    school_admins: [],
  };
  data.districts.push({
    id: districtId,
    name: `Generated School District (seed ${seed})`,
    state: "success",
    sis_type: "clever",
    last_sync: LAST_MODIFIED,
    launch_date: "2025-07-01T00:00:00.000Z",
    nces_id: null,
    mdr_number: null,
    pause_start: null,
    pause_end: null,
  });
  data.district_admins.push({
    id: generatedId(seed, "district_admin", 0),
    district: districtId,
    name: { first: "Camila", last: "Reyes" },
    email: "camila.reyes@generated.example",
    title: "Director of Technology",
  });

  // Terms: two semesters and the full year (v3 serves them; sections name one).
  const terms: CleverObject[] = [
    ["2025–2026 Full Year", "2025-08-18", "2026-06-12"],
    ["Fall 2025", "2025-08-18", "2026-01-16"],
    ["Spring 2026", "2026-01-20", "2026-06-12"],
  ].map(([name, start, end], i) => ({
    id: generatedId(seed, "term", i),
    district: districtId,
    name,
    start_date: `${start}T00:00:00.000Z`,
    end_date: `${end}T00:00:00.000Z`,
  }));

  // Schools by level (60% elementary, 20% middle, 20% high).
  const schoolLevel: (typeof LEVELS)[number][] = [];
  for (let i = 0; i < size.schools; i++) {
    const at = (i + 0.5) / size.schools;
    const level = at < 0.6 ? LEVELS[0] : at < 0.8 ? LEVELS[1] : LEVELS[2];
    schoolLevel.push(level as (typeof LEVELS)[number]);
    const id = generatedId(seed, "school", i);
    const n = 1000 + i;
    data.schools.push({
      id,
      district: districtId,
      name: `${PLACES[i % PLACES.length] ?? "Central"} ${level?.type ?? "School"} ${Math.floor(i / PLACES.length) + 1}`,
      created: CREATED,
      last_modified: LAST_MODIFIED,
      sis_id: `GSCH-${n}`,
      school_number: String(n),
      state_id: `GST-${n}`,
      nces_id: null,
      mdr_number: null,
      low_grade: level?.grades[0],
      high_grade: level?.grades[(level?.grades.length ?? 1) - 1],
      phone: `(555) 020-${String(n).padStart(4, "0")}`,
      principal: { name: "Principal", email: `principal${n}@generated.example` },
      location: { address: `${n} Campus Road`, city: "Springfield", state: "CA", zip: "94100", lat: null, lon: null },
    });
    data.school_admins.push({
      id: generatedId(seed, "school_admin", i),
      district: districtId,
      schools: [id],
      name: drawName(rand),
      email: `admin${n}@generated.example`,
      title: "Principal",
      staff_id: `GSTAFF-${n}`,
    });
  }
  const schoolIds = data.schools.map((s) => s.id);
  const schoolOf = (i: number, count: number) => Math.floor((i * size.schools) / count);

  // Teachers, spread evenly over the schools; 3% without email.
  const teachersBySchool: string[][] = schoolIds.map(() => []);
  for (let i = 0; i < size.teachers; i++) {
    const school = schoolOf(i, size.teachers);
    const id = generatedId(seed, "teacher", i);
    teachersBySchool[school]?.push(id);
    const obj: CleverObject = {
      id,
      district: districtId,
      school: schoolIds[school],
      schools: [schoolIds[school] as string],
      name: drawName(rand),
      sis_id: `GT-${100000 + i}`,
      teacher_number: `GT${100000 + i}`,
      title: "Teacher",
      created: CREATED,
      last_modified: LAST_MODIFIED,
    };
    if (rand() >= 0.03) obj.email = `t${100000 + i}@generated.example`;
    data.teachers.push(obj);
  }

  // Sections per school, each taught by one of its school's teachers (10% co-taught).
  const sectionsBySchool: CleverObject[][] = schoolIds.map(() => []);
  for (let i = 0; i < size.sections; i++) {
    const school = schoolOf(i, size.sections);
    const level = schoolLevel[school] ?? LEVELS[0];
    const grade = level?.grades[int(level.grades.length)] ?? "Other";
    const [subject, label] = SUBJECTS[int(SUBJECTS.length)] ?? ["other", "Study Hall"];
    const staff = teachersBySchool[school] ?? [];
    const teachers: string[] = [];
    if (staff.length > 0) {
      teachers.push(staff[int(staff.length)] as string);
      const co = staff[int(staff.length)] as string;
      if (rand() < 0.1 && !teachers.includes(co)) teachers.push(co);
    }
    const section: CleverObject = {
      id: generatedId(seed, "section", i),
      district: districtId,
      school: schoolIds[school],
      name: `${label} ${grade === "Kindergarten" ? "K" : grade} — ${String.fromCharCode(65 + (i % 26))}`,
      subject,
      grade,
      period: String((i % 8) + 1),
      section_number: `GSEC-${100000 + i}`,
      sis_id: `GSIS-SEC-${100000 + i}`,
      teacher: teachers[0] ?? null,
      teachers,
      students: [],
      term_id: terms[int(terms.length)]?.id ?? null,
      course: null,
      created: CREATED,
      last_modified: LAST_MODIFIED,
    };
    sectionsBySchool[school]?.push(section);
    data.sections.push(section);
  }

  // Students, spread over the schools; each joins sections of their school so
  // that sections average CLASS_SIZE students. 35% have no email.
  const perStudent = Math.max(1, Math.round((CLASS_SIZE * size.sections) / size.students));
  for (let i = 0; i < size.students; i++) {
    const school = schoolOf(i, size.students);
    const level = schoolLevel[school] ?? LEVELS[0];
    const grade = level?.grades[int(level.grades.length)] ?? "Other";
    const id = generatedId(seed, "student", i);
    const n = 200000 + i;
    const obj: CleverObject = {
      id,
      district: districtId,
      school: schoolIds[school],
      schools: [schoolIds[school] as string],
      name: drawName(rand),
      grade,
      sis_id: `GS-${n}`,
      student_number: String(n),
      dob: `${int(12) + 1}/${int(28) + 1}/${2026 - 6 - Number(grade === "Kindergarten" ? 0 : grade)}`,
      // v2.0 knows only M, F and "" (v3.1 adds X).
      gender: (["F", "M", "F", "M", ""] as const)[int(5)],
      graduation_year: graduationYear(grade),
      created: CREATED,
      last_modified: LAST_MODIFIED,
    };
    if (rand() >= 0.35) obj.email = `s${n}@students.generated.example`;
    data.students.push(obj);
    const sections = sectionsBySchool[school] ?? [];
    const joins = Math.min(perStudent, sections.length);
    const chosen = new Set<number>();
    while (chosen.size < joins) chosen.add(int(sections.length));
    for (const s of chosen) sections[s]?.students?.push(id);
  }
  return { size, data, terms };
}

// ------------------------------------------------------------------ store

export interface GeneratedSummary {
  district: { id: string; name: string };
  size: ResolvedSize;
  counts: Record<Kind | "terms", number>;
}

function summary(g: GeneratedDistrict): GeneratedSummary {
  const district = g.data.districts[0] as CleverObject;
  const counts = { terms: g.terms.length } as Record<Kind | "terms", number>;
  for (const [kind, list] of Object.entries(g.data) as [Kind, CleverObject[]][]) counts[kind] = list.length;
  return { district: { id: district.id, name: String(district.name) }, size: g.size, counts };
}

/**
 * Makes the generated district part of the store's seed (undefined: none);
 * the next reset loads it (and sets `store.generated`).
 */
export function seedGeneratedDistrict(store: Store, size: DistrictSize | undefined): void {
  store.generated = undefined;
  store.extraSeed = size
    ? (s) => {
        const g = generateDistrict(size);
        for (const [kind, list] of Object.entries(g.data) as [Kind, CleverObject[]][]) for (const o of list) s.data[kind].set(o.id, o);
        for (const t of g.terms) s.v3Only.terms.set(t.id, t);
        // Shared with every registered app, like the sandbox district.
        for (const app of s.apps.values()) if (app.district_connected !== false) s.connect(generatedDistrictId(g.size.seed), app.client_id);
        s.generated = summary(g);
      }
    : undefined;
}
