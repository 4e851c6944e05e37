// Shared Tailwind class strings: one look for buttons, inputs and cards.
// Targets are at least 44 px tall (WCAG 2.5.5) and focus is always visible.

export const button = {
  primary:
    "inline-flex min-h-11 items-center justify-center gap-2 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60 dark:bg-brand-600 dark:hover:bg-brand-700",
  secondary:
    "inline-flex min-h-11 items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  small:
    "inline-flex min-h-11 items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800",
};

export const input =
  "block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 placeholder:text-slate-500 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400";

export const label = "block font-medium";
export const hint = "text-sm text-slate-600 dark:text-slate-300";
export const card = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900";
export const link = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 dark:text-brand-100";
export const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold";
export const pageTitle = "text-2xl font-bold tracking-tight sm:text-3xl";
