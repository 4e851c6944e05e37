// The class chooser (LIB-R07, LIB-Q3): every section the teacher teaches in
// Clever, with a toggle for whether it appears and keeps syncing. Choices are
// stored apart from synced data, so they survive every sync.
import type { Metadata } from "next";
import { after } from "next/server";
import { setClassShown } from "@/app/actions/classes";
import { CoTeachers } from "@/components/dashboard/co-teachers";
import { MissingClasses } from "@/components/dashboard/missing-classes";
import { ImportingNotice } from "@/components/dashboard/importing-notice";
import { RostersNote } from "@/components/dashboard/rosters-note";
import { PastClasses, RolloverNotice, TermLine } from "@/components/dashboard/school-year";
import { SectionFacts } from "@/components/dashboard/section-facts";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { badge, button, card, hint, input, label } from "@/components/ui/styles";
import { requireTeacher } from "@/lib/session";
import { returnPath } from "@/lib/login";
import { ALL, filterClasses, importInProgress, lastSyncRun, markPastSeen, markSectionsSeen, missingClassReasons, pastClasses, rolloverSummary, teacherSections } from "@/lib/roster";
import { searchParam } from "@/lib/platform";

export const metadata: Metadata = { title: "Choose classes" };

export default async function ClassesPage({ searchParams }: PageProps<"/classes">) {
  const user = await requireTeacher();
  const sp = await searchParams;
  const [sections, run, missing, past] = await Promise.all([teacherSections(user.id), lastSyncRun(user.id), missingClassReasons(user.id), pastClasses(user.id)]);
  const importing = importInProgress(run);
  const { subject, grade, listed } = filterClasses(sections, { subject: searchParam(sp, "subject"), grade: searchParam(sp, "grade") });
  const unseen = sections.filter((s) => s.isNew).map((s) => s.id);
  const rollover = await rolloverSummary(user.id, unseen.length);
  // "New" and the rollover summary show on this visit, then count as seen.
  if (unseen.length > 0) after(() => markSectionsSeen(user.id, unseen));
  if (rollover.movedToPast.length > 0) after(() => markPastSeen(user.id, rollover.movedToPast));

  return (
    <>
      <PageHeader title="Choose your classes">
        Pick the classes you want on your dashboard. Hidden classes stay off your dashboard but are kept up to date, so nothing is lost
        when you show them again. Your choices stay as they are after every sync.
      </PageHeader>
      <RolloverNotice summary={rollover} />
      <RostersNote />
      {importing ? <ImportingNotice className={card} /> : null}
      {sections.length === 0 ? (
        importing ? null : <p className={card}>Clever hasn&apos;t shared any classes with you yet.</p>
      ) : (
        <>
          <form action="/classes" method="get" className={`${card} flex flex-wrap items-end gap-3`} aria-label="Filter classes">
            <div className="min-w-0 flex-1 basis-40">
              <label htmlFor="filter-subject" className={label}>
                Subject
              </label>
              <select id="filter-subject" name="subject" defaultValue={subject.chosen} className={input}>
                <option value={ALL}>All subjects</option>
                {subject.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="min-w-0 flex-1 basis-40">
              <label htmlFor="filter-grade" className={label}>
                Grade
              </label>
              <select id="filter-grade" name="grade" defaultValue={grade.chosen} className={input}>
                <option value={ALL}>All grades</option>
                {grade.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={button.secondary}>
              Filter
            </button>
          </form>
          <p className={hint} aria-live="polite">
            Showing {listed.length} of {sections.length} classes · {sections.filter((s) => s.shown).length} on your dashboard
          </p>
          <ul className="flex flex-col gap-3" data-testid="chooser-list">
            {listed.map((section) => (
              <li key={section.id} className={`${card} flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between`} data-testid="chooser-item">
                <div className="flex min-w-0 flex-col gap-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="text-lg font-semibold break-words" dir="auto">
                      {section.name}
                    </span>
                    {section.isNew ? <span className={`${badge} bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100`}>New</span> : null}
                  </p>
                  <SectionFacts subject={section.subject} grade={section.grade} period={section.period} />
                  <TermLine term={section.term} />
                  <p className={hint}>
                    {section.studentCount} {section.studentCount === 1 ? "student" : "students"}
                    <CoTeachers teachers={section.coTeachers} />
                  </p>
                  <p className="text-sm font-medium" data-testid="choice-state">
                    {section.shown ? "On your dashboard" : "Hidden"}
                  </p>
                </div>
                <form action={setClassShown} className="shrink-0">
                  <input type="hidden" name="sectionId" value={section.id} />
                  <input type="hidden" name="shown" value={section.shown ? "false" : "true"} />
                  <SubmitButton variant={section.shown ? "secondary" : "primary"} pendingText="Saving…">
                    {section.shown ? "Hide" : "Show"}
                    <span className="sr-only"> {section.name}</span>
                  </SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
      <PastClasses classes={past} />
      {importing ? null : <MissingClasses reasons={missing} returnTo={returnPath("/classes", sp)} hiddenListed={sections.length > 0} />}
    </>
  );
}
