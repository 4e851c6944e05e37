// The class chooser's subject and grade filters (LIB-R07). Classes without a
// subject (or grade) are a choice of their own, NO_VALUE: never what an
// absent or empty parameter means, which is every class. (Once an absent
// `grade` meant "No grade", so a teacher with one ungraded class saw only it.)
import { gradeLabel, gradeRank, subjectLabel } from "@/lib/clever";

/** Every class: the select's first option, and what anything unknown means. */
export const ALL = "all";
/** Classes Clever gave no subject (or grade). Not one of Clever's values. */
export const NO_VALUE = "none";

interface FilterOption {
  value: string;
  label: string;
}

export interface Filter {
  /** ALL, NO_VALUE or one of the options' values. */
  chosen: string;
  /** What the teacher's classes have, in display order. */
  options: FilterOption[];
}

interface Faceted {
  subject: string | null;
  grade: string | null;
}

type Facet = keyof Faceted;

const facets: Record<Facet, { label: (value: string | null) => string; compare: (a: string | null, b: string | null) => number }> = {
  subject: { label: subjectLabel, compare: (a, b) => subjectLabel(a).localeCompare(subjectLabel(b)) },
  grade: { label: gradeLabel, compare: (a, b) => gradeRank(a) - gradeRank(b) },
};

// Clever's "" and a missing value are the same to a teacher.
const keyOf = (value: string | null) => value || NO_VALUE;
const valueOf = (key: string) => (key === NO_VALUE ? null : key);

function filterOf(sections: readonly Faceted[], facet: Facet, requested: string | undefined): Filter {
  const { label, compare } = facets[facet];
  const values = [...new Set(sections.map((s) => keyOf(s[facet])))].map(valueOf).sort(compare);
  const options = values.map((value) => ({ value: keyOf(value), label: label(value) }));
  const chosen = options.find((o) => o.value === requested)?.value ?? ALL;
  return { chosen, options };
}

const matches = (filter: Filter, value: string | null) => filter.chosen === ALL || filter.chosen === keyOf(value);

/** The filters for what the URL asks (undefined: the parameter is absent) and the classes they let through. */
export function filterClasses<T extends Faceted>(sections: readonly T[], requested: { subject: string | undefined; grade: string | undefined }): { subject: Filter; grade: Filter; listed: T[] } {
  const subject = filterOf(sections, "subject", requested.subject);
  const grade = filterOf(sections, "grade", requested.grade);
  return { subject, grade, listed: sections.filter((s) => matches(subject, s.subject) && matches(grade, s.grade)) };
}
