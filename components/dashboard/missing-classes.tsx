// "Don't see a class?" (issue #18): the reasons that apply to this teacher,
// decided by missingClassReasons (lib/roster/missing-classes), each with its
// one next step. Plain forms and links: works without JavaScript.
import Link from "next/link";
import { setClassShown } from "@/app/actions/classes";
import { ReconnectButton } from "@/components/reconnect-button";
import { SubmitButton } from "@/components/ui/submit-button";
import { card, hint, link } from "@/components/ui/styles";
import type { MissingClassReasons } from "@/lib/roster";
import { errorCopy } from "@/lib/platform/error-copy";

const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** hiddenListed: the page already lists the hidden classes with their Show
 * button (the class chooser), so they are pointed to, not listed again. */
export function MissingClasses({ reasons, returnTo, hiddenListed = false }: { reasons: MissingClassReasons; returnTo: string; hiddenListed?: boolean }) {
  const { hidden, archived, lastSyncFailed, tokenExpired, cleverId } = reasons;
  return (
    <section aria-labelledby="missing-title" className={`${card} flex flex-col gap-3`} data-testid="missing-classes">
      <h2 id="missing-title" className="text-lg font-semibold">
        Don&apos;t see a class?
      </h2>
      <ul className="flex flex-col gap-3">
        {tokenExpired ? (
          <li className="flex flex-col gap-2" data-testid="missing-token">
            <p>{errorCopy.sync.reconnectForClasses}</p>
            <ReconnectButton returnTo={returnTo} />
          </li>
        ) : null}
        {lastSyncFailed ? (
          <li data-testid="missing-sync-failed">
            The last sync with Clever didn&apos;t finish on {dateOnly.format(lastSyncFailed.at)}: {lastSyncFailed.reason}
            {lastSyncFailed.reference ? <> Reference <strong>{lastSyncFailed.reference}</strong>.</> : null} New classes may be missing until a sync
            works:{" "}
            <Link href="/dashboard" className={link}>
              try again with &ldquo;Sync my classes&rdquo;
            </Link>
            .
          </li>
        ) : null}
        {hidden.length > 0 && hiddenListed ? (
          <li data-testid="missing-hidden">
            You hid {hidden.length === 1 ? "1 class" : `${hidden.length} classes`} from your dashboard: {hidden.length === 1 ? "it is" : "they are"} in the list
            above, marked &ldquo;Hidden&rdquo;. Press &ldquo;Show&rdquo; to bring {hidden.length === 1 ? "it" : "them"} back.
          </li>
        ) : null}
        {hidden.length > 0 && !hiddenListed ? (
          <li className="flex flex-col gap-2" data-testid="missing-hidden">
            <p>You hid {hidden.length === 1 ? "this class" : "these classes"} from your dashboard:</p>
            <ul className="flex flex-col gap-2">
              {hidden.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-2">
                  <span dir="auto" className="min-w-0 break-words font-medium">
                    {s.name}
                  </span>
                  <form action={setClassShown}>
                    <input type="hidden" name="sectionId" value={s.id} />
                    <input type="hidden" name="shown" value="true" />
                    <SubmitButton variant="secondary" pendingText="Saving…">
                      Show<span className="sr-only"> {s.name}</span>
                    </SubmitButton>
                  </form>
                </li>
              ))}
            </ul>
          </li>
        ) : null}
        {archived.length > 0 ? (
          <li className="flex flex-col gap-1" data-testid="missing-archived">
            <p>Clever stopped sharing {archived.length === 1 ? "this class" : "these classes"} with this app, so {archived.length === 1 ? "it was" : "they were"} archived:</p>
            <ul className="list-disc ps-5">
              {archived.map((s) => (
                <li key={s.id}>
                  <span dir="auto" className="break-words">
                    {s.name}
                  </span>{" "}
                  <span className={hint}>
                    (since <time dateTime={s.archivedAt.toISOString()}>{dateOnly.format(s.archivedAt)}</time>)
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ) : null}
        <li data-testid="missing-not-shared">
          {hidden.length + archived.length > 0 || tokenExpired || lastSyncFailed ? "Otherwise, y" : "Y"}our district or Clever has not shared it with this app: ask
          your Clever admin to share it.
          {cleverId ? (
            <>
              {" "}
              Give them your Clever ID: <code className="break-all">{cleverId}</code>.
            </>
          ) : null}
        </li>
      </ul>
    </section>
  );
}
