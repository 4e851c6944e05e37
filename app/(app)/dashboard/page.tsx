import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/session";
import { returnPath } from "@/lib/login";
import { viewOf } from "@/lib/people";
import { searchText } from "@/lib/platform";
import { AdminView, StudentView, TeacherView } from "./views";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: PageProps<"/dashboard">) {
  const user = await requireUser();
  const params = await searchParams;
  const query = searchText(params, "q");
  // A person with several roles picks a view (the navigation links to each).
  const view = viewOf(user, searchText(params, "as"));

  if (view === "teacher") {
    // First login: onboarding before anything else; students skip it.
    if (!user.onboardingCompletedAt) redirect("/onboarding");
    return (
      <>
        <PageHeader title="Your classes">Everything here comes from Clever and stays in sync.</PageHeader>
        <Suspense fallback={<Skeleton lines={4} label="Loading your classes" />}>
          <TeacherView user={user} query={query} returnTo={returnPath("/dashboard", params)} />
        </Suspense>
      </>
    );
  }
  if (view === "student") {
    return (
      <Suspense fallback={<Skeleton lines={3} label="Loading your classes" />}>
        <StudentView user={user} />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<Skeleton lines={3} label="Loading your schools" />}>
      <AdminView user={user} />
    </Suspense>
  );
}
