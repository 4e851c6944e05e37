// One class's roster (LIB-R11), for its teacher and for administrators: the
// search and sort form, the students and their pages. Plain GET forms and
// links, so it works without JavaScript too.
import { Pager } from "@/components/ui/pager";
import { button, card, input, label } from "@/components/ui/styles";
import { gradeLabel } from "@/lib/rosters/labels";
import type { RosterPage, RosterSort } from "@/lib/rosters/queries";
import type { RosterOptions } from "@/lib/rosters/roster-options";

const sorts: Record<RosterSort, string> = { last: "Last name", first: "First name", grade: "Grade" };

/** `path`: the page's own path, where the form and page links lead. */
export function RosterView({ roster, options, path }: { roster: RosterPage; options: RosterOptions; path: string }) {
  const { query, sort } = options;
  const pageHref = (n: number) => `${path}?${new URLSearchParams({ q: query, sort, page: String(n) }).toString()}`;
  return (
    <>
      <form role="search" action={path} method="get" className={`${card} flex flex-wrap items-end gap-3`}>
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
        <Pager page={roster.page} pageCount={roster.pageCount} href={pageHref} />
      </section>
    </>
  );
}
