// One class's full roster (LIB-R11): search, sort and pages, usable on a
// phone; plain GET forms and links, so it works without JavaScript too.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FormerStudents, LastSyncChanges, RosterView } from "@/components/dashboard/roster-view";
import { ClassHeader, StudentsAndSchool } from "@/components/dashboard/class-header";
import { link } from "@/components/ui/styles";
import { requireTeacher } from "@/lib/session";
import { viewHref } from "@/lib/people";
import { formerStudents, lastSyncChanges, pastClass, pastClassRoster, rosterOptions, sectionRoster, teacherSection } from "@/lib/roster";

const longDate = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export const metadata: Metadata = { title: "Class roster" };

export default async function SectionPage({ params, searchParams }: PageProps<"/dashboard/sections/[id]">) {
  const user = await requireTeacher();
  const { id } = await params;
  // Only the teacher's own sections: anything else is "not found" (no hint that it exists).
  const section = await teacherSection(user.id, id);
  if (!section) return <PastClassPage teacherId={user.id} backHref={viewHref(user, "teacher")} id={id} searchParams={await searchParams} />;
  const options = rosterOptions(await searchParams);
  const [roster, former, changes] = await Promise.all([sectionRoster(section.id, options), formerStudents(section.id), lastSyncChanges(user.id, section.id)]);

  return (
    <>
      <nav aria-label="Breadcrumb">
        <Link href={viewHref(user, "teacher")} className={link}>
          ← All classes
        </Link>
      </nav>
      <ClassHeader name={section.name} facts={section} term={section.term}>
        <StudentsAndSchool total={roster.total} schoolName={section.schoolName} />
      </ClassHeader>

      <LastSyncChanges changes={changes} name={section.name} />
      <RosterView roster={roster} options={options} path={`/dashboard/sections/${encodeURIComponent(section.id)}`} />
      <FormerStudents students={former} />
    </>
  );
}

/** A past class (ROLL-04): read-only, its roster as it stood; else 404. */
async function PastClassPage({ teacherId, backHref, id, searchParams }: { teacherId: string; backHref: string; id: string; searchParams: Awaited<PageProps<"/dashboard/sections/[id]">["searchParams"]> }) {
  const past = await pastClass(teacherId, id);
  if (!past) notFound();
  const options = rosterOptions(searchParams);
  const roster = await pastClassRoster(past, options);
  return (
    <>
      <nav aria-label="Breadcrumb">
        <Link href={backHref} className={link}>
          ← All classes
        </Link>
      </nav>
      <ClassHeader name={past.name} term={past.term}>
        <StudentsAndSchool total={roster.total} schoolName={past.schoolName} />
      </ClassHeader>
      <p role="note" data-testid="past-class-note" className="rounded-md border border-slate-300 bg-slate-50 p-3 dark:border-slate-600 dark:bg-slate-800">
        A past class since {longDate.format(past.pastSince)}: its roster as it stood then. Nothing here syncs any more, and nothing was deleted.
      </p>
      <RosterView roster={roster} options={options} path={`/dashboard/sections/${encodeURIComponent(past.id)}`} />
    </>
  );
}
