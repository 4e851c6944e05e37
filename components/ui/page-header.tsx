import { pageTitle } from "./styles";

export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <header className="flex flex-col gap-2">
      <h1 className={pageTitle}>{title}</h1>
      {children ? <div className="text-slate-700 dark:text-slate-300">{children}</div> : null}
    </header>
  );
}
