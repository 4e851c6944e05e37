// What onboarding can pre-fill from Clever (LIB-R04, LIB-R05, SYNC-04): the
// subjects and grades of the sections a teacher teaches, in Clever's order.
import { gradeRank, isKnownSubject, SUBJECTS } from "@/lib/clever";

export interface SectionFacts {
  subject: string | null;
  grade: string | null;
}

export function inferSubjects(sections: readonly SectionFacts[]): string[] {
  const found = new Set(sections.map((s) => s.subject).filter((s): s is string => !!s));
  const known = SUBJECTS.filter((s) => found.has(s));
  const unknown = [...found].filter((s) => !isKnownSubject(s)).sort();
  return [...known, ...unknown];
}

export function inferGrades(sections: readonly SectionFacts[]): string[] {
  const found = new Set(sections.map((s) => s.grade).filter((g): g is string => !!g));
  return [...found].sort((a, b) => gradeRank(a) - gradeRank(b) || a.localeCompare(b));
}

/** Saved choices win; otherwise what the sections say. */
export function prefill(saved: readonly string[], inferred: readonly string[]): string[] {
  return saved.length > 0 ? [...saved] : [...inferred];
}
