// The administrators' page (Clever recommends letting district and school
// admins in): who they are, their district, their schools and what Clever
// Classroom holds for each (each opening its classes), when the district's
// roster last synced, and what the app offers them. Presentational: the
// dashboard page reads the data (app/(app)/dashboard/views.tsx).
import Link from "next/link";
import type { ReactNode } from "react";
import { card, hint, link } from "@/components/ui/styles";
import type { User } from "@/lib/generated/prisma/client";
import { adminRoleOf, displayName } from "@/lib/people";
import { type AdminOverview, schoolPath } from "@/lib/roster";

const roleLabel = { district_admin: "District administrator", school_admin: "School administrator" } as const;

interface AdminDashboardProps {
  user: User;
  overview: AdminOverview;
  /** The district's sync status: a slot, so the page can stream it in behind its own skeleton. */
  syncStatus: ReactNode;
}

export function AdminDashboard({ user, overview, syncStatus }: AdminDashboardProps) {
  const adminRole = adminRoleOf(user);
  const role = adminRole ? roleLabel[adminRole] : "Administrator";
  return (
    <>
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold sm:text-3xl">
          Welcome, <span dir="auto" className="break-words">{displayName(user)}</span>
        </h1>
        <p className={hint} data-testid="admin-role">
          {role}
          {overview.districtName ? (
            <>
              {" "}
              at <span dir="auto">{overview.districtName}</span>
            </>
          ) : null}
        </p>
      </header>

      {syncStatus}

      <section aria-labelledby="admin-offer-title" className={card}>
        <h2 id="admin-offer-title" className="text-xl font-semibold">
          What Clever Classroom does for your schools
        </h2>
        <p className="mt-2">
          Teachers and students sign in with Clever, with no passwords or class codes. Each teacher&apos;s classes and students come from Clever and
          stay in sync, so there is nothing for you to set up or upload here. Who can use the app is managed in your Clever dashboard.
        </p>
      </section>

      <section aria-labelledby="admin-schools-title" className="flex flex-col gap-3">
        <h2 id="admin-schools-title" className="text-xl font-semibold">
          {adminRole === "district_admin" ? "Your district's schools" : "Your schools"}
        </h2>
        {overview.schools.length === 0 ? (
          <p className={card} data-testid="admin-no-schools">
            No schools yet. They appear here once Clever has shared them with Clever Classroom.
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="admin-schools">
            {overview.schools.map((school) => (
              <li key={school.id} className={card}>
                <h3 className="font-semibold break-words">
                  <Link href={schoolPath(school.id)} className={link} dir="auto">
                    {school.name || "Unnamed school"}
                  </Link>
                </h3>
                <p className={hint}>
                  {school.classes} {school.classes === 1 ? "class" : "classes"}, {school.teachers} {school.teachers === 1 ? "teacher" : "teachers"},{" "}
                  {school.students} {school.students === 1 ? "student" : "students"} in Clever Classroom
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
