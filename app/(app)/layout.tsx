// Every signed-in page: the logged-in-as banner (DSSO-03, LIB-13), the
// navigation for the user's role, and one <main> landmark.
import Link from "next/link";
import { Suspense } from "react";
import { LoggedInBanner } from "@/components/logged-in-banner";
import { RouteFocus } from "@/components/route-focus";
import { requireUser } from "@/lib/session";
import type { User } from "@/lib/generated/prisma/client";
import { viewHref, viewsOf } from "@/lib/people";

/** The navigation for each view; a person with several roles gets each
 * role's links, each view's home named for what it holds. */
function navigation(user: User): { href: string; label: string }[] {
  const views = viewsOf(user);
  const several = views.length > 1;
  const links = views.flatMap((view) => {
    const home = viewHref(user, view);
    switch (view) {
      case "teacher":
        return [
          { href: home, label: several ? "Your classes" : "Dashboard" },
          { href: "/classes", label: "Choose classes" },
          { href: "/settings", label: "Settings" },
        ];
      case "student":
        return [{ href: home, label: "My classes" }];
      case "admin":
        return [{ href: home, label: several ? "Your schools" : "Home" }];
    }
  });
  if (views.length === 0) links.push({ href: "/dashboard", label: "Home" });
  return views.includes("teacher") ? links : [...links, { href: "/profile", label: "Profile" }];
}

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const links = navigation(user);
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900">
        Skip to main content
      </a>
      <LoggedInBanner user={user} />
      <nav aria-label="Main" className="border-b border-slate-200 px-4 dark:border-slate-700">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-1">
          {links.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="inline-flex min-h-11 items-center px-3 font-medium text-brand-700 hover:underline dark:text-brand-100">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-6 outline-none">
        {children}
      </main>
      <Suspense fallback={null}>
        <RouteFocus targetId="main" />
      </Suspense>
    </>
  );
}
