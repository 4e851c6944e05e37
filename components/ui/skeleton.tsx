// Placeholder blocks while a server component streams in.
export function Skeleton({ lines = 3, label = "Loading" }: { lines?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="flex animate-pulse flex-col gap-3">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="h-16 rounded-lg bg-slate-200 dark:bg-slate-800" />
      ))}
    </div>
  );
}
