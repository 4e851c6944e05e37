// When the district's roster last synced, and whether a sync failed, for its
// administrators: the time and a support reference, never the error itself.
// A full sync held for review (SS-R6) says what it would archive, and a
// district admin may apply it.
// Presentational: the dashboard page reads the status (app/(app)/dashboard/views.tsx).
import { ApplyHeldSync } from "@/components/dashboard/apply-held-sync";
import { card, hint } from "@/components/ui/styles";
import type { DistrictSyncStatus as SyncStatus, HeldSync } from "@/lib/roster";

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function When({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{dateTime.format(at)} UTC</time>;
}

/** "a, b and c". */
function listed(parts: string[]): string {
  return parts.length < 2 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function Held({ held }: { held: HeldSync }) {
  return (
    <div
      data-testid="district-sync-held"
      className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <h3 className="font-semibold">Changes waiting for your review</h3>
      <p data-testid="district-sync-held-counts">
        The sync on <When at={held.at} /> would archive {listed(held.parts)}. None of them was archived.
      </p>
      <p>
        That is more than {held.percent}% of your district&apos;s students, teachers or classes at once, which is more often a mistake in the
        district&apos;s roster than real departures. If the changes are expected (the end of a school year, say), apply them. If not, correct the
        roster in Clever: the next sync starts afresh. Reference <strong>{held.reference}</strong>.
      </p>
      {held.canApply ? <ApplyHeldSync reference={held.reference} /> : <p>A district administrator can apply these changes.</p>}
    </div>
  );
}

export function DistrictSyncStatus({ status }: { status: SyncStatus }) {
  return (
    <section aria-labelledby="district-sync-title" className={`${card} flex flex-col gap-2`} data-testid="district-sync">
      <h2 id="district-sync-title" className="text-lg font-semibold">
        Roster sync with Clever
      </h2>
      {status.state === "never" ? (
        <p data-testid="district-sync-never">Your district&apos;s roster has not synced yet. Classes appear as soon as the first sync has run.</p>
      ) : (
        <>
          <p data-testid="district-sync-last">
            {status.lastSucceededAt ? (
              <>
                Last synced <When at={status.lastSucceededAt} />.
              </>
            ) : (
              "Your district's roster has not synced successfully yet."
            )}
          </p>
          {status.held ? <Held held={status.held} /> : null}
          {status.lastFullSync ? (
            <p className={hint} data-testid="district-sync-full">
              The whole roster was last read from Clever on <When at={status.lastFullSync.at} />
              {status.lastFullSync.why ? <>: {status.lastFullSync.why}</> : null}. Changes in between arrive from Clever as they happen.
            </p>
          ) : null}
          {status.lastFailedAt ? (
            status.state === "failing" ? (
              <p
                data-testid="district-sync-failed"
                className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
              >
                The latest sync, on <When at={status.lastFailedAt} />, didn&apos;t finish. Clever Classroom tries again on its own
                {status.lastSucceededAt ? ", and shows what the last good sync brought until then" : ""}. If it keeps happening, contact support
                {status.errorRef ? (
                  <>
                    {" "}
                    with reference <strong>{status.errorRef}</strong>
                  </>
                ) : null}
                .
              </p>
            ) : (
              <p className={hint} data-testid="district-sync-failed">
                An earlier sync, on <When at={status.lastFailedAt} />, didn&apos;t finish
                {status.errorRef ? <> (reference {status.errorRef})</> : null}; the syncs since then have worked.
              </p>
            )
          ) : null}
        </>
      )}
    </section>
  );
}
