// The landing page: what the app does, and the two ways in with Clever.
// Signed-in users go straight to their dashboard.
import Link from "next/link";
import { redirect } from "next/navigation";
import { button, link } from "@/components/ui/styles";
import { getCurrentUser } from "@/lib/session";

const features = [
  { title: "Rosters arrive on their own", text: "Your classes and students are imported automatically from Clever and stay in sync." },
  { title: "No class codes, no passwords", text: "Students sign in with Clever and find their classes and teachers waiting." },
  { title: "Made for every classroom", text: "Co-teachers, big sections, many classes, and every name spelled right, from Zoë to Núñez." },
];

export default async function HomePage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 px-4 py-12">
      <section className="flex flex-col gap-5">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Your classes, straight from Clever</h1>
        <p className="text-lg text-slate-700 dark:text-slate-300">
          Clever Classroom gives teachers and students one place for their classes. Sign in with Clever and your rosters are already
          there.
        </p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link href="/login" className={button.primary}>
            Log in with Clever
          </Link>
          <Link href="/signup" className={button.secondary}>
            Sign Up with Clever
          </Link>
        </div>
        <p className="rounded-md bg-emerald-50 p-3 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100" data-testid="trial-note">
          Free for teachers: add it from the Clever Library and get a free trial, no credit card. Districts can share it with every school.
        </p>
      </section>
      <section aria-labelledby="features-title" className="flex flex-col gap-4">
        <h2 id="features-title" className="text-2xl font-semibold">
          What it does
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {features.map((f) => (
            <li key={f.title} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
              <h3 className="font-semibold">{f.title}</h3>
              <p className="text-slate-700 dark:text-slate-300">{f.text}</p>
            </li>
          ))}
        </ul>
      </section>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Have an email and password account?{" "}
        <Link href="/login/password" className={link}>
          Log in with email
        </Link>
      </p>
    </main>
  );
}
