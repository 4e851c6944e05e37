// The roster sync of one user (LIG-03, LIG-04, LIB-12): read everything from
// Clever, then write the differences in one transaction, so a failure halfway
// leaves the previous data exactly as it was. Concurrent syncs of one user
// (double click, two tabs, login + button): the run's own SyncRun row, inserted
// as running, is the lease (lib/roster/sync/lease.ts); one runs, the others report
// "already running". The write transaction ends by turning that row into the
// result, and commits nothing if the row is no longer this run's (taken over
// as stale), so the row alone guards the writes: no advisory lock per user.
// Co-teachers' syncs (other users, same sections) are kept apart by apply.ts.
import { appDeps, CleverApiError, type CleverClient, createCleverClient, type Db, type SyncDeps } from "@/lib/clever";
import { Prisma, type Role, type SyncSource, type SyncTrigger } from "@/lib/generated/prisma/client";
import { log, newReference } from "@/lib/platform";
import { errorCopy } from "@/lib/platform/error-copy";
import { applySnapshot } from "./apply";
import { fetchSnapshot, type Snapshot } from "./fetch";
import { type Claim, claimRun, finishRun, WRITE_TRANSACTION } from "./lease";
import { districtFreshness } from "@/lib/roster/district/freshness";
import { addCounts, type Counts, emptyCounts, summarize } from "./summary";
import { NO_TOKEN, syncFailureMessage } from "./messages";
import { districtToken, forgetDistrictToken, openUserToken } from "@/lib/people";

export type SyncRunResult =
  | { status: "succeeded"; runId: string; summary: string; counts: Counts; source: SyncSource; finishedAt: Date }
  | { status: "failed"; runId: string; reference: string; code: string; message: string }
  | { status: "already_running" };

class SyncError extends Error {
  constructor(
    readonly code: "no_user" | typeof NO_TOKEN,
    message: string,
  ) {
    super(message);
    this.name = "SyncError";
  }
}

interface Who {
  id: string;
  cleverId: string | null;
  cleverLegacyIds: string[];
  role: Role | null;
  roles: Role[];
  authorizedBy: "teacher" | "district" | null;
  districtId: string | null;
  userCiphertext: string | null;
  userKeyId: string | null;
  userExpiresAt: Date | null;
  districtCiphertext: string | null;
  districtKeyId: string | null;
  districtExpiresAt: Date | null;
}

/** A district-shared user's roster is read with the district's token, not
 * their own: their own token's expiry stops no sync of theirs. */
export function syncsWithDistrictToken(user: { authorizedBy: string | null; districtId: string | null }): boolean {
  return user.authorizedBy === "district" && user.districtId !== null;
}

/** The user and both candidate tokens in one statement. */
async function loadWho(db: Db, userId: string): Promise<Who | undefined> {
  const rows = await db.$queryRaw<Who[]>(Prisma.sql`
    SELECT u.id, u."cleverId", u."cleverLegacyIds", u.role::text AS role, COALESCE(u.roles::text[], '{}') AS roles, u."authorizedBy"::text AS "authorizedBy", u."districtId",
      ut.ciphertext AS "userCiphertext", ut."keyId" AS "userKeyId", ut."expiresAt" AS "userExpiresAt",
      dt.ciphertext AS "districtCiphertext", dt."keyId" AS "districtKeyId", dt."expiresAt" AS "districtExpiresAt"
    FROM "User" u
    LEFT JOIN "CleverToken" ut ON ut."userId" = u.id
    LEFT JOIN "CleverToken" dt ON dt."districtId" = u."districtId"
    WHERE u.id = ${userId}`);
  return rows[0];
}

/** Library users are read with their own token; district-shared users with the
 * district-app token, else with what their own token can read (themselves).
 * `storedDistrictToken`: the district token came from our table, not fresh
 * from Clever (so a refusal may only mean it changed). */
async function chooseAccess(deps: SyncDeps, who: Who, deadline: number, trigger: SyncTrigger, options: { refetchDistrictToken?: boolean } = {}) {
  const retry = { ...deps.retry, deadline };
  // A sync nobody is waiting on at a login leaves room in the window for logins.
  const common = { baseUrl: deps.apiUrl, apiVersion: deps.apiVersion, retry, timeoutMs: Math.min(15_000, deps.deadlineMs), keepLoginReserve: trigger !== "login" };
  if (syncsWithDistrictToken(who) && who.districtId) {
    const row = who.districtCiphertext && who.districtKeyId && who.districtExpiresAt ? { ciphertext: who.districtCiphertext, keyId: who.districtKeyId, expiresAt: who.districtExpiresAt } : null;
    // A fetched token is stored on another connection while the sync reads Clever.
    const district = await districtToken(deps, who.districtId, { row, refetch: options.refetchDistrictToken });
    if (district.token) {
      const client = createCleverClient({ token: district.token, tokenKind: "district", ...common });
      return { client, source: "district_token" as const, rosterReadable: true, saving: district.saving, storedDistrictToken: district.stored };
    }
    await district.saving;
  }
  const own = openUserToken(deps, who.id, { ciphertext: who.userCiphertext, keyId: who.userKeyId, expiresAt: who.userExpiresAt });
  if (!own) throw new SyncError(NO_TOKEN, "no valid Clever token for this user: they must sign in with Clever again");
  return {
    client: createCleverClient({ token: own, tokenKind: "user", ...common }),
    source: "user_token" as const,
    rosterReadable: who.authorizedBy !== "district",
    saving: undefined,
    storedDistrictToken: false,
  };
}

