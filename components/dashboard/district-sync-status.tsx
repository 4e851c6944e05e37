// When the district's roster last synced, and whether a sync failed, for its
// administrators: the time and a support reference, never the error itself.
// Presentational: the dashboard page reads the status (app/(app)/dashboard/views.tsx).
import { card, hint } from "@/components/ui/styles";
import type { DistrictSyncStatus as SyncStatus } from "@/lib/roster";

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function When({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{dateTime.format(at)} UTC</time>;
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
