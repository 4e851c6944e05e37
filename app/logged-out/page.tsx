// The screen after Log Out or an ended session (DSSO-07, DSSO-Q4), saying why
// a session ended when the app ended it.
import type { Metadata } from "next";
import { CleverButton } from "@/components/clever-button";
import { retentionFacts } from "@/lib/privacy";
import { searchParam } from "@/lib/platform";

export const metadata: Metadata = { title: "Logged out" };

function why(reason: string | undefined): { title: string; message: string } {
  if (reason === "district") {
    const days = retentionFacts().districtRetentionDays;
    return {
      title: "Your district has disconnected Clever Classroom",
      message: `Your school district stopped sharing its Clever data with Clever Classroom, so you can't use it through your district any more. Your classes are kept for ${days} days in case the district connects again, then deleted. If you think this is a mistake, ask your teacher or your school's technology team.`,
    };
  }
  if (reason === "unshared") {
    return {
      title: "Your school no longer shares your account",
      message:
        "Your school stopped sharing your Clever account with Clever Classroom, so you can't use it any more. Nothing of yours was deleted: if your school shares your account again, everything will be here. If you think this is a mistake, ask your teacher or your school's technology team.",
    };
  }
  if (reason === "expired") {
    return { title: "Your session has ended", message: "You were logged out because you were away for a while, or logged in for a long time. Log in again to continue." };
  }
  return { title: "You are logged out", message: "You have been logged out of Clever Classroom." };
}

export default async function LoggedOutPage({ searchParams }: PageProps<"/logged-out">) {
  const { title, message } = why(searchParam(await searchParams, "reason"));
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      <p>{message}</p>
      <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        On a shared or school device? Close this browser window when you are done, so the next person can&apos;t use your Clever account.
      </p>
      <CleverButton kind="log-in" />
    </main>
  );
}
