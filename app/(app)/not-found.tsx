import Link from "next/link";
import { link } from "@/components/ui/styles";
import { errorCopy } from "@/lib/platform/error-copy";

export default function SignedInNotFound() {
  return (
    <section aria-labelledby="nf-title" className="flex flex-col gap-4">
      <h1 id="nf-title" className="text-2xl font-bold">
        {errorCopy.page.notFoundTitle}
      </h1>
      <p>{errorCopy.page.notFound}</p>
      <p>
        <Link href="/dashboard" className={link}>
          Back to your dashboard
        </Link>
      </p>
    </section>
  );
}
