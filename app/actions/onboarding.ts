"use server";
// Finishing onboarding (DSSO-R2, LIB-R02, LIG-10): the pre-filled profile,
// confirmed or edited, and the school for Library teachers.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireTeacher } from "@/lib/auth/current-user";
import { echoValues, fieldErrorsOf, type FormState } from "@/lib/accounts/form-state";
import { profileFromForm, profileSchema, saveProfile } from "@/lib/onboarding/profile";

export async function completeOnboarding(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireTeacher();
  const input = profileSchema.safeParse(profileFromForm(formData));
  if (!input.success) {
    return { message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(input.error), values: echoValues(formData) };
  }
  const saved = await saveProfile(user, input.data, { completeOnboarding: true });
  if (!saved.ok) return { message: "Please check the highlighted fields.", fieldErrors: saved.fieldErrors, values: echoValues(formData) };
  revalidatePath("/", "layout");
  redirect("/dashboard");
}
