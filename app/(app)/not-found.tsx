import Link from "next/link";
import { link } from "@/components/ui/styles";

export default function SignedInNotFound() {
  return (
    <section aria-labelledby="nf-title" className="flex flex-col gap-4">
      <h1 id="nf-title" className="text-2xl font-bold">
        Not found
      </h1>
      <p>This page doesn&apos;t exist, or it belongs to someone else&apos;s classes.</p>
      <p>
        <Link href="/dashboard" className={link}>
          Back to your dashboard
        </Link>
      </p>
    </section>
  );
}
