// First login of a teacher (DSSO-R2, LIB-R02, LIB-R04, LIG-08, LIG-10,
// SYNC-02, SYNC-04): first "do you already have an account?", then one
// screen with everything Clever gave pre-filled, plus the school picker for
// Library teachers. Students never come here.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { completeOnboarding } from "@/app/actions/profile";
import { ProfileForm } from "@/components/profile-form";
import { PageHeader } from "@/components/ui/page-header";
import { button, card } from "@/components/ui/styles";
import { requireUser } from "@/lib/session";
import { profileFormData } from "@/lib/onboarding";
import { searchParam, searchText } from "@/lib/platform";
import { holdsRole } from "@/lib/people";

export const metadata: Metadata = { title: "Welcome" };

export default async function OnboardingPage({ searchParams }: PageProps<"/onboarding">) {
  const user = await requireUser();
  if (!holdsRole(user, "teacher") || user.onboardingCompletedAt) redirect("/dashboard");
  const sp = await searchParams;

  // A Clever account that isn't joined to a password account yet: ask first.
  if (user.cleverId && !user.passwordHash && searchParam(sp, "account") !== "new") {
    return (
      <>
        <PageHeader title="Welcome! Do you already have an account?">
          If you used this app before with an email and password, we can connect your Clever login to it and keep everything in it.
        </PageHeader>
        <div className={`${card} flex flex-col gap-3 sm:flex-row`}>
          <Link href="/onboarding/link" className={button.primary}>
            Yes, sign in to my account
          </Link>
          <Link href="/onboarding?account=new" className={button.secondary}>
            No, create a new one
          </Link>
        </div>
      </>
    );
  }

  const form = await profileFormData(user, searchText(sp, "school_q"));
  return (
    <>
      <PageHeader title="Check your details">
        We filled this in from Clever. Fix anything that&apos;s wrong, then go to your classes.
      </PageHeader>
      <ProfileForm {...form} action={completeOnboarding} submitLabel="Continue to my classes" searchAction="/onboarding" hiddenFields={{ account: "new" }} />
    </>
  );
}
