// The frame of the pages a login can end on instead of the app (the friendly
// error page, "this login link was already used"): a title and message, a
// button that starts a new Clever login, and the way back home.
import Link from "next/link";
import type { ReactNode } from "react";
import { signInWithClever } from "@/app/actions/auth";

export function LoginNotice(props: { title: string; message: string; messageTestId: string; button: string; children?: ReactNode; footer?: ReactNode }) {
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{props.title}</h1>
      <p data-testid={props.messageTestId}>{props.message}</p>
      {props.children}
      <form action={signInWithClever}>
        <button type="submit" className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {props.button}
        </button>
      </form>
      {props.footer}
      <p className="text-sm">
        <Link className="underline" href="/">
          Back to the home page
        </Link>
      </p>
    </main>
  );
}
