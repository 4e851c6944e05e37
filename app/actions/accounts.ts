"use server";
// Email + password accounts (sign up, sign in) and joining one with the
// signed-in Clever account (LIB-07, LIG-08, LIG-09, SYNC-02).
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { hasFreshCleverLogin, startSession, validatedAction, validatedActionWithUser } from "@/lib/session";
import { invalidFields, log, newReference, refused, requestNetwork } from "@/lib/platform";
import { errorCopy } from "@/lib/platform/error-copy";
import { authenticate, createPasswordAccount, isKnownDevice, mergeAccounts, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordAttemptAllowed, passwordSucceeded, rememberDevice } from "@/lib/people";

const { field } = errorCopy;

const credentials = z.object({
  email: z.email(field.enterAccountEmail).max(254),
  password: z.string().min(1, field.enterPassword).max(PASSWORD_MAX_LENGTH),
});

const signUp = z.object({
  name: z.string().trim().min(1, field.enterName).max(200),
  email: z.email(field.enterEmail).max(254),
  password: z.string().min(PASSWORD_MIN_LENGTH, field.passwordTooShort(PASSWORD_MIN_LENGTH)).max(PASSWORD_MAX_LENGTH),
  role: z.enum(["teacher", "student"], field.chooseRole),
});

/** Counts the attempt; true when this address (or this account) must slow down. */
async function limited(email?: string): Promise<boolean> {
  const knownDevice = email !== undefined && (await isKnownDevice(email));
  return !(await passwordAttemptAllowed({ address: requestNetwork(await headers()), email, knownDevice }));
}

/** The right password for `email`: its wait is over and this browser is its owner's. */
async function succeeded(email: string, account: { passwordHash: string | null }): Promise<void> {
  await passwordSucceeded(email);
  if (account.passwordHash) await rememberDevice(email, account.passwordHash);
}

export const signUpWithPassword = validatedAction({ schema: signUp }, async (input, formData) => {
  if (await limited()) return refused(formData, errorCopy.account.tooManyTries);
  const created = await createPasswordAccount(input);
  // One answer whoever holds the email (a password account, a Clever
  // student, anyone): nothing about them is revealed.
  if (!created.ok) return invalidFields(formData, { email: [errorCopy.account.emailUnavailable] });
  await startSession(created.user.id);
  redirect("/dashboard");
});

export const signInWithPassword = validatedAction({ schema: credentials }, async (input, formData) => {
  if (await limited(input.email)) return refused(formData, errorCopy.account.tooManyTries);
  const user = await authenticate(input.email, input.password);
  if (!user) return refused(formData, errorCopy.account.wrongPassword);
  await succeeded(input.email, user);
  await startSession(user.id);
  redirect("/dashboard");
});

const fromProfile = (formData: FormData) => formData.get("next") === "/profile";

/**
 * The signed-in user proves both identities: a Clever login in this browser
 * moments ago (MERGE_LOGIN_MAX_AGE_MINUTES) and the other account's email and
 * password. The two become one, keeping every row, and the session goes on
 * as the merged account. Used at a teacher's first Clever login and from the
 * profile page ("Merge my accounts", behind "Confirm with Clever").
 */
export const linkExistingAccount = validatedActionWithUser(
  {
    role: "any",
    schema: credentials,
    // Re-checked here, not only on the page: the form may have been open for a while.
    before: async (_user, formData) => {
      if (!(await hasFreshCleverLogin())) redirect(fromProfile(formData) ? "/profile?confirm=expired" : "/onboarding/link?confirm=expired");
    },
  },
  async (input, current, formData) => {
    if (await limited(input.email)) return refused(formData, errorCopy.account.tooManyTries);
    const other = await authenticate(input.email, input.password);
    if (!other) return refused(formData, errorCopy.account.wrongPassword);
    await succeeded(input.email, other);
    let result: Awaited<ReturnType<typeof mergeAccounts>>;
    try {
      result = await mergeAccounts(current.id, other.id);
    } catch (error) {
      const reference = newReference();
      log.error({ reference, err: error, userId: current.id }, "account merge failed");
      return refused(formData, errorCopy.account.mergeFailed(reference));
    }
    if (!result.ok) return refused(formData, errorCopy.mergeRefused[result.reason]);
    await startSession(result.user.id);
    revalidatePath("/", "layout");
    redirect(fromProfile(formData) ? "/profile?merged=1" : "/onboarding");
  },
);
