// What the logged-in-as banner shows.
import "server-only";
import { holdsRole } from "@/lib/people";
import type { SignedInUser } from "./session-store";


const LIBRARY_LABEL = "Clever Library";

export interface BannerDetails {
  /** School, else district, else "Clever Library" for teacher-shared users. */
  place: string | null;
  trialEndsAt: Date | null;
}

/** From what the session loaded with the user (session-store.ts): no query. */
export function bannerDetails(user: SignedInUser): BannerDetails {
  const libraryUser = user.authorizedBy === "teacher";
  const place =
    user.school?.name || user.directorySchool?.name || user.schoolNameEntered || user.district?.name || (libraryUser ? LIBRARY_LABEL : null);
  return { place, trialEndsAt: libraryUser && holdsRole(user, "teacher") ? user.trialEndsAt : null };
}
