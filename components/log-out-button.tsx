// Log Out (DSSO-07, LIB-14): a plain form posting to the server action, so it
// works before JavaScript loads and from the keyboard.
import { logOut } from "@/app/actions/auth";

export function LogOutButton({ label = "Log out", className }: { label?: string; className?: string }) {
  return (
    <form action={logOut}>
      <button
        type="submit"
        className={
          className ??
          "min-h-11 rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        }
      >
        {label}
      </button>
    </form>
  );
}
