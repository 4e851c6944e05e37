"use client";
// A friendly error for any signed-in page; the digest is the reference that
// matches the server log line.
import { button } from "@/components/ui/styles";

export default function SignedInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section aria-labelledby="error-title" className="flex flex-col gap-4">
      <h1 id="error-title" className="text-2xl font-bold">
        Something went wrong
      </h1>
      <p>We couldn&apos;t show this page. Please try again in a moment.</p>
      {error.digest ? <p className="text-sm text-slate-600 dark:text-slate-300">Reference: {error.digest}</p> : null}
      <div>
        <button type="button" onClick={reset} className={button.primary}>
          Try again
        </button>
      </div>
    </section>
  );
}
