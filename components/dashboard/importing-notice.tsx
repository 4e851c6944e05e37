// "Importing your classes from Clever…" while the user's sync runs (its
// running SyncRun row), refreshing the page until the classes are in.
import { AutoRefresh } from "@/components/auto-refresh";

export function ImportingNotice({ className }: { className?: string }) {
  return (
    <p role="status" data-testid="importing" className={className}>
      Importing your classes from Clever…
      <AutoRefresh />
    </p>
  );
}
