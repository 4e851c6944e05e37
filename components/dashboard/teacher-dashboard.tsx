// The teacher's dashboard (SYNC-01, LIB-03, LIB-09, LIB-R10, LIB-R11): the
// classes they chose, a roster preview for each, sync status and the Sync
// button; the trial for Library teachers, the full product for districts.
// Presentational: the dashboard page reads the data (app/(app)/dashboard/views.tsx).
import Link from "next/link";
import { SyncButton } from "@/components/sync-button";
import { button, card, hint, input, label, link } from "@/components/ui/styles";
import type { User } from "@/lib/generated/prisma/client";
import type { LastSyncRun, MissingClassReasons, RolloverSummary, RosterPage, TeacherSection } from "@/lib/roster";
import { gradeLabel } from "@/lib/clever";
import { viewsOf } from "@/lib/people";
import { CoTeachers } from "./co-teachers";
import { ImportingNotice } from "./importing-notice";
import { MissingClasses } from "./missing-classes";
import { RostersNote } from "./rosters-note";
import { RolloverNotice, TermLine } from "./school-year";
import { SectionFacts } from "./section-facts";

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

interface TeacherDashboardProps {
  user: User;
  query: string;
  returnTo: string;
  /** Every active class the teacher teaches, shown or hidden. */
  sections: TeacherSection[];
  /** How many of them the teacher chose to show. */
  shownCount: number;
  /** The shown classes that match the search, and the first page of each one's roster (same order). */
  visible: TeacherSection[];
  previews: RosterPage[];
  run: LastSyncRun | null;
  isImporting: boolean;
  missing: MissingClassReasons;
  /** What moved to Past classes and what is new since the teacher last looked. */
  rollover: RolloverSummary;
}

export function TeacherDashboard({ user, query, returnTo, sections, shownCount, visible, previews, run, isImporting, missing, rollover }: TeacherDashboardProps) {
  const trial = user.authorizedBy === "teacher" && user.trialEndsAt;

  return (
    <>
      {trial ? (
        <section aria-labelledby="trial-title" data-testid="trial-banner" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <h2 id="trial-title" className="font-semibold">
            Free for teachers: your trial runs until {dateOnly.format(user.trialEndsAt as Date)}
          </h2>
          <p className="text-sm">You added this app from the Clever Library. Everything works during the trial; ask your district to share it for the full product.</p>
        </section>
      ) : user.authorizedBy === "district" ? (
        <p data-testid="district-plan" className={hint}>
          Shared by your district: every feature is included.
        </p>
      ) : null}

      <RolloverNotice summary={rollover} />

      <section aria-labelledby="sync-title" className={`${card} flex flex-col gap-3`}>
        <h2 id="sync-title" className="text-lg font-semibold">
          Sync with Clever
        </h2>
        {isImporting ? (
          <ImportingNotice />
        ) : (
          <p data-testid="last-synced">{run?.lastSucceededAt ? `Last synced ${dateTime.format(run.lastSucceededAt)} UTC.` : "Not synced yet."}</p>
        )}
        <SyncButton lastRun={run} returnTo={returnTo} />
        <RostersNote />
      </section>

      {sections.length === 0 && !isImporting ? (
        <section aria-labelledby="empty-title" data-testid="empty-state" className={`${card} flex flex-col gap-2`}>
          <h2 id="empty-title" className="text-lg font-semibold">
            No classes yet
          </h2>
          <p>Clever hasn&apos;t shared any classes with you. Your classes appear here as soon as your school adds them in Clever.</p>
          <ul className="list-disc pl-5">
            <li>If you use Clever through your district, ask your school&apos;s Clever administrator to add your sections.</li>
            <li>If you added this app from the Clever Library, create your classes in Clever, then press &ldquo;Sync my classes&rdquo;.</li>
          </ul>
        </section>
      ) : null}
      {sections.length === 0 && !isImporting ? <MissingClasses reasons={missing} returnTo={returnTo} /> : null}

      {sections.length > 0 ? (
        <section aria-labelledby="classes-title" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="classes-title" className="text-xl font-semibold">
              Classes <span className="text-base font-normal text-slate-600 dark:text-slate-300">({shownCount} of {sections.length} shown)</span>
            </h2>
            <Link href="/classes" className={link}>
              Choose which classes appear
            </Link>
          </div>
          <form role="search" action="/dashboard" method="get" className="flex flex-wrap items-end gap-2">
            {viewsOf(user)[0] === "teacher" ? null : <input type="hidden" name="as" value="teacher" />}
            <div className="min-w-0 flex-1">
              <label htmlFor="class-q" className={label}>
                Find a class
              </label>
              <input id="class-q" name="q" type="search" defaultValue={query} className={input} />
            </div>
            <button type="submit" className={button.secondary}>
              Search
            </button>
          </form>
          {visible.length === 0 ? <p>No class matches &ldquo;{query}&rdquo;.</p> : null}
          <ul className="flex flex-col gap-3" data-testid="class-list">
            {visible.map((section, i) => {
              const preview = previews[i];
              return (
                <li key={section.id} className={card} data-testid="class-card">
                  <details>
                    <summary className="flex min-h-11 cursor-pointer list-none flex-col gap-1 [&::-webkit-details-marker]:hidden">
                      <span className="text-lg font-semibold break-words" dir="auto">
                        {section.name}
                      </span>
                      <SectionFacts subject={section.subject} grade={section.grade} period={section.period} />
                      <TermLine term={section.term} />
                      <span className={hint}>
                        <span aria-hidden="true" className="text-brand-700 dark:text-brand-100">▸ </span>
                        {section.studentCount} {section.studentCount === 1 ? "student" : "students"}
                        <CoTeachers teachers={section.coTeachers} />
                      </span>
                    </summary>
                    <div className="mt-3 flex flex-col gap-2">
                      <ul className="divide-y divide-slate-200 dark:divide-slate-700">
                        {preview?.students.map((student) => (
                          <li key={student.id} className="flex items-baseline justify-between gap-3 py-2">
                            <span dir="auto" className="min-w-0 break-words">
                              {student.name}
                            </span>
                            <span className="shrink-0 text-sm text-slate-600 dark:text-slate-300">{gradeLabel(student.grade)}</span>
                          </li>
                        ))}
                      </ul>
                      <Link href={`/dashboard/sections/${encodeURIComponent(section.id)}`} className={link}>
                        Open the full roster ({section.studentCount}) <span className="sr-only">of {section.name}</span>
                      </Link>
                    </div>
                  </details>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}
