// A login link that was already used (Safari and an iOS app, or a double tap,
// delivered one code twice) in a browser other than the one it signed in
// (the route handler sends that one to its dashboard): says what happened,
// and offers a new login (with a live Clever session, one click).
import type { Metadata } from "next";
import Link from "next/link";
import { signInWithClever } from "@/app/actions/auth";
import { loginErrorCopy } from "@/lib/auth/errors";

export const metadata: Metadata = { title: "Already signed in" };

export default function AlreadySignedInPage() {
  const copy = loginErrorCopy.code_reused;
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{copy.title}</h1>
      <p data-testid="already-signed-in-message">{copy.message}</p>
      <p>If you were signing in on this device, log in with Clever again: it takes one click.</p>
      <form action={signInWithClever}>
        <button type="submit" className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          Log in with Clever
        </button>
      </form>
      <p className="text-sm">
        <Link className="underline" href="/">
          Back to the home page
        </Link>
      </p>
    </main>
  );
}
