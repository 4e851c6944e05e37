// One class's full roster (LIB-R11): search, sort and pages, usable on a
// phone; plain GET forms and links, so it works without JavaScript too.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FormerStudents, LastSyncChanges, RosterView } from "@/components/dashboard/roster-view";
import { SectionFacts } from "@/components/dashboard/section-facts";
import { hint, link } from "@/components/ui/styles";
import { requireTeacher } from "@/lib/session";
import { viewHref } from "@/lib/people";
import { formerStudents, lastSyncChanges, rosterOptions, sectionRoster, teacherSection } from "@/lib/roster";

export const metadata: Metadata = { title: "Class roster" };

export default async function SectionPage({ params, searchParams }: PageProps<"/dashboard/sections/[id]">) {
  const user = await requireTeacher();
  const { id } = await params;
  // Only the teacher's own sections: anything else is "not found" (no hint that it exists).
  const section = await teacherSection(user.id, id);
  if (!section) notFound();
  const options = rosterOptions(await searchParams);
  const [roster, former, changes] = await Promise.all([sectionRoster(section.id, options), formerStudents(section.id), lastSyncChanges(user.id, section.id)]);

  return (
    <>
      <nav aria-label="Breadcrumb">
        <Link href={viewHref(user, "teacher")} className={link}>
          ← All classes
        </Link>
      </nav>
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold break-words sm:text-3xl" dir="auto">
          {section.name}
        </h1>
        <SectionFacts subject={section.subject} grade={section.grade} period={section.period} />
        <p className={hint}>
          {roster.total} {roster.total === 1 ? "student" : "students"}
          {section.schoolName ? (
            <>
              {" · "}
              <span dir="auto">{section.schoolName}</span>
            </>
          ) : null}
        </p>
      </header>

      <LastSyncChanges changes={changes} name={section.name} />
      <RosterView roster={roster} options={options} path={`/dashboard/sections/${encodeURIComponent(section.id)}`} />
      <FormerStudents students={former} />
    </>
  );
}
