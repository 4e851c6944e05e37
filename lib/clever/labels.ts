// Clever's vocabulary of subjects and grades, in one place: the schemas
// accept these values (./schemas.ts), and the pages show them in plain words
// (LIG-11), keeping the raw value for storage and filtering. Unknown values
// are shown as sent.

/** Clever's subjects in the order Clever documents them. */
export const SUBJECTS = [
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
] as const;

const SUBJECT_LABELS: Record<(typeof SUBJECTS)[number], string> = {
  "english/language arts": "English & language arts",
  math: "Math",
  science: "Science",
  "social studies": "Social studies",
  language: "World languages",
  "homeroom/advisory": "Homeroom & advisory",
  "interventions/online learning": "Interventions & online learning",
  "technology and engineering": "Technology & engineering",
  "PE and health": "PE & health",
  "arts and music": "Arts & music",
  other: "Other",
};

const NAMED_GRADES: Record<string, string> = {
  InfantToddler: "Infant/toddler",
  Preschool: "Preschool",
  PreKindergarten: "Pre-K",
  TransitionalKindergarten: "Transitional kindergarten",
  Kindergarten: "Kindergarten",
  PostGraduate: "Post-graduate",
  Ungraded: "Ungraded",
  Other: "Other",
};

/** Clever's grades, youngest first (the order pickers and filters use). */
export const GRADES = [
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
] as const;

export function subjectLabel(subject: string | null | undefined): string {
  if (!subject) return "No subject";
  return isKnownSubject(subject) ? SUBJECT_LABELS[subject] : subject;
}

export function gradeLabel(grade: string | null | undefined): string {
  if (!grade) return "No grade";
  const named = NAMED_GRADES[grade];
  if (named) return named;
  return /^\d{1,2}$/.test(grade) ? `Grade ${Number(grade)}` : grade;
}

/** Sort key for grades: Clever's order, unknown values last. */
export function gradeRank(grade: string | null | undefined): number {
  const index = grade ? (GRADES as readonly string[]).indexOf(grade) : -1;
  return index === -1 ? GRADES.length : index;
}

export function isKnownSubject(value: string): value is (typeof SUBJECTS)[number] {
  return (SUBJECTS as readonly string[]).includes(value);
}

export function isKnownGrade(value: string): value is (typeof GRADES)[number] {
  return (GRADES as readonly string[]).includes(value);
}
