// The Log in with Clever / Sign Up with Clever button (Clever's button
// guidelines: Clever blue, the white "C" mark, the words on the button). The
// image's alt text is the button's accessible name.
import { signInWithClever } from "@/app/actions/auth";

export function CleverButton({
  kind = "log-in",
  district,
  callbackUrl,
}: {
  kind?: "log-in" | "sign-up";
  district?: string;
  callbackUrl?: string;
}) {
  const label = kind === "sign-up" ? "Sign Up with Clever" : "Log in with Clever";
  return (
    <form action={signInWithClever}>
      {district ? <input type="hidden" name="district" value={district} /> : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <button type="submit" className="rounded-md focus-visible:outline-offset-4">
        {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG, nothing to optimize */}
        <img
          src={kind === "sign-up" ? "/clever-sign-up.svg" : "/clever-log-in.svg"}
          alt={label}
          width={kind === "sign-up" ? 244 : 230}
          height={48}
        />
      </button>
    </form>
  );
}
