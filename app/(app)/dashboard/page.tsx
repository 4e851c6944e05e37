// Placeholder until the UI engineer's dashboard lands: the banner on a signed-in page.
import { LoggedInBanner } from "@/components/logged-in-banner";
import { requireUser } from "@/lib/auth/current-user";

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <>
      <LoggedInBanner user={user} />
      <main className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="text-2xl font-bold">Dashboard</h1>
      </main>
    </>
  );
}
