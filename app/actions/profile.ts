"use server";
// The teacher's profile form (DSSO-R2, LIB-R02, LIG-10): finishing
// onboarding and editing the answers later at /settings are one action that
// differs only in what comes after a save.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type FormState, invalidFields } from "@/lib/platform";
import { validatedActionWithUser } from "@/lib/session";
import { profileFromForm, profileSchema, saveProfile } from "@/lib/onboarding";

function saveProfileForm(completeOnboarding: boolean, saved: () => FormState) {
  return validatedActionWithUser({ role: "teacher", schema: profileSchema, read: profileFromForm }, async (input, user, formData) => {
    const result = await saveProfile(user, input, { completeOnboarding });
    if (!result.ok) return invalidFields(formData, result.fieldErrors);
    revalidatePath("/", "layout");
    return saved();
  });
}

/** The pre-filled profile, confirmed or edited (and the school for Library teachers), then the classes. */
export const completeOnboarding = saveProfileForm(true, () => redirect("/dashboard"));

export const updateSettings = saveProfileForm(false, () => ({ ok: true, message: "Saved. Your settings are up to date." }));
