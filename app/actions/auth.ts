"use server";
// Starting a Clever login and logging out. Both are deliberate, one-step
// mutations of the browser's session.
import { redirect } from "next/navigation";
import { z } from "zod";
import { AFTER_LOGIN_PATH, CLEVER_PROVIDER_ID, safeCallbackPath, signIn } from "@/lib/login";
import { endSession } from "@/lib/session";

const loginForm = z.object({
  // Clever IDs are 24 hex characters; anything else is dropped, not trusted.
  district: z
    .string()
    .regex(/^[a-f0-9]{24}$/i)
    .optional()
    .catch(undefined),
  callbackUrl: z.string().max(2048).optional().catch(undefined),
});

/** "Log in with Clever" / "Sign Up with Clever" / "Try again": an
 * app-initiated authorization with our own state (and district_id when the
 * app knows the district, which skips Clever's school picker). */
export async function signInWithClever(formData: FormData): Promise<void> {
  const input = loginForm.parse({
    district: formData.get("district") ?? undefined,
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  const redirectTo = safeCallbackPath(input.callbackUrl) ?? AFTER_LOGIN_PATH;
  await signIn(CLEVER_PROVIDER_ID, { redirectTo }, input.district ? { district_id: input.district } : undefined);
}

/** Log Out: the session row is deleted (the old cookie stops working
 * everywhere), then the logged-out screen. */
export async function logOut(): Promise<void> {
  await endSession();
  redirect("/logged-out");
}
