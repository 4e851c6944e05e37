// The friendly error page (DSSO-06, LIB-11): one plain message per kind of
// failure, "Try again", and a support reference that is also in the server
// log. Nothing from the provider, no stack trace, no token ever reaches it.
import type { Metadata } from "next";
import { LoginNotice } from "@/components/login-notice";
import { kindFromAuthErrorType, loginErrorCopy, loginErrorKindSchema } from "@/lib/login";
import { log, newReference, searchParam } from "@/lib/platform";

export const metadata: Metadata = { title: "Login problem" };

const referencePattern = /^ERR-[2-9A-HJ-NP-Z]{6}$/;

export default async function AuthErrorPage({ searchParams }: PageProps<"/auth/error">) {
  const params = await searchParams;
  const authError = searchParam(params, "error");
  const parsedKind = loginErrorKindSchema.safeParse(searchParam(params, "kind"));
  const kind = parsedKind.success ? parsedKind.data : kindFromAuthErrorType(authError);
  const givenRef = searchParam(params, "ref");
  let reference = givenRef && referencePattern.test(givenRef) ? givenRef : undefined;
  if (!reference) {
    // Reached without the route handler (e.g. an Auth.js page redirect): log it here.
    reference = newReference();
    log.warn({ reference, kind, authError: authError?.slice(0, 64) }, "Clever login failed");
  }
  const copy = loginErrorCopy[kind];
  return (
    <LoginNotice
      title={copy.title}
      message={copy.message}
      messageTestId="auth-error-message"
      button="Try again"
      footer={
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Need help? Give support this reference: <strong data-testid="auth-error-reference">{reference}</strong>
        </p>
      }
    >
      {copy.hint ? <p>{copy.hint}</p> : null}
    </LoginNotice>
  );
}
