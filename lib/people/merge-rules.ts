// Who may be merged into whom, and what the merged profile looks like. Pure
// functions so the rules are unit-tested apart from the database transaction.

export interface MergeCandidate {
  id: string;
  cleverId: string | null;
  role: string | null;
  passwordHash: string | null;
}

/** Why a merge is refused; what the person reads is errorCopy.mergeRefused (lib/platform/error-copy.ts). */
export type MergeRefusal = "same_account" | "other_has_clever_id" | "role_mismatch" | "no_password";

export type MergeDecision = { ok: true; keepId: string; absorbId: string } | { ok: false; reason: MergeRefusal };

/**
 * The signed-in user (`current`, usually just provisioned from Clever) asks to
 * join `other`, an account they proved they own with its password. The
 * password account is kept (its id and createdAt survive) and the current one
 * is absorbed into it.
 */
export function decideMerge(current: MergeCandidate, other: MergeCandidate): MergeDecision {
  if (current.id === other.id) return { ok: false, reason: "same_account" };
  if (!other.passwordHash) return { ok: false, reason: "no_password" };
  // One person has one Clever ID; two different ones are two people.
  if (other.cleverId && other.cleverId !== current.cleverId) return { ok: false, reason: "other_has_clever_id" };
  if (current.role && other.role && current.role !== other.role) return { ok: false, reason: "role_mismatch" };
  return { ok: true, keepId: other.id, absorbId: current.id };
}

/** A row a login's Clever IDs found, as the automatic join weighs it. */
export interface JoinCandidate {
  id: string;
  districtId: string | null;
  passwordHash: string | null;
  /** The person signed in to this row with Clever themselves (an Auth.js account link). */
  signedInWithClever: boolean;
}

export type JoinRefusal = "different_districts" | "both_have_passwords" | "both_signed_in_with_clever";

/**
 * Whether a login may join two rows its Clever IDs found (a roster row made
 * under one of the person's IDs, an account under another) without asking
 * anyone. Only what Clever's own links can vouch for: never across districts,
 * and never two rows that each have a life of their own (a password each, or
 * Clever logins each), where one wrong ID mapping (a bad CSV for
 * `clever:migrate-ids`, a wrong legacy ID) would hand one person's account to
 * another. Those stay apart, for support.
 */
export function joinRefusal(kept: JoinCandidate, other: JoinCandidate): JoinRefusal | null {
  if (kept.districtId && other.districtId && kept.districtId !== other.districtId) return "different_districts";
  if (kept.passwordHash && other.passwordHash) return "both_have_passwords";
  if (kept.signedInWithClever && other.signedInWithClever) return "both_signed_in_with_clever";
  return null;
}

export interface ProfileFields {
  name: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  email: string | null;
  grade: string | null;
  role: string | null;
  subjects: string[];
  grades: string[];
  onboardingCompletedAt: Date | null;
  trialEndsAt: Date | null;
}

/**
 * The kept account's profile after the merge: what Clever says about the
 * person wins (it is the source of truth and is re-synced anyway), what only
 * the kept account knows (email if Clever had none, subjects, grades taught)
 * is kept, lists are united.
 */
export function mergedProfile(kept: ProfileFields, absorbed: ProfileFields): ProfileFields {
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
  return {
    name: absorbed.name ?? kept.name,
    firstName: absorbed.firstName ?? kept.firstName,
    middleName: absorbed.middleName ?? kept.middleName,
    lastName: absorbed.lastName ?? kept.lastName,
    email: kept.email ?? absorbed.email,
    grade: absorbed.grade ?? kept.grade,
    role: absorbed.role ?? kept.role,
    subjects: union(kept.subjects, absorbed.subjects),
    grades: union(kept.grades, absorbed.grades),
    onboardingCompletedAt: earliest(kept.onboardingCompletedAt, absorbed.onboardingCompletedAt),
    // A trial never gets longer by merging.
    trialEndsAt: earliest(kept.trialEndsAt, absorbed.trialEndsAt),
  };
}
