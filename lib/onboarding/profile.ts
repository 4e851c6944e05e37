// The teacher's profile as onboarding and settings edit it: validation
// (shared by both server actions) and the one write.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/platform";
import { errorCopy } from "@/lib/platform/error-copy";
import type { User } from "@/lib/generated/prisma/client";
import { isKnownGrade, isKnownSubject } from "@/lib/clever";
import { isPickableSchool, parseSchoolValue } from "@/lib/schools";

export const OTHER_SCHOOL = "other";

const { field } = errorCopy;

export const profileSchema = z
  .object({
    firstName: z.string().trim().min(1, field.enterFirstName).max(100, field.tooLong(100)),
    lastName: z.string().trim().max(100, field.tooLong(100)),
    // Clever may not share an email; asking is fine, requiring it is not (SYNC-04).
    email: z.union([z.literal(""), z.email(field.enterEmailOrNothing).max(254)]),
    subjects: z.array(z.string().refine(isKnownSubject, field.pickSubjects)).max(20),
    grades: z.array(z.string().refine(isKnownGrade, field.pickGrades)).max(25),
    school: z.string().max(200).default(""),
    schoolNameEntered: z.string().trim().max(200, field.tooLong(200)).default(""),
  })
  .strict();

export type ProfileInput = z.infer<typeof profileSchema>;

export function profileFromForm(formData: FormData): unknown {
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === "string" ? value : undefined;
  };
  return {
    firstName: text("firstName") ?? "",
    lastName: text("lastName") ?? "",
    email: text("email") ?? "",
    subjects: formData.getAll("subjects").filter((v) => typeof v === "string"),
    grades: formData.getAll("grades").filter((v) => typeof v === "string"),
    school: text("school") ?? "",
    schoolNameEntered: text("schoolNameEntered") ?? "",
  };
}

/** Library and password teachers pick their school; district users have it from Clever. */
export function picksSchool(user: Pick<User, "authorizedBy">): boolean {
  return user.authorizedBy !== "district";
}

export type SaveResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> };

export async function saveProfile(user: User, input: ProfileInput, options: { completeOnboarding: boolean }): Promise<SaveResult> {
  // A contact email: no uniqueness to check, so the form never tells anyone
  // whether an address belongs to somebody else. A password account's
  // sign-in email (loginEmail) is not changed here.
  const email = input.email === "" ? null : input.email.toLowerCase();
  let school: { schoolId?: string | null; directorySchoolId: string | null; schoolNameEntered: string | null } | undefined;
  if (picksSchool(user)) {
    const picked = parseSchoolValue(input.school);
    // The school already stored stays pickable, archived or not (the form sends it back).
    if (picked?.kind === "school" && (picked.id === user.schoolId || (await isPickableSchool(user.districtId, picked.id)))) {
      school = { schoolId: picked.id, directorySchoolId: null, schoolNameEntered: null };
    } else if (picked?.kind === "directory" && (await db.directorySchool.findUnique({ where: { id: picked.id }, select: { id: true } }))) {
      school = { schoolId: null, directorySchoolId: picked.id, schoolNameEntered: null };
    } else if (input.schoolNameEntered !== "") {
      school = { schoolId: null, directorySchoolId: null, schoolNameEntered: input.schoolNameEntered };
    } else {
      return { ok: false, fieldErrors: { school: [field.pickSchool] } };
    }
  }
  await db.user.update({
    where: { id: user.id },
    data: {
      firstName: input.firstName,
      lastName: input.lastName || null,
      name: [input.firstName, input.lastName].filter(Boolean).join(" "),
      email,
      subjects: input.subjects,
      grades: input.grades,
      ...(school ?? {}),
      ...(options.completeOnboarding && !user.onboardingCompletedAt ? { onboardingCompletedAt: new Date() } : {}),
    },
  });
  return { ok: true };
}
