// "Logged in as …" on every signed-in page (DSSO-03, LIB-13): who, in which
// role, at which school or district (or the Clever Library), with a way out
// for the wrong person on a shared device. Name, role and place wrap, never
// truncated, down to 320 px; "Log out" stays one tap away.
import { displayName, initialsOf, roleLabel } from "@/lib/people";
import { bannerDetails, type SignedInUser } from "@/lib/session";
import { LogOutButton } from "./log-out-button";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export function LoggedInBanner({ user }: { user: SignedInUser }) {
  const { place, trialEndsAt } = bannerDetails(user);
  const name = displayName(user);
  return (
    <section
      aria-label="Logged-in account"
      data-testid="logged-in-banner"
      className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-brand-50 px-4 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <span
        aria-hidden="true"
        dir="auto"
        className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-600 font-semibold text-white"
      >
        {initialsOf(name)}
      </span>
      <div className="min-w-0 flex-1 basis-40">
        <p className="break-words">
          Logged in as{" "}
          <strong dir="auto" className="break-words" data-testid="banner-name">
            {name}
          </strong>
        </p>
        <p className="break-words text-slate-600 dark:text-slate-300">
          <span data-testid="banner-role">{roleLabel(user.role)}</span>
          {place ? (
            <>
              {" · "}
              <span dir="auto" data-testid="banner-place">
                {place}
              </span>
            </>
          ) : null}
          {trialEndsAt ? (
            <>
              {" · "}
              <span data-testid="banner-trial">Free trial until {dateFormat.format(trialEndsAt)}</span>
            </>
          ) : null}
        </p>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <span className="text-slate-600 dark:text-slate-300">Not you?</span>
        <LogOutButton label="Log out" />
      </div>
    </section>
  );
}
