// Provisioning on login (LIG-01, LIG-02, SYNC-02): the Clever user's row,
// found or created by Clever ID, filled from Clever (DSSO-02, LIB-04, LIB-R05),
// and the user's token stored encrypted for the sync that follows. A user
// shared both ways is the district's; a Library teacher whom the district
// shares later keeps the same row (and so classes and choices), now
// district-shared, and the move back keeps everything too.
//
// Roster sync creates rows for students and co-teachers before they ever log
// in (cleverId, no Account); their first login finds and fills that same row.
// Clever's email is a contact detail: another account with the same email is
// never linked (DSSO-04), and nothing stops both from having it.
import { type CleverLogin, createCleverClient, type SyncDeps } from "@/lib/clever";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import { log, newReference } from "@/lib/platform";
import { absorbAccount } from "@/lib/people/absorb";
import { joinRefusal } from "@/lib/people/merge-rules";
import { DeletedPersonError } from "./deleted-ids";
import { cleanEmail, gradeOf, personName } from "./fields";
import { storeUserToken } from "./tokens";
import { type PersonFields, type PersonRecord, personDiffers, sameValue, writePerson, type WriteOptions } from "./write-people";

export interface ProvisionInput {
  /** Who signed in (lib/clever/login-identity.ts: id_token, /userinfo or /me). */
  login: CleverLogin;
  accessToken: string;
}

/** Makes sure the user's district row exists, named as Clever names it (read
 * with the user's own token). When Clever does not answer, the row is made
 * unnamed: the user keeps their district (their sync reads the roster with
 * its token), and that sync names it (lib/roster/sync/apply.ts). */
async function ensureDistrict(deps: SyncDeps, districtId: string, accessToken: string): Promise<void> {
  const existing = await deps.db.district.findUnique({ where: { id: districtId }, select: { id: true } });
  if (existing) return;
  let name = "";
  try {
    const client = createCleverClient({ token: accessToken, tokenKind: "user", baseUrl: deps.apiUrl, apiVersion: deps.apiVersion, retry: { retries: 1 } });
    name = (await client.district(districtId)).name ?? "";
  } catch (error) {
    log.warn({ districtId, reason: error instanceof Error ? error.message : String(error) }, "the district's name could not be read at login; its first sync names it");
  }
  // Two first logins from one district at once: one row, no error.
  await deps.db.district.createMany({ data: [{ id: districtId, name }], skipDuplicates: true });
}

/** The fields that decide what the user's sync reads from Clever (whose
 * record, which token, which schools): a login that changes one of them
 * gets a sync whatever synced before (lib/roster/sync/login-sync.ts). */
const ROSTER_SCOPE = ["cleverId", "role", "authorizedBy", "districtId", "administeredSchoolIds"] as const;

/** A login's account: created or found, and whether this login changed what its sync reads (ROSTER_SCOPE). */
export interface Provisioned {
  user: User;
  created: boolean;
  rosterScopeChanged: boolean;
}

