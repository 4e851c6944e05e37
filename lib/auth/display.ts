// How a signed-in user is named in the banner. Pure.
import type { User } from "@/lib/generated/prisma/client";

/** "Ana Núñez": the Clever name parts, else whatever name the user has. */
export function displayName(user: Pick<User, "firstName" | "lastName" | "name" | "email">): string {
  const parts = [user.firstName, user.lastName].filter((part): part is string => Boolean(part?.trim()));
  return parts.length > 0 ? parts.join(" ") : (user.name ?? user.email ?? "Signed-in user");
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

export function roleLabel(role: User["role"]): string {
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
