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

export const metadata: Metadata = { title: "Settings" };

interface Props {
  searchParams: Promise<{ school_q?: string | string[] }>;
}

export default async function SettingsPage({ searchParams }: Props) {
  const user = await requireTeacher();
  const { school_q } = await searchParams;
  const schoolQuery = ((Array.isArray(school_q) ? school_q[0] : school_q) ?? "").slice(0, 100);
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
