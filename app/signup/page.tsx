import type { Metadata } from "next";
import Link from "next/link";
import { LegalLinksInline } from "@/components/site-footer";
import { CleverButton } from "@/components/clever-button";

export const metadata: Metadata = { title: "Sign up" };

export default function SignupPage() {
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Sign up</h1>
      <p>Teachers: sign up with Clever and your classes arrive on their own. No class codes to hand out.</p>
      <CleverButton kind="sign-up" />
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Prefer email and a password? <Link className="underline" href="/signup/password">Sign up with email</Link>
        <br />
        Already have an account? <Link className="underline" href="/login">Log in</Link>
      </p>
      <LegalLinksInline />
    </main>
  );
}
