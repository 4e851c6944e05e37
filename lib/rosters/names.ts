// How a person's name is shown. Clever's name parts win; `name` is the
// Auth.js display name and the fallback for password accounts.

export interface NameParts {
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

export function displayName(person: NameParts): string {
  const parts = [person.firstName, person.lastName].filter((p): p is string => !!p && p.trim() !== "");
  if (parts.length > 0) return parts.join(" ");
  return person.name?.trim() || "Unnamed";
}

/** "Núñez, Ana" for sorted rosters. */
export function sortName(person: NameParts): string {
  if (person.lastName && person.firstName) return `${person.lastName}, ${person.firstName}`;
  return displayName(person);
}

export function compareNames(a: NameParts, b: NameParts, by: "first" | "last"): number {
  const key = (p: NameParts) => (by === "last" ? sortName(p) : displayName(p));
  return key(a).localeCompare(key(b), undefined, { sensitivity: "base" });
}
