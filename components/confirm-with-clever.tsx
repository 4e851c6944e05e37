// The step before merging accounts: a Clever login in this browser, moments
// ago. A signed-in session alone (an unattended device, a copied cookie) must
// not be enough to join someone's Clever identity to another account.
import { signInWithClever } from "@/app/actions/auth";
import { FormMessage } from "@/components/ui/form-message";
import { button, hint } from "@/components/ui/styles";
import { errorCopy } from "@/lib/platform/error-copy";

export function ConfirmWithClever({ callbackUrl, expired }: { callbackUrl: "/profile" | "/onboarding/link"; expired?: boolean }) {
  return (
    <div className="flex flex-col gap-3" data-testid="confirm-with-clever">
      {expired ? <FormMessage message={errorCopy.account.confirmAgain} /> : null}
      <p className={hint}>To keep your account safe, first confirm that it&apos;s you by logging in with Clever again. It takes a moment.</p>
      <form action={signInWithClever}>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <button type="submit" className={button.primary}>
          Confirm with Clever
        </button>
      </form>
    </div>
  );
}
