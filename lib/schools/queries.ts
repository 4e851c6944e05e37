// The school picker's search: the app's own School rows (from Clever) and the
// bundled directory of public schools (data/schools, seeded by scripts/seed.ts).
import "server-only";
import { db } from "@/lib/platform";

export interface SchoolOption {
  /** "school:<clever id>" or "directory:<directory id>" — one value for forms. */
  value: string;
  name: string;
  city: string | null;
  state: string | null;
}

const SCHOOL_SEARCH_LIMIT = 10;

export function schoolValue(kind: "school" | "directory", id: string): string {
  return `${kind}:${id}`;
}

export function parseSchoolValue(value: string): { kind: "school" | "directory"; id: string } | null {
  const match = /^(school|directory):(.+)$/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  return { kind: match[1] as "school" | "directory", id: match[2] };
}

/** The School rows (from Clever) someone of `districtId` may find and pick:
 * their own district's, still rostered. Other customers' schools stay
 * unlisted; with no district, none (the public directory remains). */
function pickableSchools(districtId: string | null) {
  return { districtId: districtId ?? { in: [] }, archivedAt: null };
}

/** Whether a School row may be picked by someone of `districtId`. */
export async function isPickableSchool(districtId: string | null, schoolId: string): Promise<boolean> {
  return (await db.school.count({ where: { id: schoolId, ...pickableSchools(districtId) } })) > 0;
}

/** Schools whose name or city contains every word typed, best matches first:
 * the public directory and the searcher's own district's schools. */
export async function searchSchools(query: string, searcher: { districtId: string | null }, limit = SCHOOL_SEARCH_LIMIT): Promise<SchoolOption[]> {
  const words = query.trim().split(/\s+/).filter((word) => word.length > 0).slice(0, 6);
  if (words.length === 0) return [];
  const matches = (word: string) => ({
    OR: [{ name: { contains: word, mode: "insensitive" as const } }, { city: { contains: word, mode: "insensitive" as const } }, { state: { equals: word.toUpperCase() } }],
  });
  const where = { AND: words.map(matches) };
  const [schools, directory] = await Promise.all([
    db.school.findMany({ where: { ...where, ...pickableSchools(searcher.districtId) }, orderBy: { name: "asc" }, take: limit }),
    db.directorySchool.findMany({ where, orderBy: [{ name: "asc" }, { state: "asc" }], take: limit }),
  ]);
  const options = [
    ...schools.map((s) => ({ value: schoolValue("school", s.id), name: s.name, city: s.city, state: s.state })),
    ...directory.map((s) => ({ value: schoolValue("directory", s.id), name: s.name, city: s.city, state: s.state })),
  ];
  const first = words[0]?.toLowerCase() ?? "";
  // Names starting with what was typed come first.
  options.sort((a, b) => Number(!a.name.toLowerCase().startsWith(first)) - Number(!b.name.toLowerCase().startsWith(first)) || a.name.localeCompare(b.name));
  return options.slice(0, limit);
}

/** The option for a stored choice, to pre-fill the picker. */
export async function schoolOption(value: string): Promise<SchoolOption | null> {
  const parsed = parseSchoolValue(value);
  if (!parsed) return null;
  if (parsed.kind === "school") {
    const s = await db.school.findUnique({ where: { id: parsed.id } });
    return s ? { value, name: s.name, city: s.city, state: s.state } : null;
  }
  const s = await db.directorySchool.findUnique({ where: { id: parsed.id } });
  return s ? { value, name: s.name, city: s.city, state: s.state } : null;
}
