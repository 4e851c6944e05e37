// Friendly labels for Clever's normalized subject and grade values (LIG-11).
// Clever sends a fixed vocabulary; we show it in plain words and keep the raw
// value for storage and filtering. Unknown values are shown as sent.

const SUBJECT_LABELS: Record<string, string> = {
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

/** Clever's subjects in the order Clever documents them. */
export const SUBJECTS: readonly string[] = Object.keys(SUBJECT_LABELS);

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
export const GRADES: readonly string[] = [
  "InfantToddler",
  "Preschool",
  "PreKindergarten",
  "TransitionalKindergarten",
  "Kindergarten",
  ...Array.from({ length: 13 }, (_, i) => String(i + 1)),
  "PostGraduate",
  "Ungraded",
  "Other",
];

export function subjectLabel(subject: string | null | undefined): string {
  if (!subject) return "No subject";
  return SUBJECT_LABELS[subject] ?? subject;
}

export function gradeLabel(grade: string | null | undefined): string {
  if (!grade) return "No grade";
  const named = NAMED_GRADES[grade];
  if (named) return named;
  return /^\d{1,2}$/.test(grade) ? `Grade ${Number(grade)}` : grade;
}

/** Sort key for grades: Clever's order, unknown values last. */
export function gradeRank(grade: string | null | undefined): number {
  const index = grade ? GRADES.indexOf(grade) : -1;
  return index === -1 ? GRADES.length : index;
}

export function isKnownSubject(value: string): boolean {
  return value in SUBJECT_LABELS;
}

export function isKnownGrade(value: string): boolean {
  return GRADES.includes(value);
}
