"use server";
// Email + password accounts (sign up, sign in) and joining one with the
// signed-in Clever account (LIB-07, LIG-08, LIG-09, SYNC-02).
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { hasFreshCleverLogin, requireUser } from "@/lib/auth/current-user";
import { startSession } from "@/lib/auth/sessions";
import { echoValues, fieldErrorsOf, type FormState } from "@/lib/accounts/form-state";
import { mergeAccounts } from "@/lib/accounts/merge";
import { MERGE_REFUSAL_MESSAGES } from "@/lib/accounts/merge-rules";
import { authenticate, createPasswordAccount } from "@/lib/accounts/password-accounts";
import { passwordAttemptAllowed } from "@/lib/accounts/password-limits";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/accounts/passwords";
import { log, newReference } from "@/lib/log";
import { requestAddress } from "@/lib/net/request-address";

const credentials = z.object({
  email: z.email("Enter the email address of your account.").max(254),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH),
});

const signUp = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(200),
  email: z.email("Enter an email address like name@school.org.").max(254),
  password: z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`).max(PASSWORD_MAX_LENGTH),
  role: z.enum(["teacher", "student"], "Choose teacher or student."),
});

const WRONG = "That email and password don't match an account.";
const SLOW_DOWN = "Too many tries. Please wait a few minutes and try again.";
const EMAIL_UNAVAILABLE = "We can't create an account with this email. If you already have one, log in instead, or use another email.";

function read(formData: FormData, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, formData.get(key) ?? undefined]));
}

async function limited(email?: string): Promise<boolean> {
  return !(await passwordAttemptAllowed(requestAddress(await headers()), email));
}

export async function signUpWithPassword(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = signUp.safeParse(read(formData, ["name", "email", "password", "role"]));
  if (!input.success) return { message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(input.error), values: echoValues(formData) };
  if (await limited()) return { message: SLOW_DOWN, values: echoValues(formData) };
  const created = await createPasswordAccount(input.data);
  // One answer whoever holds the email (a password account, a Clever
  // student, anyone): nothing about them is revealed.
  if (!created.ok) return { fieldErrors: { email: [EMAIL_UNAVAILABLE] }, message: "Please check the highlighted fields.", values: echoValues(formData) };
  await startSession(created.user.id);
  redirect("/dashboard");
}

export async function signInWithPassword(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = credentials.safeParse(read(formData, ["email", "password"]));
  if (!input.success) return { message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(input.error), values: echoValues(formData) };
  if (await limited(input.data.email)) return { message: SLOW_DOWN, values: echoValues(formData) };
  const user = await authenticate(input.data.email, input.data.password);
  if (!user) return { message: WRONG, values: echoValues(formData) };
  await startSession(user.id);
  redirect("/dashboard");
}

/**
 * The signed-in user proves both identities: a Clever login in this browser
 * moments ago (MERGE_LOGIN_MAX_AGE_MINUTES) and the other account's email and
 * password. The two become one, keeping every row, and the session goes on
 * as the merged account. Used at a teacher's first Clever login and from the
 * profile page ("Merge my accounts", behind "Confirm with Clever").
 */
export async function linkExistingAccount(_previous: FormState, formData: FormData): Promise<FormState> {
  const current = await requireUser();
  const fromProfile = formData.get("next") === "/profile";
  // Re-checked here, not only on the page: the form may have been open for a while.
  if (!(await hasFreshCleverLogin())) redirect(fromProfile ? "/profile?confirm=expired" : "/onboarding/link?confirm=expired");
  const input = credentials.safeParse(read(formData, ["email", "password"]));
  if (!input.success) return { message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(input.error), values: echoValues(formData) };
  if (await limited(input.data.email)) return { message: SLOW_DOWN, values: echoValues(formData) };
  const other = await authenticate(input.data.email, input.data.password);
  if (!other) return { message: WRONG, values: echoValues(formData) };
  let result: Awaited<ReturnType<typeof mergeAccounts>>;
  try {
    result = await mergeAccounts(current.id, other.id);
  } catch (error) {
    const reference = newReference();
    log.error({ reference, err: error, userId: current.id }, "account merge failed");
    return { message: `We couldn't join the accounts; nothing was changed. Please try again. (Reference ${reference})`, values: echoValues(formData) };
  }
  if (!result.ok) return { message: MERGE_REFUSAL_MESSAGES[result.reason], values: echoValues(formData) };
  await startSession(result.user.id);
  revalidatePath("/", "layout");
  redirect(fromProfile ? "/profile?merged=1" : "/onboarding");
}