export async function provisionCleverUser(input: ProvisionInput, deps: SyncDeps): Promise<Provisioned> {
  const { login } = input;
  const { cleverId, role, authorizedBy, districtId } = login;
  const { middleName, ...name } = personName(login.name);
  const email = cleanEmail(login.email);
  /** The login's district and school, where their rows exist. A returning
   * user's row that already points at them needs no look-up (its foreign
   * keys say they exist). */
  const placesFor = async (existing: User | null) => {
    if (districtId !== null && existing?.districtId !== districtId) await ensureDistrict(deps, districtId, input.accessToken);
    const hasDistrict = districtId !== null;
    const schoolId = login.schoolIds[0] ?? null;
    const known = schoolId !== null && hasDistrict && existing?.schoolId === schoolId;
    const school = known ? { id: schoolId } : schoolId && hasDistrict ? await deps.db.school.findUnique({ where: { id: schoolId }, select: { id: true } }) : null;
    return { districtId: hasDistrict ? districtId : null, ...(school ? { schoolId: school.id } : {}) };
  };
  /** The person's columns from this login (a field left out is left alone). */
  const fieldsFor = async (existing: User | null): Promise<PersonFields> => ({
    ...name,
    // A source without a middle name (an id_token) leaves the stored one alone.
    ...(login.name && "middle" in login.name && login.name.middle !== undefined ? { middleName } : {}),
    // Only a student's own record has a grade; other sources leave it to the sync.
    ...(role !== "student" ? { grade: null } : login.grade !== undefined ? { grade: gradeOf(login.grade) } : {}),
    ...(await placesFor(existing)),
    // A school admin's schools, when this source lists them (an id_token does not).
    ...(role === "school_admin" && login.schoolIds.length > 0 ? { administeredSchoolIds: login.schoolIds } : {}),
  });
  // The login's other IDs (the person's multi-role ID, IDs they had before).
  const loginIds = otherIds(cleverId, [login.multiRoleUserId, ...login.formerIds]);
  // The row write goes through the people writer, as a login writes: the
  // role signed in as, the sharing Clever says now, and the login's Clever ID
  // (every other ID stays the row's).
  const options: WriteOptions = {
    // Stamped as Prisma stamps a row it writes: this process's clock, now.
    now: new Date(),
    scopeDistrictId: null,
    roles: "signIn",
    authorizedBy: { value: authorizedBy, on: "write" },
    ids: "login",
    restore: false,
    digestKind: null,
  };

  /** The login's account, or null when another login created it meanwhile (then: again). */
  const save = async (): Promise<Provisioned | null> => {
    const rows = await findAccounts(deps, login);
    if (rows.length > 0) {
      const existing = await oneAccount(deps, rows, login);
      const before = existing.cleverId;
      const fields: PersonFields = {
        ...(await fieldsFor(existing)),
        // Clever's email when it has one; else the one the person gave us.
        ...(email !== null ? { email } : {}),
        // A Library teacher's trial starts once and is never extended.
        ...(role === "teacher" && authorizedBy === "teacher" && existing.trialEndsAt === null ? { trialEndsAt: trialEnd(deps) } : {}),
      };
      // A returning user whose Clever data did not change costs no write:
      // the writer's own rule, asked of the row just read.
      const record: PersonRecord = { cleverId, otherIds: loginIds, role, row: existing.id, fields };
      let user = existing;
      if (personDiffers(existing, record, options)) {
        const written = await writePerson(deps.db, record, options);
        // Unchanged: a login at the same moment wrote the same.
        user = written.user ?? (await deps.db.user.findUniqueOrThrow({ where: { id: existing.id } }));
      }
      if (before !== cleverId && !existing.cleverLegacyIds.includes(cleverId)) {
        // A version switch the migration missed, or a user Clever gave a new
        // ID (away 300+ days) whom its data links to the old one: for support.
        log.info({ userId: user.id, linkedBy: linkOf(login, existing) }, "a Clever user signed in under a Clever ID new to their account; the account moves to it");
      }
      return { user, created: false, rosterScopeChanged: ROSTER_SCOPE.some((field) => !sameValue(existing[field], user[field])) };
    }
    // A new row, unless one of the login's IDs was deleted on request (the
    // writer checks; only a new account is checked: a returning login costs
    // no extra read).
    const fields: PersonFields = {
      ...(await fieldsFor(null)),
      middleName,
      email,
      trialEndsAt: role === "teacher" && authorizedBy === "teacher" ? trialEnd(deps) : null,
    };
    const written = await writePerson(deps.db, { cleverId, otherIds: loginIds, role, row: "new", fields }, options);
    if (written.outcome === "deleted") throw new DeletedPersonError();
    // Two first logins at once: the other one created the row; update it.
    if (!written.user) return null;
    return { user: written.user, created: true, rosterScopeChanged: true };
  };

  const result = (await save()) ?? (await save());
  if (!result) throw new Error("a login's account was neither found nor created");
  await storeUserToken(deps.db, deps, result.user.id, input.accessToken);
  return result;
}

/** Every row the login's Clever IDs point to (its ID, the person's
 * multi-role ID, IDs it had before), whether as a row's Clever ID or as one
 * it keeps: one statement, through the unique and the GIN index. Oldest first. */
