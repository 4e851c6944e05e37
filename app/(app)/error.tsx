"use client";
// A friendly error for any signed-in page; the digest is the reference that
// matches the server log line.
import { button } from "@/components/ui/styles";
import { errorCopy } from "@/lib/platform/error-copy";

export default function SignedInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section aria-labelledby="error-title" className="flex flex-col gap-4">
      <h1 id="error-title" className="text-2xl font-bold">
        {errorCopy.page.failedTitle}
      </h1>
      <p>{errorCopy.page.failed}</p>
      {error.digest ? <p className="text-sm text-slate-600 dark:text-slate-300">Reference: {error.digest}</p> : null}
      <div>
        <button type="button" onClick={reset} className={button.primary}>
          Try again
        </button>
      </div>
    </section>
  );
}
