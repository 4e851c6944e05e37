"use server";
// The class chooser's one change (LIB-R07): show or hide a class.
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireTeacher } from "@/lib/auth/current-user";
import { setSectionShown, teaches } from "@/lib/rosters/choices";

const toggle = z.object({
  sectionId: z.string().min(1).max(64),
  shown: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export async function setClassShown(formData: FormData): Promise<void> {
  const user = await requireTeacher();
  const input = toggle.safeParse({ sectionId: formData.get("sectionId"), shown: formData.get("shown") });
  if (!input.success) notFound();
  // Only a section this teacher teaches: never trust the posted ID alone.
  if (!(await teaches(user.id, input.data.sectionId))) notFound();
  await setSectionShown(user.id, input.data.sectionId, input.data.shown);
  revalidatePath("/classes");
  revalidatePath("/dashboard");
}
