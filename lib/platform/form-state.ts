// The shape every form's server action returns to useActionState: field
// errors from zod, one message for the whole form, and the values to re-show.
import type { z } from "zod";
import { errorCopy } from "./error-copy";

export interface FormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string | string[]>;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/** Text values of a form, to put back in the inputs after an error (never passwords). */
function echoValues(formData: FormData, omit: readonly string[] = ["password", "currentPassword", "confirmPassword"]): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (omit.includes(key) || key.startsWith("$")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** A refused submission: one message for the form, the values to re-show and
 * any field errors. */
export function refused(formData: FormData, message: string, fieldErrors?: Record<string, string[]>): FormState {
  return fieldErrors ? { message, fieldErrors, values: echoValues(formData) } : { message, values: echoValues(formData) };
}

/** Fields to correct: zod's errors, or the server's own (an email it can't use). */
export function invalidFields(formData: FormData, fieldErrors: Record<string, string[]>): FormState {
  return refused(formData, errorCopy.form.checkFields, fieldErrors);
}
