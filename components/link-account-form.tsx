"use client";
// Sign in to another account to join it with this one (LIB-07, LIG-08, LIG-09).
import { useActionState } from "react";
import { linkExistingAccount } from "@/app/actions/accounts";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { input, label } from "@/components/ui/styles";

export function LinkAccountForm({ next, submitLabel }: { next: "/onboarding" | "/profile"; submitLabel: string }) {
  const [state, action] = useActionState(linkExistingAccount, {});
  const errors = state.fieldErrors ?? {};
  const email = typeof state.values?.email === "string" ? state.values.email : "";
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormMessage message={state.message} ok={state.ok} />
      <div className="flex flex-col gap-1">
        <label htmlFor="link-email" className={label}>
          Email of your other account
        </label>
        <input id="link-email" name="email" type="email" autoComplete="username" defaultValue={email} key={email} aria-describedby="link-email-error" aria-invalid={errors.email ? true : undefined} className={input} />
        <FieldError id="link-email-error" errors={errors.email} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="link-password" className={label}>
          Its password
        </label>
        <input id="link-password" name="password" type="password" autoComplete="current-password" aria-describedby="link-password-error" aria-invalid={errors.password ? true : undefined} className={input} />
        <FieldError id="link-password-error" errors={errors.password} />
      </div>
      <div>
        <SubmitButton pendingText="Joining accounts…">{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
