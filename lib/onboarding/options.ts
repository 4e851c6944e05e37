// The choices the profile form offers, with friendly labels (LIG-11).
import { gradeLabel, GRADES, subjectLabel, SUBJECTS } from "@/lib/clever";

const COMMON_GRADES = GRADES.filter((g) => !["InfantToddler", "Preschool", "TransitionalKindergarten", "13", "Ungraded"].includes(g));

export function subjectOptions(): { value: string; label: string }[] {
  return SUBJECTS.map((value) => ({ value, label: subjectLabel(value) }));
}

/** The usual K-12 grades, plus any less common one the teacher already has. */
export function gradeOptions(selected: readonly string[] = []): { value: string; label: string }[] {
  const values = GRADES.filter((g) => COMMON_GRADES.includes(g) || selected.includes(g));
  return values.map((value) => ({ value, label: gradeLabel(value) }));
}
