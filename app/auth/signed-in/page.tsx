// A login link that was already used (Safari and an iOS app, or a double tap,
// delivered one code twice) in a browser other than the one it signed in
// (the route handler sends that one to its dashboard): says what happened,
// and offers a new login (with a live Clever session, one click).
import type { Metadata } from "next";
import { LoginNotice } from "@/components/login-notice";
import { loginErrorCopy } from "@/lib/login";

export const metadata: Metadata = { title: "Already signed in" };

export default function AlreadySignedInPage() {
  const copy = loginErrorCopy.code_reused;
  return (
    <LoginNotice title={copy.title} message={copy.message} messageTestId="already-signed-in-message" button="Log in with Clever">
      <p>If you were signing in on this device, log in with Clever again: it takes one click.</p>
    </LoginNotice>
  );
}
