// One class's roster (LIB-R11), for its teacher and for administrators: the
// search and sort form, the students and their pages. Plain GET forms and
// links, so it works without JavaScript too.
import { NameList } from "@/components/ui/name-list";
import { Pager } from "@/components/ui/pager";
import { button, card, hint, input, label } from "@/components/ui/styles";
import type { ClassChanges, FormerStudent, Person, RosterOptions, RosterPage, RosterSort } from "@/lib/roster";
import { gradeLabel } from "@/lib/clever";

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

const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Students Clever no longer lists in the class (LIB-R06): with the date,
 * not counted, hideable; they come back by themselves when Clever lists them. */
export function FormerStudents({ students }: { students: FormerStudent[] }) {
  if (students.length === 0) return null;
  return (
    <details open className={card} data-testid="former-students">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">
        No longer in this class in Clever ({students.length})
      </summary>
      <p className={hint}>
        Not counted in the class. If Clever lists them again, the next sync brings them back.
      </p>
      <ul className="mt-2 divide-y divide-slate-200 dark:divide-slate-700">
        {students.map((s) => (
          <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2" data-testid="former-student">
            <span dir="auto" className="min-w-0 break-words">
              {s.name}
            </span>
            <span className="text-sm text-slate-600 dark:text-slate-300">
              Left on <time dateTime={s.leftAt.toISOString()}>{dateOnly.format(s.leftAt)}</time>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Names({ label, people }: { label: string; people: Person[] }) {
  if (people.length === 0) return null;
  return (
    <li>
      {label}: <NameList names={people.map((p) => p.name)} />
    </li>
  );
}

/** When the class was last synced and what that sync changed in it (LIB-12). */
export function LastSyncChanges({ changes, name }: { changes: ClassChanges; name: string }) {
  const { syncedAt } = changes;
  const any = changes.joined.length + changes.left.length + changes.coTeachersAdded.length + changes.coTeachersRemoved.length > 0 || changes.detailsChanged;
  return (
    <section aria-labelledby="changes-title" className={`${card} flex flex-col gap-1`} data-testid="class-changes">
      <h2 id="changes-title" className="font-semibold">
        From Clever
      </h2>
      <p className={hint}>
        Clever owns this roster: students and co-teachers are added and removed in Clever, and each sync brings the changes here.
      </p>
      {syncedAt === null ? (
        <p>Not synced with Clever yet.</p>
      ) : (
        <>
          <p>
            Last synced <time dateTime={syncedAt.toISOString()}>{dateTime.format(syncedAt)}</time>.{" "}
            {changes.firstSync ? "That sync added this class." : any ? "What it changed in this class:" : "It changed nothing in this class."}
          </p>
          {!changes.firstSync && any ? (
            <ul className="list-disc ps-5" data-testid="class-change-list">
              {changes.renamedFrom !== null ? (
                <li data-testid="class-renamed">
                  Renamed from <span dir="auto">“{changes.renamedFrom}”</span> to <span dir="auto">“{name}”</span>
                </li>
              ) : changes.detailsChanged ? (
                <li>
                  Class details updated in Clever; it is now called <span dir="auto">“{name}”</span>
                </li>
              ) : null}
              <Names label="Joined" people={changes.joined} />
              <Names label="Left" people={changes.left} />
              <Names label="Co-teachers added" people={changes.coTeachersAdded} />
              <Names label="Co-teachers removed" people={changes.coTeachersRemoved} />
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
