// Who just logged in: /v2.1/me, then their profile from /v2.0/{type}s/{id},
// then provisioning (the user row, upserted by Clever ID, with authorized_by
// and the encrypted token). Runs inside the OAuth callback, so it is kept to
// these three calls; the roster sync runs after the response (IL-08).
import "server-only";
import { CleverApiError, createCleverClient } from "@/lib/clever/client";
import { cleverProfileOf, provisionCleverUser } from "@/lib/people/provision";
import { CleverLoginError, kindFromCleverApiCode } from "./errors";

/** What the provider hands Auth.js as the "profile". */
export interface CleverIdentity {
  cleverId: string;
  userId: string;
  type: "teacher" | "student";
  name: string;
  authorizedBy: "teacher" | "district" | null;
  districtId: string | null;
}

/** Login must feel instant: one retry, a few seconds at most per call. */
const LOGIN_TIMEOUT_MS = 5_000;
const LOGIN_DEADLINE_MS = 8_000;

export async function loadCleverIdentity(accessToken: string): Promise<CleverIdentity> {
  const client = createCleverClient({
    token: accessToken,
    tokenKind: "user",
    timeoutMs: LOGIN_TIMEOUT_MS,
    retry: { retries: 1, deadline: Date.now() + LOGIN_DEADLINE_MS },
  });
  try {
    const me = await client.me();
    if (me.type === "school_admin" || me.type === "district_admin") {
      throw new CleverLoginError("unsupported_user_type", "administrator accounts cannot sign in", { userType: me.type });
    }
    if (me.type !== "teacher" && me.type !== "student") {
      // A district-app token from the user flow: the app is registered wrongly.
      throw new CleverLoginError("misconfiguration", "the login token does not belong to a user", { userType: me.type });
    }
    const profile = await cleverProfileOf(client, me);
    const { user } = await provisionCleverUser({ me, profile, accessToken });
    const name = [profile.name?.first, profile.name?.last].filter(Boolean).join(" ");
    return {
      cleverId: me.data.id,
      userId: user.id,
      type: me.type,
      name: user.name ?? name,
      authorizedBy: me.data.authorized_by ?? null,
      districtId: me.data.district ?? null,
    };
  } catch (error) {
    if (error instanceof CleverApiError) {
      throw new CleverLoginError(kindFromCleverApiCode(error.code), error.message, {
        code: error.code,
        status: error.status,
        endpoint: error.details.endpoint,
      });
    }
    throw error;
  }
}
