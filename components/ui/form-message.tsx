// Form feedback announced to screen readers (aria-live), and per-field errors
// tied to their inputs with aria-describedby.

export function FormMessage({ message, ok, id }: { message?: string; ok?: boolean; id?: string }) {
  return (
    <div id={id} aria-live="polite" role="status" className="empty:hidden">
      {message ? (
        <p
          className={
            ok
              ? "rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
              : "rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
          }
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="text-sm font-medium text-red-700 empty:hidden dark:text-red-300">
      {errors?.[0] ?? ""}
    </p>
  );
}
