// "Reconnect to Clever" (issue #18): when a sync cannot run because the
// user's Clever sign-in expired, one normal Clever login that returns to the
// same page. The return path is checked by safeCallbackPath in the action:
// same-origin relative paths only, never an open redirect.
import { signInWithClever } from "@/app/actions/auth";
import { button } from "@/components/ui/styles";

export function ReconnectButton({ returnTo }: { returnTo: string }) {
  return (
    <form action={signInWithClever} data-testid="reconnect-form">
      <input type="hidden" name="callbackUrl" value={returnTo} />
      <button type="submit" className={button.primary}>
        Reconnect to Clever
      </button>
    </form>
  );
}
