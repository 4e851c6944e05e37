"use client";
// "Sync my classes" (LIB-R06): pending while it runs, then a one-line summary
// ("2 new classes, 5 students added, 1 class archived") in an aria-live region.
import { useActionState } from "react";
import { ReconnectButton } from "@/components/reconnect-button";
import { type SyncActionState, syncMyClasses } from "@/app/actions/sync";
import { button } from "@/components/ui/styles";
import { errorCopy } from "@/lib/platform/error-copy";

const idle: SyncActionState = { status: "idle", message: "" };
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export interface SyncButtonProps {
  /** The latest SyncRun (lastSyncRun from lib/roster/sync/queries): a failed one gets a notice and a retry. */
  lastRun?: { outcome: string; errorRef: string | null; lastSucceededAt: Date | null; needsReconnect: boolean } | null;
  /** This page, for the reconnect to come back to. */
  returnTo: string;
}

export function SyncButton({ lastRun, returnTo }: SyncButtonProps) {
  const [state, action, pending] = useActionState(syncMyClasses, idle);
  const failedBefore = state.status === "idle" && lastRun?.outcome === "failed";
  // The token expired: a retry cannot work, a Clever login can (back to this page).
  const reconnect = (state.status === "failed" && state.reconnect === true) || (failedBefore && lastRun?.needsReconnect === true);
  const tone =
    state.status === "succeeded"
      ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
      : "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100";

  return (
    <div className="flex flex-col gap-2">
    <form action={action} className="flex flex-col gap-2" data-testid="sync-form">
      {failedBefore ? (
        <p data-testid="sync-failed-notice" className={`rounded-md border p-3 ${tone}`}>
          {errorCopy.sync.lastDidNotFinish(lastRun?.errorRef ?? null)}{" "}
          {lastRun?.lastSucceededAt ? `You're seeing your classes as of ${dateTime.format(lastRun.lastSucceededAt)} UTC. ` : ""}
          {lastRun?.needsReconnect ? errorCopy.sync.reconnect : "Try again:"}
        </p>
      ) : null}
      <input type="hidden" name="intent" value="sync" />
      <button type="submit" disabled={pending} aria-disabled={pending} className={`${button.secondary} self-start`}>
        {pending ? "Syncing…" : "Sync my classes"}
      </button>
      <div aria-live="polite" role="status" data-testid="sync-status" className="empty:hidden">
        {pending ? <p className="sr-only">Syncing with Clever…</p> : null}
        {!pending && state.message ? <p className={`rounded-md border p-3 ${tone}`}>{state.message}</p> : null}
      </div>
    </form>
    {reconnect && !pending ? <ReconnectButton returnTo={returnTo} /> : null}
    </div>
  );
}
