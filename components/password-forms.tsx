"use client";
// Email + password sign-in and sign-up forms (existing accounts, LIB-07).
import { useActionState } from "react";
import { signInWithPassword, signUpWithPassword } from "@/app/actions/accounts";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { hint, input, label } from "@/components/ui/styles";
import type { FormState } from "@/lib/platform";

function value(state: FormState, key: string): string {
  const v = state.values?.[key];
  return typeof v === "string" ? v : "";
}

function Field(props: { id: string; name: string; label: string; type?: string; autoComplete: string; state: FormState; hintText?: string; dir?: "auto" }) {
  const errors = props.state.fieldErrors?.[props.name];
  const describedBy = [`${props.id}-error`, props.hintText ? `${props.id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.id} className={label}>
        {props.label}
      </label>
      {props.hintText ? (
        <p id={`${props.id}-hint`} className={hint}>
          {props.hintText}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        dir={props.dir}
        autoComplete={props.autoComplete}
        defaultValue={props.type === "password" ? undefined : value(props.state, props.name)}
        key={props.type === "password" ? undefined : value(props.state, props.name)}
        aria-describedby={describedBy}
        aria-invalid={errors ? true : undefined}
        className={input}
      />
      <FieldError id={`${props.id}-error`} errors={errors} />
    </div>
  );
}

export function PasswordSignInForm() {
  const [state, action] = useActionState(signInWithPassword, {});
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage message={state.message} />
      <Field id="email" name="email" label="Email" type="email" autoComplete="username" state={state} />
      <Field id="password" name="password" label="Password" type="password" autoComplete="current-password" state={state} />
      <div>
        <SubmitButton pendingText="Logging in…">Log in</SubmitButton>
      </div>
    </form>
  );
}

export function PasswordSignUpForm() {
  const [state, action] = useActionState(signUpWithPassword, {});
  const role = value(state, "role");
  const roleErrors = state.fieldErrors?.role;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage message={state.message} />
      <Field id="name" name="name" label="Your name" autoComplete="name" state={state} dir="auto" />
      <Field id="email" name="email" label="Email" type="email" autoComplete="email" state={state} />
      <Field id="password" name="password" label="Password" type="password" autoComplete="new-password" state={state} hintText="At least 10 characters." />
      <fieldset className="flex flex-col gap-1" aria-describedby="role-error">
        <legend className={label}>I am a</legend>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="role" value="teacher" defaultChecked={role !== "student"} className="size-5" /> Teacher
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="role" value="student" defaultChecked={role === "student"} className="size-5" /> Student
        </label>
        <FieldError id="role-error" errors={roleErrors} />
      </fieldset>
      <div>
        <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      </div>
    </form>
  );
}
