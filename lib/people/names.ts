// How a person is named and labelled, everywhere (the banner, the profile,
// rosters): one rule. Clever's name parts win; `name` is the Auth.js display
// name and the fallback for password accounts; then the email. Pure.
import type { Role } from "@/lib/generated/prisma/client";

export interface NameParts {
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
}

export function displayName(person: NameParts): string {
  const parts = [person.firstName, person.lastName].filter((p): p is string => !!p && p.trim() !== "");
  if (parts.length > 0) return parts.join(" ");
  return person.name?.trim() || person.email?.trim() || "Unnamed";
}

/** Up to two initials, by grapheme (emoji and combining accents stay whole). */
export function initialsOf(name: string): string {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const words = name.split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return picked
    .map((word) => segmenter.segment(word ?? "")[Symbol.iterator]().next().value?.segment ?? "")
    .join("")
    .toLocaleUpperCase();
}

export function roleLabel(role: Role | null): string {
  switch (role) {
    case "teacher":
      return "Teacher";
    case "student":
      return "Student";
    case "school_admin":
      return "School admin";
    case "district_admin":
      return "District admin";
    default:
      return "Member";
  }
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
