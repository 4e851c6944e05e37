// The profile page (LIG-09): who you are according to Clever, and "Merge my
// accounts" for a student (or anyone) who also has a password account.
import type { Metadata } from "next";
import { ConfirmWithClever } from "@/components/confirm-with-clever";
import { LinkAccountForm } from "@/components/link-account-form";
import { FormMessage } from "@/components/ui/form-message";
import { PageHeader } from "@/components/ui/page-header";
import { card, hint } from "@/components/ui/styles";
import { hasFreshCleverLogin, requireUser } from "@/lib/session";
import { gradeLabel } from "@/lib/clever";
import { displayName } from "@/lib/people";
import { searchParam } from "@/lib/platform";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage({ searchParams }: PageProps<"/profile">) {
  const user = await requireUser();
  const params = await searchParams;
  const merged = searchParam(params, "merged");
  const confirm = searchParam(params, "confirm");
  const fresh = await hasFreshCleverLogin();
  return (
    <>
      <PageHeader title="Your profile" />
      {merged === "1" ? <FormMessage ok message="Your accounts are merged. Everything from both is here now." /> : null}
      <dl className={`${card} grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]`}>
        <dt className="font-semibold">Name</dt>
        <dd dir="auto" className="break-words" data-testid="profile-name">
          {displayName(user)}
        </dd>
        {user.role === "student" ? (
          <>
            <dt className="font-semibold">Grade</dt>
            <dd>{gradeLabel(user.grade)}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Email</dt>
        <dd className="break-words">{user.email ?? "Not shared by Clever"}</dd>
        <dt className="font-semibold">Signs in with</dt>
        <dd data-testid="sign-in-methods">{[user.cleverId ? "Clever" : null, user.passwordHash ? "Email and password" : null].filter(Boolean).join(" and ")}</dd>
      </dl>
      <section aria-labelledby="merge-title" className={`${card} flex flex-col gap-3`}>
        <h2 id="merge-title" className="text-lg font-semibold">
          Merge my accounts
        </h2>
        <p className={hint}>
          Do you also have an account here with an email and password? Sign in to it below and we&apos;ll put both together, keeping
          everything from each. You can then log in either way.
        </p>
        {fresh ? (
          <LinkAccountForm next="/profile" submitLabel="Merge my accounts" />
        ) : (
          <ConfirmWithClever callbackUrl="/profile" expired={confirm === "expired"} />
        )}
      </section>
    </>
  );
}
