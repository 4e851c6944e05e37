// Sign in to an ordinary email + password account.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PasswordSignInForm } from "@/components/password-forms";
import { link } from "@/components/ui/styles";
import { getCurrentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Log in with email" };

export default async function PasswordLoginPage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Log in with email</h1>
      <PasswordSignInForm />
      <p className="text-sm">
        Your school uses Clever?{" "}
        <Link href="/login" className={link}>
          Log in with Clever
        </Link>
        <br />
        No account yet?{" "}
        <Link href="/signup/password" className={link}>
          Sign up with email
        </Link>
      </p>
    </main>
  );
}
