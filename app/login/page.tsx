import type { Metadata } from "next";
import Link from "next/link";
import { LegalLinksInline } from "@/components/site-footer";
import { redirect } from "next/navigation";
import { CleverButton } from "@/components/clever-button";
import { getCurrentUser } from "@/lib/session";
import { displayName } from "@/lib/people";
import { searchParam } from "@/lib/platform";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  // Auth.js sends sign-in errors here; the friendly page explains them.
  const error = searchParam(params, "error");
  if (error) redirect(`/auth/error?error=${encodeURIComponent(error)}`);
  const district = searchParam(params, "district");
  const validDistrict = district && /^[a-f0-9]{24}$/i.test(district) ? district : undefined;
  const user = await getCurrentUser();
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Log in</h1>
      {user ? (
        <p className="rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800">
          You are logged in as <strong dir="auto">{displayName(user)}</strong>. Logging in with Clever switches to the Clever account you choose.
        </p>
      ) : null}
      <p>Teachers and students: use your school&apos;s Clever account.</p>
      <CleverButton kind="log-in" district={validDistrict} callbackUrl={searchParam(params, "callbackUrl")} />
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Have an email and password account? <Link className="underline" href="/login/password">Log in with email</Link>
        <br />
        New here? <Link className="underline" href="/signup">Sign up</Link>
      </p>
      <LegalLinksInline />
    </main>
  );
}
