// The onboarding answers, editable later.
import type { Metadata } from "next";
import Link from "next/link";
import { updateSettings } from "@/app/actions/profile";
import { ProfileForm } from "@/components/profile-form";
import { PageHeader } from "@/components/ui/page-header";
import { link } from "@/components/ui/styles";
import { requireTeacher } from "@/lib/auth/current-user";
import { gradeOptions, subjectOptions } from "@/lib/onboarding/options";
import { profileDefaults } from "@/lib/onboarding/queries";
import { searchSchools } from "@/lib/schools/queries";
import { searchText } from "@/lib/search-params";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: PageProps<"/settings">) {
  const user = await requireTeacher();
  const schoolQuery = searchText(await searchParams, "school_q");
  const defaults = await profileDefaults(user);
  const schoolResults = defaults.picksSchool && schoolQuery ? await searchSchools(schoolQuery) : [];
  return (
    <>
      <PageHeader title="Settings">Your details, subjects, grades and school.</PageHeader>
      <ProfileForm
        action={updateSettings}
        defaults={defaults}
        subjectOptions={subjectOptions()}
        gradeOptions={gradeOptions(defaults.grades)}
        submitLabel="Save settings"
        searchAction="/settings"
        schoolQuery={schoolQuery}
        schoolResults={schoolResults}
      />
      <p>
        Have another account with an email and password?{" "}
        <Link href="/profile" className={link}>
          Merge your accounts
        </Link>
      </p>
    </>
  );
}