async function findAccounts(deps: SyncDeps, login: CleverLogin): Promise<User[]> {
  const ids = otherIds(null, [login.cleverId, login.multiRoleUserId, ...login.formerIds]);
  return deps.db.user.findMany({
    where: { OR: [{ cleverId: { in: ids } }, { cleverLegacyIds: { hasSome: ids } }] },
    orderBy: { createdAt: "asc" },
  });
}

/** One person, one account: rows Clever's IDs say are the same person (a
 * roster row made under one of their IDs before they signed in under
 * another) are absorbed into the oldest, in one transaction, when the join
 * rules allow (lib/people/merge-rules.ts joinRefusal). A row they do not
 * is left apart and logged for support; the login goes on as the row under
 * its own Clever ID, else the oldest. */
async function oneAccount(deps: SyncDeps, rows: User[], login: Pick<CleverLogin, "cleverId" | "districtId">): Promise<User> {
  const [oldest, ...rest] = rows as [User, ...User[]];
  if (rest.length === 0) return oldest;
  const linked = await deps.db.account.findMany({ where: { userId: { in: rows.map((row) => row.id) } }, select: { userId: true } });
  const signedIn = new Set(linked.map((account) => account.userId));
  const inLoginDistrict = (row: User) => row.districtId === null || login.districtId === null || row.districtId === login.districtId;
  const kept = rows.find((row) => row.cleverId === login.cleverId) ?? rows.find(inLoginDistrict) ?? oldest;
  // Each row is weighed against everything joined so far (and the login's
  // district), not against one row: two rows with lives of their own never
  // meet through a third.
  let joinedSoFar = { id: kept.id, districtId: kept.districtId ?? login.districtId, passwordHash: kept.passwordHash, signedInWithClever: signedIn.has(kept.id) };
  const joined = [kept];
  const apart: { id: string; reason: string }[] = [];
  for (const row of rows) {
    if (row === kept) continue;
    const refusal = joinRefusal(joinedSoFar, { id: row.id, districtId: row.districtId, passwordHash: row.passwordHash, signedInWithClever: signedIn.has(row.id) });
    if (refusal) {
      apart.push({ id: row.id, reason: refusal });
      continue;
    }
    joined.push(row);
    joinedSoFar = {
      id: kept.id,
      districtId: joinedSoFar.districtId ?? row.districtId,
      passwordHash: joinedSoFar.passwordHash ?? row.passwordHash,
      signedInWithClever: joinedSoFar.signedInWithClever || signedIn.has(row.id),
    };
  }
  if (apart.length > 0) {
    log.warn({ reference: newReference(), userId: kept.id, apart }, "a login's Clever IDs point at accounts that may not be joined without support; they were left apart");
  }
  if (joined.length === 1) return kept;
  // The oldest joined row is kept (its id and history), as before.
  const [into, ...duplicates] = joined.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()) as [User, ...User[]];
  const user = await deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id IN (${Prisma.join(joined.map((row) => row.id))}) ORDER BY id FOR UPDATE`;
    let merged = into;
    for (const duplicate of duplicates) merged = await absorbAccount(tx, deps.vault, merged, duplicate);
    return merged;
  });
  log.info({ userId: user.id, absorbed: duplicates.length }, "rows of one Clever user under several of their IDs were merged into one account");
  return user;
}

/** Which of the login's IDs tied it to the account. */
function linkOf(login: CleverLogin, account: User): "former_id" | "multi_role_user_id" {
  const known = new Set([account.cleverId, ...account.cleverLegacyIds]);
  return login.formerIds.some((id) => known.has(id)) ? "former_id" : "multi_role_user_id";
}

/** These IDs once each, without `cleverId` and without gaps. */
function otherIds(cleverId: string | null, ids: (string | null)[]): string[] {
  return [...new Set(ids)].filter((id): id is string => id !== null && id !== cleverId);
}

function trialEnd(deps: Pick<SyncDeps, "now" | "trialDays">): Date {
  return new Date(deps.now().getTime() + deps.trialDays * 24 * 60 * 60 * 1000);
}
