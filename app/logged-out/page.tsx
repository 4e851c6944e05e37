// The screen after Log Out or an ended session (DSSO-07, DSSO-Q4).
import type { Metadata } from "next";
import { CleverButton } from "@/components/clever-button";
import { searchParam } from "@/lib/search-params";

export const metadata: Metadata = { title: "Logged out" };

export default async function LoggedOutPage({ searchParams }: PageProps<"/logged-out">) {
  const expired = searchParam(await searchParams, "reason") === "expired";
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{expired ? "Your session has ended" : "You are logged out"}</h1>
      <p>
        {expired
          ? "You were logged out because you were away for a while, or logged in for a long time. Log in again to continue."
          : "You have been logged out of Clever Classroom."}
      </p>
      <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        On a shared or school device? Close this browser window when you are done, so the next person can&apos;t use your Clever account.
      </p>
      <CleverButton kind="log-in" />
    </main>
  );
}
