export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Your classes, straight from Clever</h1>
      <p className="text-lg text-slate-700 dark:text-slate-300">
        Teachers and students sign in with Clever. Rosters arrive on their own: no passwords, no class codes.
      </p>
      <p>
        Every name, spelled right: <span dir="auto">Ñandú é</span>
      </p>
    </main>
  );
}
