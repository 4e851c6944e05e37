// Server actions without boilerplate (#13): each one names its schema and,
// where someone must be signed in, the role it is for; this reads the form,
// checks the user, and answers a form that fails the schema in the shape
// useActionState shows (field errors, values echoed, never passwords). The
// handler only ever sees typed data and, where there is one, the user.
import "server-only";
import type { z } from "zod";
import { fieldErrorsOf, type FormState, invalidFields } from "@/lib/platform";
import { requireRole, type RequiredRole } from "@/lib/session/current-user";
import type { User } from "@/lib/generated/prisma/client";

type FormSchema = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;

/** The answer to a form that fails its schema. */
export type Invalid<State> = (error: z.ZodError, formData: FormData) => State;

interface Parsing<S extends FormSchema> {
  schema: S;
  /** The schema's input from the form; by default each schema field's first value. */
  read?: (formData: FormData) => unknown;
}

interface Signed<S extends FormSchema> extends Parsing<S> {
  role: RequiredRole;
  /** Runs once the user is known, before the form is read (it may redirect). */
  before?: (user: User, formData: FormData) => Promise<void>;
}

/** What useActionState calls. */
export type StateAction<State> = (previous: State, formData: FormData) => Promise<State>;

type UserHandler<S extends FormSchema, Result> = (data: z.output<S>, user: User, formData: FormData) => Promise<Result>;

const showFieldErrors: Invalid<FormState> = (error, formData) => invalidFields(formData, fieldErrorsOf(error));

function parse<S extends FormSchema>({ schema, read }: Parsing<S>, formData: FormData) {
  const input = read ? read(formData) : Object.fromEntries(Object.keys(schema.shape).map((key) => [key, formData.get(key) ?? undefined]));
  return schema.safeParse(input);
}

/** Who is asking, in the role asked for, and past the action's own check. */
async function signedIn<S extends FormSchema>(options: Signed<S>, formData: FormData): Promise<User> {
  const user = await requireRole(options.role);
  await options.before?.(user, formData);
  return user;
}

/** A useActionState action nobody needs to be signed in for (password
 * sign-in and sign-up). */
export function validatedAction<S extends FormSchema>(
  options: Parsing<S>,
  handler: (data: z.output<S>, formData: FormData) => Promise<FormState>,
): StateAction<FormState> {
  return async (_previous, formData) => {
    const input = parse(options, formData);
    return input.success ? handler(input.data, formData) : showFieldErrors(input.error, formData);
  };
}

/** A useActionState action for a signed-in user in `options.role` (anyone
 * else is redirected by requireRole before the form is read). A state other
 * than FormState says itself what a failed parse answers. */
export function validatedActionWithUser<S extends FormSchema>(options: Signed<S>, handler: UserHandler<S, FormState>): StateAction<FormState>;
export function validatedActionWithUser<S extends FormSchema, State>(options: Signed<S> & { invalid: Invalid<State> }, handler: UserHandler<S, State>): StateAction<State>;
export function validatedActionWithUser<S extends FormSchema, State>(
  options: Signed<S> & { invalid?: Invalid<State> },
  handler: UserHandler<S, State | FormState>,
): StateAction<State | FormState> {
  const invalid = options.invalid ?? showFieldErrors;
  return async (_previous, formData) => {
    const user = await signedIn(options, formData);
    const input = parse(options, formData);
    return input.success ? handler(input.data, user, formData) : invalid(input.error, formData);
  };
}

/** A plain `<form action>` (no state to answer with) for a signed-in user in
 * `options.role`: a form that fails the schema gets `options.invalid`, which
 * usually ends the request (notFound). */
export function validatedFormAction<S extends FormSchema>(
  options: Signed<S> & { invalid: Invalid<void> },
  handler: UserHandler<S, void>,
): (formData: FormData) => Promise<void> {
  return async (formData) => {
    const user = await signedIn(options, formData);
    const input = parse(options, formData);
    return input.success ? handler(input.data, user, formData) : options.invalid(input.error, formData);
  };
}
