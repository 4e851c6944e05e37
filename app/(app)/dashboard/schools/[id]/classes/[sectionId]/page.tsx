// One class of a school for its administrators: who teaches it and its
// roster, with the teacher's roster page's search, sort and pages. Read-only.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { RosterView } from "@/components/dashboard/roster-view";
import { ClassTeachers } from "@/components/dashboard/class-teachers";
import { ClassHeader } from "@/components/dashboard/class-header";
import { Skeleton } from "@/components/ui/skeleton";
import { link } from "@/components/ui/styles";
import { requireUser } from "@/lib/session";
import type { User } from "@/lib/generated/prisma/client";
import { viewHref } from "@/lib/people";
import { adminRoster, adminSection, classPath, type RosterOptions, rosterOptions, schoolPath } from "@/lib/roster";

export const metadata: Metadata = { title: "Class roster" };

async function AdminRoster({ user, schoolId, sectionId, options }: { user: User; schoolId: string; sectionId: string; options: RosterOptions }) {
  const roster = await adminRoster(user, schoolId, sectionId, options);
  if (!roster) notFound();
  return <RosterView roster={roster} options={options} path={classPath(schoolId, sectionId)} />;
}

export default async function AdminClassPage({ params, searchParams }: PageProps<"/dashboard/schools/[id]/classes/[sectionId]">) {
  const user = await requireUser();
  const { id, sectionId } = await params;
  // Only a class of one of the admin's schools: anything else is "not found".
  const section = await adminSection(user, id, sectionId);
  if (!section) notFound();
  const options = rosterOptions(await searchParams);

  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap gap-x-2">
          <li>
            <Link href={viewHref(user, "admin")} className={link}>
              All schools
            </Link>
            <span aria-hidden="true"> /</span>
          </li>
          <li>
            <Link href={schoolPath(section.school.id)} className={link} dir="auto">
              {section.school.name || "Unnamed school"}
            </Link>
          </li>
        </ol>
      </nav>
      <ClassHeader name={section.name} facts={section} factsTestId="class-facts">
        {section.studentCount} {section.studentCount === 1 ? "student" : "students"}
        {" · "}
        <ClassTeachers teachers={section.teachers} />
      </ClassHeader>

      <Suspense key={`${options.query}:${options.sort}:${options.page}`} fallback={<Skeleton lines={4} label="Loading the roster" />}>
        <AdminRoster user={user} schoolId={section.school.id} sectionId={section.id} options={options} />
      </Suspense>
    </>
  );
}
