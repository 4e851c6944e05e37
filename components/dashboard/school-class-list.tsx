// A school's active classes for its administrators, one page at a time (a
// school may have hundreds): name, subject, grade, period, teachers and
// student count, each opening the class's roster. Read-only. Presentational:
// the school page reads the page of classes (app/(app)/dashboard/schools/[id]/page.tsx).
import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { card, hint, link } from "@/components/ui/styles";
import { type AdminClassPage, classPath, schoolPath } from "@/lib/roster";
import { ClassTeachers } from "./class-teachers";
import { SectionFacts } from "./section-facts";

export function SchoolClassList({ schoolId, query, result }: { schoolId: string; query: string; result: AdminClassPage }) {
  const pageHref = (n: number) => `${schoolPath(schoolId)}?${new URLSearchParams({ q: query, page: String(n) }).toString()}`;
  return (
    <section aria-labelledby="school-classes-title" className="flex flex-col gap-3">
      <h2 id="school-classes-title" className="text-xl font-semibold">
        Classes{" "}
        <span className="text-base font-normal text-slate-600 dark:text-slate-300" data-testid="school-class-count">
          ({query ? `${result.matching} matching “${query}”` : `${result.total}`})
        </span>
      </h2>
      {result.classes.length === 0 ? (
        <p className={card} data-testid="school-no-classes">
          {query ? "No class matches that search." : "No classes yet. They appear here once Clever has shared them with Clever Classroom."}
        </p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="school-classes">
          {result.classes.map((section) => (
            <li key={section.id} className={`${card} flex flex-col gap-1`} data-testid="school-class">
              <h3 className="text-lg font-semibold break-words">
                <Link href={classPath(schoolId, section.id)} className={link} dir="auto">
                  {section.name}
                </Link>
              </h3>
              <SectionFacts subject={section.subject} grade={section.grade} period={section.period} />
              <p className={hint}>
                {section.studentCount} {section.studentCount === 1 ? "student" : "students"}
                {" · "}
                <ClassTeachers teachers={section.teachers} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={result.page} pageCount={result.pageCount} href={pageHref} />
    </section>
  );
}
