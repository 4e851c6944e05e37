// The dashboard's three views, each read behind the page's Suspense boundary
// so the header and skeleton stream first: each section calls the module
// queries and hands plain data to its presentational component.
import "server-only";
import { after } from "next/server";
import { Suspense } from "react";
import { AdminDashboard } from "@/components/dashboard/admin-dashboard";
import { DistrictSyncStatus } from "@/components/dashboard/district-sync-status";
import { StudentDashboard } from "@/components/dashboard/student-dashboard";
import { TeacherDashboard } from "@/components/dashboard/teacher-dashboard";
import { Skeleton } from "@/components/ui/skeleton";
import type { User } from "@/lib/generated/prisma/client";
import {
  adminOverview,
  districtSyncStatus,
  importInProgress,
  lastSyncRun,
  markPastSeen,
  missingClassReasons,
  rolloverSummary,
  sectionRosterPreviews,
  studentDashboard,
  teacherSections,
  teachersOf,
} from "@/lib/roster";

/** Students shown in each class card's roster preview. */
const PREVIEW = 10;

export async function TeacherView({ user, query, returnTo }: { user: User; query: string; returnTo: string }) {
  const [sections, run, missing] = await Promise.all([teacherSections(user.id), lastSyncRun(user.id), missingClassReasons(user.id)]);
  const shown = sections.filter((s) => s.shown);
  const needle = query.trim().toLocaleLowerCase();
  const visible = needle ? shown.filter((s) => s.name.toLocaleLowerCase().includes(needle)) : shown;
  // The previews of the classes on screen only, so a search reads fewer rosters.
  const [previews, rollover] = await Promise.all([sectionRosterPreviews(visible.map((s) => s.id), PREVIEW), rolloverSummary(user.id, sections.filter((s) => s.isNew).length)]);
  // Told once: the summary shows on this visit.
  if (rollover.movedToPast.length > 0) after(() => markPastSeen(user.id, rollover.movedToPast));
  return (
    <TeacherDashboard
      user={user}
      query={query}
      returnTo={returnTo}
      sections={sections}
      shownCount={shown.length}
      visible={visible}
      previews={previews}
      run={run}
      isImporting={importInProgress(run)}
      missing={missing}
      rollover={rollover}
    />
  );
}

export async function StudentView({ user }: { user: User }) {
  const { classes, run } = await studentDashboard(user.id);
  return <StudentDashboard user={user} classes={classes} teachers={teachersOf(classes)} importing={importInProgress(run)} />;
}

export async function AdminView({ user }: { user: User }) {
  const overview = await adminOverview(user);
  return (
    <AdminDashboard
      user={user}
      overview={overview}
      syncStatus={
        // The sync status has its own boundary: the schools need not wait for it.
        <Suspense fallback={<Skeleton lines={1} label="Loading the roster sync status" />}>
          <DistrictSyncView user={user} />
        </Suspense>
      }
    />
  );
}

async function DistrictSyncView({ user }: { user: User }) {
  const status = await districtSyncStatus(user);
  // Not an administrator of a district: nothing to say.
  return status ? <DistrictSyncStatus status={status} /> : null;
}
