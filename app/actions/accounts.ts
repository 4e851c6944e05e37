"use server";
// Email + password accounts (sign up, sign in) and joining one with the
// signed-in Clever account (LIB-07, LIG-08, LIG-09, SYNC-02).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-user";
import { startSession } from "@/lib/auth/sessions";
import { echoValues, fieldErrorsOf, type FormState } from "@/lib/accounts/form-state";
import { mergeAccounts } from "@/lib/accounts/merge";
import { MERGE_REFUSAL_MESSAGES } from "@/lib/accounts/merge-rules";
import { authenticate, createPasswordAccount, normalizeEmail } from "@/lib/accounts/password-accounts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/accounts/passwords";
import { log, newReference } from "@/lib/log";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";

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

function read(formData: FormData, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, formData.get(key) ?? undefined]));
}

async function limited(email: string): Promise<boolean> {
  const result = await consumeRateLimit(rateLimits.passwordSignIn, normalizeEmail(email));
  return !result.allowed;
}

export async function signUpWithPassword(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = signUp.safeParse(read(formData, ["name", "email", "password", "role"]));
  if (!input.success) return { message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(input.error), values: echoValues(formData) };
  const created = await createPasswordAccount(input.data);
  if (!created.ok) {
    return { fieldErrors: { email: ["An account with this email already exists. Log in instead."] }, message: "Please check the highlighted fields.", values: echoValues(formData) };
  }
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
 * The signed-in user proves they own another account (its email and
 * password); the two become one, keeping every row, and the session goes on
 * as the merged account. Used at a teacher's first Clever login and from a
 * student's profile ("Merge my accounts").
 */
export async function linkExistingAccount(_previous: FormState, formData: FormData): Promise<FormState> {
  const current = await requireUser();
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
  const next = formData.get("next");
  redirect(next === "/profile" ? "/profile?merged=1" : "/onboarding");
}

