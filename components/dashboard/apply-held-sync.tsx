"use client";
// "Apply these changes" on a held district sync (SS-R6): pending while it
// runs, then what happened in an aria-live region. The action checks again
// who is asking; the form names only the hold shown.
import { useActionState } from "react";
import { applyHeldDistrictSync, type HeldSyncActionState } from "@/app/actions/district-sync";
import { button } from "@/components/ui/styles";

const idle: HeldSyncActionState = { status: "idle", message: "" };

export function ApplyHeldSync({ reference }: { reference: string }) {
  const [state, action, pending] = useActionState(applyHeldDistrictSync, idle);
  const tone =
    state.status === "applied"
      ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
      : "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100";
  return (
    <form action={action} className="flex flex-col gap-2" data-testid="held-sync-form">
      <input type="hidden" name="reference" value={reference} />
      {state.status !== "applied" ? (
        <button type="submit" disabled={pending} aria-disabled={pending} className={`${button.primary} self-start`}>
          {pending ? "Applying…" : "Apply these changes"}
        </button>
      ) : null}
      <div aria-live="polite" role="status" data-testid="held-sync-status" className="empty:hidden">
        {pending ? <p className="sr-only">Applying the held changes…</p> : null}
        {!pending && state.message ? <p className={`rounded-md border p-3 ${tone}`}>{state.message}</p> : null}
      </div>
    </form>
  );
}
