"use client";
// The teacher's profile form, used by onboarding and settings: everything
// Clever gave is pre-filled and editable; only what Clever did not give is
// asked for (LIB-R04, SYNC-04). Errors are announced (aria-live).
import { useActionState } from "react";
import { SchoolPicker, type PickerOption } from "@/components/school-picker";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { card, hint, input, label } from "@/components/ui/styles";
import type { FormState } from "@/lib/platform";
import type { ProfileDefaults } from "@/lib/onboarding";


const FORM_ID = "profile-form";

export function ProfileForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  defaults: ProfileDefaults;
  subjectOptions: { value: string; label: string }[];
  gradeOptions: { value: string; label: string }[];
  submitLabel: string;
  searchAction: string;
  hiddenFields?: Record<string, string>;
  schoolQuery: string;
  schoolResults: PickerOption[];
}) {
  const [state, formAction] = useActionState(props.action, {});
  const d = props.defaults;
  const text = (key: string, fallback: string) => {
    const v = state.values?.[key];
    return typeof v === "string" ? v : fallback;
  };
  const list = (key: string, fallback: string[]) => {
    const v = state.values?.[key];
    return v === undefined ? (state.values ? [] : fallback) : Array.isArray(v) ? v : [v];
  };
  const errors = state.fieldErrors ?? {};
  const subjects = list("subjects", d.subjects);
  const grades = list("grades", d.grades);
  // Remount inputs with the echoed values after each answer from the server.
  const version = JSON.stringify(state.values ?? {});

  return (
    <div className="flex flex-col gap-6">
      <FormMessage message={state.message} ok={state.ok} />
      {d.picksSchool ? (
        <section className={card}>
          <SchoolPicker
            formId={FORM_ID}
            searchAction={props.searchAction}
            hiddenFields={props.hiddenFields}
            query={props.schoolQuery}
            results={props.schoolResults}
            selected={d.selectedSchool}
            initialValue={d.schoolValue}
            enteredName={d.schoolNameEntered}
            errors={errors.school}
          />
        </section>
      ) : null}
      <form id={FORM_ID} action={formAction} className="flex flex-col gap-6" noValidate key={version}>
        {!d.picksSchool ? (
          <p className={card} data-testid="school-from-clever">
            <span className="font-semibold">Your school:</span> <span dir="auto">{d.schoolFromClever ?? "from your district in Clever"}</span>{" "}
            <span className={hint}>(from Clever)</span>
          </p>
        ) : null}
        <fieldset className={`${card} flex flex-col gap-4`}>
          <legend className="px-1 text-lg font-semibold">About you</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-1">
              <label htmlFor="firstName" className={label}>
                First name
              </label>
              <input id="firstName" name="firstName" dir="auto" autoComplete="given-name" required defaultValue={text("firstName", d.firstName)} aria-describedby="firstName-error" aria-invalid={errors.firstName ? true : undefined} className={input} />
              <FieldError id="firstName-error" errors={errors.firstName} />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="lastName" className={label}>
                Last name
              </label>
              <input id="lastName" name="lastName" dir="auto" autoComplete="family-name" defaultValue={text("lastName", d.lastName)} aria-describedby="lastName-error" aria-invalid={errors.lastName ? true : undefined} className={input} />
              <FieldError id="lastName-error" errors={errors.lastName} />
            </div>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="email" className={label}>
              Email <span className="font-normal text-slate-600 dark:text-slate-300">(optional)</span>
            </label>
            {d.emailMissing ? (
              <p id="email-hint" className={hint}>
                Clever didn&apos;t share an email for you. Add one if you&apos;d like us to reach you; you can continue without it.
              </p>
            ) : null}
            <input id="email" name="email" type="email" autoComplete="email" defaultValue={text("email", d.email)} aria-describedby={`email-error${d.emailMissing ? " email-hint" : ""}`} aria-invalid={errors.email ? true : undefined} className={input} />
            <FieldError id="email-error" errors={errors.email} />
          </div>
        </fieldset>
        <fieldset className={`${card} flex flex-col gap-2`} aria-describedby="subjects-hint">
          <legend className="px-1 text-lg font-semibold">Subjects you teach</legend>
          <p id="subjects-hint" className={hint}>
            Filled in from your classes in Clever. Change anything that&apos;s not right.
          </p>
          <div className="grid gap-1 sm:grid-cols-2">
            <Checkboxes name="subjects" options={props.subjectOptions} checked={subjects} />
          </div>
          <FieldError id="subjects-error" errors={errors.subjects} />
        </fieldset>
        <fieldset className={`${card} flex flex-col gap-2`}>
          <legend className="px-1 text-lg font-semibold">Grades you teach</legend>
          <div className="grid grid-cols-2 gap-1 sm:grid-cols-4">
            <Checkboxes name="grades" options={props.gradeOptions} checked={grades} />
          </div>
          <FieldError id="grades-error" errors={errors.grades} />
        </fieldset>
        <div>
          <SubmitButton pendingText="Saving…">{props.submitLabel}</SubmitButton>
        </div>
      </form>
    </div>
  );
}

/** One labelled checkbox per option (subjects, grades), large enough to tap. */
function Checkboxes(props: { name: string; options: { value: string; label: string }[]; checked: string[] }) {
  return props.options.map((o) => (
    <label key={o.value} className="flex min-h-11 items-center gap-2">
      <input type="checkbox" name={props.name} value={o.value} defaultChecked={props.checked.includes(o.value)} className="size-5" />
      {o.label}
    </label>
  ));
}
