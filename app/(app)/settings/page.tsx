// The onboarding answers, editable later.
import type { Metadata } from "next";
import Link from "next/link";
import { updateSettings } from "@/app/actions/profile";
import { ProfileForm } from "@/components/profile-form";
import { PageHeader } from "@/components/ui/page-header";
import { link } from "@/components/ui/styles";
import { requireTeacher } from "@/lib/session";
import { profileFormData } from "@/lib/onboarding";
import { searchText } from "@/lib/platform";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: PageProps<"/settings">) {
  const user = await requireTeacher();
  const form = await profileFormData(user, searchText(await searchParams, "school_q"));
  return (
    <>
      <PageHeader title="Settings">Your details, subjects, grades and school.</PageHeader>
      <ProfileForm {...form} action={updateSettings} submitLabel="Save settings" searchAction="/settings" />
      <p>
        Have another account with an email and password?{" "}
        <Link href="/profile" className={link}>
          Merge your accounts
        </Link>
      </p>
    </>
  );
}
