// "Yes, I already have an account": prove it with its password, then the
// Clever login is linked to it and both accounts' data are kept.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ConfirmWithClever } from "@/components/confirm-with-clever";
import { LinkAccountForm } from "@/components/link-account-form";
import { PageHeader } from "@/components/ui/page-header";
import { card, link } from "@/components/ui/styles";
import { hasFreshCleverLogin, requireUser } from "@/lib/session";
import { searchParam } from "@/lib/platform";
import { holdsRole } from "@/lib/people";

export const metadata: Metadata = { title: "Link your account" };

export default async function LinkAccountPage({ searchParams }: PageProps<"/onboarding/link">) {
  const user = await requireUser();
  if (!holdsRole(user, "teacher") || user.onboardingCompletedAt || user.passwordHash) redirect("/onboarding");
  const confirm = searchParam(await searchParams, "confirm");
  const fresh = await hasFreshCleverLogin();
  return (
    <>
      <PageHeader title="Sign in to your existing account">
        Sign in once with its email and password. From then on, Log in with Clever opens that account, with your classes from Clever added to
        it. Nothing in either account is lost.
      </PageHeader>
      <div className={card}>
        {fresh ? (
          <LinkAccountForm next="/onboarding" submitLabel="Link my Clever login" />
        ) : (
          <ConfirmWithClever callbackUrl="/onboarding/link" expired={confirm === "expired"} />
        )}
      </div>
      <p>
        <Link href="/onboarding?account=new" className={link}>
          I don&apos;t have an account: create a new one
        </Link>
      </p>
    </>
  );
}
