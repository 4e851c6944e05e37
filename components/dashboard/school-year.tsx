// School years on screen (ROLL-04): a class's term, the rollover summary, and
// the Past classes list. Presentational: the pages fetch (lib/roster).
import Link from "next/link";
import { card, hint, link } from "@/components/ui/styles";
import type { PastClass, RolloverSummary, TermFacts } from "@/lib/roster";

const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const longDate = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** Clever's date or timestamp as a date, or null when it is neither. */
function day(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const date = new Date(`${value.slice(0, 10)}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : dateOnly.format(date);
}

/** "Term: Fall 2026 · Aug 15, 2026 – Dec 18, 2026", from what Clever gives. */
export function TermLine({ term }: { term: TermFacts | null }) {
  if (!term) return null;
  const start = day(term.startDate);
  const end = day(term.endDate);
  const dates = start && end ? `${start} – ${end}` : end ? `until ${end}` : start ? `from ${start}` : null;
  if (!term.name && !dates) return null;
  return (
    // A span: it also sits in a class card's <summary>, which holds phrasing content only.
    <span className={`${hint} block`} data-testid="section-term">
      Term: {term.name ? <span dir="auto">{term.name}</span> : null}
      {term.name && dates ? " · " : null}
      {dates}
    </span>
  );
}

const classes = (n: number) => (n === 1 ? "1 class" : `${n} classes`);

/** After a rollover: what moved to Past classes and what is new, told once. */
export function RolloverNotice({ summary }: { summary: RolloverSummary }) {
  const moved = summary.movedToPast.length;
  if (moved === 0) return null;
  const fresh = summary.newClasses;
  return (
    <p role="status" data-testid="rollover-summary" className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100">
      {classes(moved)} from last year moved to{" "}
      <Link href="/classes#past-classes" className={link}>
        Past classes
      </Link>
      {fresh > 0 ? `; ${fresh === 1 ? "1 new class" : `${fresh} new classes`} from Clever.` : "."}
    </p>
  );
}

/** Past classes: one click away, never deleted; closed by default. */
export function PastClasses({ classes: past }: { classes: PastClass[] }) {
  if (past.length === 0) return null;
  return (
    <section aria-labelledby="past-classes-title" id="past-classes" className={card} data-testid="past-classes">
      <details>
        <summary className="cursor-pointer">
          <h2 id="past-classes-title" className="inline text-lg font-semibold">
            Past classes ({past.length})
          </h2>
        </summary>
        <p className={`${hint} mt-2`}>Classes from earlier terms and years, and classes Clever no longer shares: kept as they stood, never deleted.</p>
        <ul className="mt-3 flex flex-col gap-3">
          {past.map((c) => (
            <li key={c.id} data-testid="past-class" className="flex flex-col gap-1">
              <Link href={`/dashboard/sections/${encodeURIComponent(c.id)}`} className={`${link} font-medium break-words`} dir="auto">
                {c.name}
              </Link>
              <TermLine term={c.term} />
              <p className={hint}>
                {c.studentCount} {c.studentCount === 1 ? "student" : "students"} · past since {longDate.format(c.pastSince)}
              </p>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
