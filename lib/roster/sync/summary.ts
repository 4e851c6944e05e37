// Sync counts and the one-line summary people see ("2 new classes, 5 students
// added, 1 class archived").

export interface Counts {
  /** Rows by kind of change, over all tables (SyncRun columns). */
  created: number;
  updated: number;
  archived: number;
  restored: number;
  /** What the summary line talks about. */
  classesAdded: number;
  classesUpdated: number;
  classesArchived: number;
  classesRestored: number;
  studentsAdded: number;
  studentsRemoved: number;
  teachersAdded: number;
  teachersRemoved: number;
}

/** Both syncs' changes (a multi-role user's roles synced together). */
export function addCounts(a: Counts, b: Counts): Counts {
  return Object.fromEntries(Object.entries(a).map(([field, value]) => [field, value + b[field as keyof Counts]])) as unknown as Counts;
}

export const emptyCounts = (): Counts => ({
  created: 0,
  updated: 0,
  archived: 0,
  restored: 0,
  classesAdded: 0,
  classesUpdated: 0,
  classesArchived: 0,
  classesRestored: 0,
  studentsAdded: 0,
  studentsRemoved: 0,
  teachersAdded: 0,
  teachersRemoved: 0,
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function summarize(c: Counts, role: "teacher" | "student" | "admin"): string {
  const parts: string[] = [];
  if (c.classesAdded) parts.push(plural(c.classesAdded, "new class", "new classes"));
  if (c.classesUpdated) parts.push(plural(c.classesUpdated, "class updated", "classes updated"));
  if (c.studentsAdded) parts.push(`${plural(c.studentsAdded, "student", "students")} added`);
  if (c.studentsRemoved) parts.push(`${plural(c.studentsRemoved, "student", "students")} removed`);
  const teacherWord = role === "teacher" ? ["co-teacher", "co-teachers"] : ["teacher", "teachers"];
  if (c.teachersAdded) parts.push(`${plural(c.teachersAdded, teacherWord[0] ?? "", teacherWord[1] ?? "")} added`);
  if (c.teachersRemoved) parts.push(`${plural(c.teachersRemoved, teacherWord[0] ?? "", teacherWord[1] ?? "")} removed`);
  if (c.classesRestored) parts.push(plural(c.classesRestored, "class restored", "classes restored"));
  if (c.classesArchived) parts.push(plural(c.classesArchived, "class archived", "classes archived"));
  return parts.length > 0 ? parts.join(", ") : "Everything was already up to date";
}