/** The roles a v2.1 row holds that Clever still confirms. v2.1 gives each
 * role its own record (and, for a multi-role user, its own ID), and the
 * record read names only the role synced, so a row's roles would only ever
 * grow: each admin role besides the synced one is read with the district
 * token under every ID the person has, and dropped when Clever knows none
 * (404 for each). Any other answer keeps it until a later sync can tell. */
async function confirmedAdminRoles(client: CleverClient, who: Who, synced: Role): Promise<Role[]> {
  const ids = [who.cleverId, ...who.cleverLegacyIds].filter((id): id is string => id !== null);
  const kept: Role[] = [];
  for (const held of who.roles) {
    if (held === synced || (held !== "school_admin" && held !== "district_admin")) kept.push(held);
    else if (await adminInClever(client, held, ids)) kept.push(held);
    else log.info({ userId: who.id, role: held }, "Clever no longer lists this person in a role their account held; the role is dropped");
  }
  return kept;
}

async function adminInClever(client: CleverClient, role: "school_admin" | "district_admin", ids: string[]): Promise<boolean> {
  for (const id of ids) {
    try {
      await (role === "school_admin" ? client.schoolAdmin(id) : client.districtAdmin(id));
      return true;
    } catch (error) {
      if (!(error instanceof CleverApiError) || error.code !== "not_found") return true;
    }
  }
  return false;
}

