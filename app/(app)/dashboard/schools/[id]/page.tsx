// One school for its administrators (a district admin: any school of the
// district): its active classes, searchable and paged. Read-only.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { SchoolClassList } from "@/components/dashboard/school-class-list";
import { Skeleton } from "@/components/ui/skeleton";
import { button, hint, input, label, link, pageTitle } from "@/components/ui/styles";
import { requireUser } from "@/lib/session";
import type { User } from "@/lib/generated/prisma/client";
import { viewHref } from "@/lib/people";
import { adminSchool, pageNumber, schoolClasses, schoolPath } from "@/lib/roster";
import { gradeLabel } from "@/lib/clever";
import { searchText } from "@/lib/platform";

export const metadata: Metadata = { title: "School" };

async function SchoolClasses({ user, schoolId, query, page }: { user: User; schoolId: string; query: string; page: number }) {
  const result = await schoolClasses(user, schoolId, { query, page });
  return <SchoolClassList schoolId={schoolId} query={query} result={result} />;
}

export default async function SchoolPage({ params, searchParams }: PageProps<"/dashboard/schools/[id]">) {
  const user = await requireUser();
  const { id } = await params;
  // Only the admin's own schools: anything else, and anyone else, is "not found".
  const school = await adminSchool(user, id);
  if (!school) notFound();
  const sp = await searchParams;
  const query = searchText(sp, "q");
  const page = pageNumber(sp);
  const place = [school.city, school.state].filter(Boolean).join(", ");
  const grades = school.lowGrade && school.highGrade ? `${gradeLabel(school.lowGrade)} to ${gradeLabel(school.highGrade)}` : null;

  return (
    <>
      <nav aria-label="Breadcrumb">
        <Link href={viewHref(user, "admin")} className={link}>
          ← All schools
        </Link>
      </nav>
      <header className="flex flex-col gap-2">
        <h1 className={`${pageTitle} break-words`} dir="auto">
          {school.name || "Unnamed school"}
        </h1>
        <p className={hint} data-testid="school-facts">
          {school.classes} active {school.classes === 1 ? "class" : "classes"} in Clever Classroom
          {place ? (
            <>
              {" · "}
              <span dir="auto">{place}</span>
            </>
          ) : null}
          {grades ? ` · ${grades}` : null}
        </p>
        <p className={hint}>Classes and rosters come from Clever: you can see them here, and change them in Clever.</p>
      </header>

      <form role="search" action={schoolPath(school.id)} method="get" className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="school-class-q" className={label}>
            Find a class
          </label>
          <input id="school-class-q" name="q" type="search" defaultValue={query} className={input} />
        </div>
        <button type="submit" className={button.secondary}>
          Search
        </button>
      </form>

      <Suspense key={`${query}:${page}`} fallback={<Skeleton lines={4} label="Loading the school's classes" />}>
        <SchoolClasses user={user} schoolId={school.id} query={query} page={page} />
      </Suspense>
    </>
  );
}
