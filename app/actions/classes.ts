"use server";
// The class chooser's one change (LIB-R07): show or hide a class.
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { validatedFormAction } from "@/lib/session";
import { setSectionShown, teaches } from "@/lib/roster";

const toggle = z.object({
  sectionId: z.string().min(1).max(64),
  shown: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const setClassShown = validatedFormAction({ role: "teacher", schema: toggle, invalid: () => notFound() }, async (input, user) => {
  // Only a section this teacher teaches: never trust the posted ID alone.
  if (!(await teaches(user.id, input.sectionId))) notFound();
  await setSectionShown(user.id, input.sectionId, input.shown);
  revalidatePath("/classes");
  revalidatePath("/dashboard");
});