/** When Clever's rate-limit window has room again, in words. */
function retryWhen(retryAt: number | undefined, now: number): string {
  if (retryAt === undefined) return "in a minute";
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Claims the user's sync (its running SyncRun row): null while another sync
 * of the user is running. Pass the claim to runSync. */
export async function claimSync(userId: string, trigger: SyncTrigger, deps: SyncDeps): Promise<Claim | null> {
  return claimRun(deps.db, userId, trigger, deps.now(), deps.deadlineMs);
}

/** Claims and runs the user's sync. */
export async function syncUser(userId: string, trigger: SyncTrigger, deps: SyncDeps): Promise<SyncRunResult> {
  const claim = await claimSync(userId, trigger, deps);
  return claim ? runSync(claim, deps) : { status: "already_running" };
}

/** "Sync my classes" (app/actions/sync.ts): the user's sync, now, with the app's dependencies. */
export async function syncOnDemand(userId: string): Promise<SyncRunResult> {
  return syncUser(userId, "button", await appDeps());
}

/** Thrown inside the write transaction to roll it back: the run's row was taken over. */
class LeaseLost extends Error {}

/** Runs a claimed sync and records its result in the claim's row. */
export async function runSync(claim: Claim, deps: SyncDeps): Promise<SyncRunResult> {
  const { runId, userId, trigger } = claim;
  const deadline = Date.now() + deps.deadlineMs;
  let source: SyncSource | null = null;
  let districtId: string | null = null;
  // A fresh district token is saved while the sync reads with it: a failure
  // that drops the token waits for that save, or the save would outlive the drop.
  // (Every outcome waits for it: see `finally`.)
  let tokenSaved: Promise<unknown> = Promise.resolve();

  try {
    const who = await loadWho(deps.db, userId);
    if (!who?.cleverId || !who.role) throw new SyncError("no_user", "not a Clever user");
    const { cleverId, role } = who;
    districtId = who.districtId;
    // A login of a user whose district the district sync keeps: its roster
    // is already here; only make sure the district's events are read.
    if (trigger === "login" && syncsWithDistrictToken(who) && who.districtId && (await districtFreshness(deps, who.districtId)) === "current") {
      const counts = emptyCounts();
      const summary = summarize(counts, role === "teacher" || role === "student" ? role : "admin");
      const finishedAt = deps.now();
      if (!(await finishRun(deps.db, runId, { outcome: "succeeded", source: "district_token", finishedAt, summary }))) return { status: "already_running" };
      return { status: "succeeded", runId, summary, counts, source: "district_token", finishedAt };
    }
    let access = await chooseAccess(deps, who, deadline, trigger);
    tokenSaved = access.saving ?? tokenSaved;
    source = access.source;
    const read = (chosen: typeof access, as: Role = role) =>
      fetchSnapshot({
        client: chosen.client,
        cleverId,
        role: as,
        districtId: who.districtId,
        rosterReadable: chosen.rosterReadable,
        authorizedBy: who.authorizedBy,
        concurrency: deps.concurrency,
      });
    // Phase 1: read everything from Clever. Phase 2: write the differences in one transaction.
    // Real time, not deps.now: it is compared with the updatedAt Prisma stamps (see apply.ts).
    let snapshotAt = new Date();
    let snapshot: Snapshot;
    try {
      snapshot = await read(access);
    } catch (error) {
      // A stored district token Clever refuses as a whole was replaced (a
      // district reconnected, a rotation): ask Clever for the current one and
      // read again at once, instead of failing until the next sync.
      if (!(error instanceof CleverApiError && error.code === "unauthorized" && access.storedDistrictToken)) throw error;
      log.info({ userId, runId, districtId }, "stored district token refused; fetching the district's token again");
      if (who.districtId) await forgetDistrictToken(deps.db, who.districtId).catch(() => undefined);
      access = await chooseAccess(deps, who, deadline, trigger, { refetchDistrictToken: true });
      tokenSaved = access.saving ?? tokenSaved;
      source = access.source;
      snapshotAt = new Date();
      snapshot = await read(access);
    }
    // Each other role the user's record says they hold (v3.1: one record,
    // one ID for all roles) is read too, so every role's view is current.
    const held = snapshot.heldRoles;
    const others = held ? await Promise.all(held.filter((other) => other !== role).map((other) => read(access, other))) : [];
    // v2.1 names no other role: each admin role the row holds is asked of Clever.
    const confirmedRoles = held || access.source !== "district_token" ? who.roles : await confirmedAdminRoles(access.client, who, role);
    const dropped = who.roles.filter((r) => !confirmedRoles.includes(r));
    const runSource = access.source;
    const outcome = await deps.db.$transaction(async (tx) => {
      let counts = await applySnapshot(tx, { userId, cleverId, authorizedBy: who.authorizedBy, snapshot, now: deps.now(), snapshotAt });
      for (const other of others) counts = addCounts(counts, await applySnapshot(tx, { userId, cleverId, authorizedBy: who.authorizedBy, snapshot: other, now: deps.now(), snapshotAt }));
      const roles = held ? [...new Set<Role>([role, ...held])] : who.roles;
      if (roles.length !== who.roles.length || roles.some((r) => !who.roles.includes(r))) await tx.user.update({ where: { id: userId }, data: { roles } });
      // Only the roles Clever denied go: one a login added meanwhile stays.
      if (dropped.length > 0) await tx.$executeRaw`UPDATE "User" SET roles = ARRAY(SELECT r FROM unnest(roles) r WHERE NOT (r = ANY(${dropped}::"Role"[]))) WHERE id = ${userId}`;
      const summary = summarize(counts, snapshot.kind);
      const finishedAt = deps.now();
      const { created, updated, archived, restored } = counts;
      const ours = await finishRun(tx, runId, { outcome: "succeeded", source: runSource, finishedAt, created, updated, archived, restored, summary });
      if (!ours) throw new LeaseLost();
      return { counts, summary, finishedAt };
    }, WRITE_TRANSACTION);
    await access.saving;
    return { status: "succeeded", runId, summary: outcome.summary, counts: outcome.counts, source: runSource, finishedAt: outcome.finishedAt };
  } catch (error) {
    if (error instanceof LeaseLost) {
      log.warn({ userId, runId, trigger }, "roster sync outlived its lease and was taken over; its writes were rolled back");
      return { status: "already_running" };
    }
    const reference = newReference();
    const code = error instanceof CleverApiError || error instanceof SyncError ? error.code : "internal";
    log.error(
      { reference, userId, runId, trigger, source, errorCode: code, endpoint: error instanceof CleverApiError ? error.details.endpoint : undefined, reason: error instanceof Error ? error.message : String(error) },
      "roster sync failed; nothing was written",
    );
    // A district token Clever no longer accepts is dropped; the next sync asks for a fresh one.
    if (error instanceof CleverApiError && error.code === "unauthorized" && source === "district_token" && districtId) {
      await tokenSaved.catch(() => undefined);
      await forgetDistrictToken(deps.db, districtId).catch(() => undefined);
    }
    // If this fails too (the database is gone), the row stays running until its deadline.
    await finishRun(deps.db, runId, { outcome: "failed", source, finishedAt: deps.now(), errorRef: reference, errorCode: code }).catch(() => false);
    const message =
      code === "rate_limited" && error instanceof CleverApiError
        ? errorCopy.sync.rateLimitedUntil(retryWhen(error.details.retryAt, Date.now()))
        : syncFailureMessage(code);
    return { status: "failed", runId, reference, code, message };
  } finally {
    // Whatever the outcome, the sync is over only once its token save is:
    // a save left running would write after the caller moved on.
    await tokenSaved.catch(() => undefined);
  }
}
