// On every page (app/layout.tsx): the legal links Clever's Library listing asks for (LIG-M6).
import Link from "next/link";
import { LEGAL_LINKS } from "@/lib/privacy";

export function SiteFooter() {
  return (
    <footer className="mx-auto mt-12 max-w-3xl border-t border-slate-200 px-4 py-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
      <nav aria-label="Legal">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {LEGAL_LINKS.map((item) => (
            <li key={item.href}>
              <Link className="inline-flex min-h-11 items-center underline underline-offset-2" href={item.href}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </footer>
  );
}

/** The same links inline, for the login and signup pages. */
export function LegalLinksInline() {
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300">
      By continuing you agree to the{" "}
      <Link className="underline" href="/terms">
        Terms of Service
      </Link>{" "}
      and have read the{" "}
      <Link className="underline" href="/privacy">
        Privacy Policy
      </Link>
      .
    </p>
  );
}
