// One class's full roster (LIB-R11): search, sort and pages, usable on a
// phone; plain GET forms and links, so it works without JavaScript too.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SectionFacts } from "@/components/dashboard/section-facts";
import { button, card, hint, input, label, link } from "@/components/ui/styles";
import { requireTeacher } from "@/lib/auth/current-user";
import { viewHref } from "@/lib/people/roles";
import { gradeLabel } from "@/lib/rosters/labels";
import { ROSTER_SORTS, sectionRoster, teacherSection, type RosterSort } from "@/lib/rosters/queries";
import { searchChoice, searchParam, searchText } from "@/lib/search-params";

export const metadata: Metadata = { title: "Class roster" };

const sorts: Record<RosterSort, string> = { last: "Last name", first: "First name", grade: "Grade" };

export default async function SectionPage({ params, searchParams }: PageProps<"/dashboard/sections/[id]">) {
  const user = await requireTeacher();
  const { id } = await params;
  // Only the teacher's own sections: anything else is "not found" (no hint that it exists).
  const section = await teacherSection(user.id, id);
  if (!section) notFound();
  const sp = await searchParams;
  const query = searchText(sp, "q");
  const sort = searchChoice(sp, "sort", ROSTER_SORTS, "last");
  const page = Math.max(1, Number.parseInt(searchParam(sp, "page") ?? "", 10) || 1);
  const roster = await sectionRoster(section.id, { query, sort, page });
  const pageHref = (n: number) => `/dashboard/sections/${encodeURIComponent(section.id)}?${new URLSearchParams({ q: query, sort, page: String(n) }).toString()}`;

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

      <form role="search" action={`/dashboard/sections/${encodeURIComponent(section.id)}`} method="get" className={`${card} flex flex-wrap items-end gap-3`}>
        <div className="min-w-0 flex-1 basis-48">
          <label htmlFor="roster-q" className={label}>
            Search students
          </label>
          <input id="roster-q" name="q" type="search" defaultValue={query} className={input} />
        </div>
        <div className="basis-36">
          <label htmlFor="roster-sort" className={label}>
            Sort by
          </label>
          <select id="roster-sort" name="sort" defaultValue={sort} className={input}>
            {Object.entries(sorts).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={button.secondary}>
          Show
        </button>
      </form>

      <section aria-labelledby="roster-title" className="flex flex-col gap-2">
        <h2 id="roster-title" className="text-lg font-semibold">
          Students{" "}
          <span className="font-normal text-slate-600 dark:text-slate-300" data-testid="roster-count">
            ({query ? `${roster.matching} matching “${query}”` : `${roster.total}`})
          </span>
        </h2>
        {roster.students.length === 0 ? (
          <p>{query ? "No student matches that search." : "No students in this class yet."}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-900" data-testid="roster">
            {roster.students.map((student) => (
              <li key={student.id} className="flex items-baseline justify-between gap-3 px-4 py-2">
                <span dir="auto" className="min-w-0 break-words" data-testid="student-name">
                  {student.name}
                </span>
                <span className="shrink-0 text-sm text-slate-600 dark:text-slate-300">{gradeLabel(student.grade)}</span>
              </li>
            ))}
          </ul>
        )}
        {roster.pageCount > 1 ? (
          <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2">
            {roster.page > 1 ? (
              <Link href={pageHref(roster.page - 1)} className={button.secondary} rel="prev">
                Previous page
              </Link>
            ) : (
              <span />
            )}
            <span aria-current="page" data-testid="page-status">
              Page {roster.page} of {roster.pageCount}
            </span>
            {roster.page < roster.pageCount ? (
              <Link href={pageHref(roster.page + 1)} className={button.secondary} rel="next">
                Next page
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </>
  );
}
