"use server";
// Editing the onboarding answers later, at /settings.
import { revalidatePath } from "next/cache";
import { requireTeacher } from "@/lib/auth/current-user";
import { echoValues, fieldErrorsOf, type FormState } from "@/lib/accounts/form-state";
import { profileFromForm, profileSchema, saveProfile } from "@/lib/onboarding/profile";

export async function updateSettings(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireTeacher();
  const input = profileSchema.safeParse(profileFromForm(formData));
  if (!input.success) {
    return { message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(input.error), values: echoValues(formData) };
  }
  const saved = await saveProfile(user, input.data, { completeOnboarding: false });
  if (!saved.ok) return { message: "Please check the highlighted fields.", fieldErrors: saved.fieldErrors, values: echoValues(formData) };
  revalidatePath("/", "layout");
  return { ok: true, message: "Saved. Your settings are up to date." };
}
