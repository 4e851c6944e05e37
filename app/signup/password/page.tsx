// Create an ordinary email + password account.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PasswordSignUpForm } from "@/components/password-forms";
import { link } from "@/components/ui/styles";
import { getCurrentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Sign up with email" };

export default async function PasswordSignUpPage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Sign up with email</h1>
      <p>
        Most teachers and students don&apos;t need this:{" "}
        <Link href="/signup" className={link}>
          Sign Up with Clever
        </Link>{" "}
        brings your classes with you.
      </p>
      <PasswordSignUpForm />
      <p className="text-sm">
        Already have an account?{" "}
        <Link href="/login/password" className={link}>
          Log in with email
        </Link>
      </p>
    </main>
  );
}
