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
import { createCleverClient } from "@/lib/clever/client";
import type { CleverLogin } from "@/lib/clever/login-identity";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import { defaultDeps, type SyncDeps } from "@/lib/deps";
import { log } from "@/lib/log";
import { cleanEmail, gradeOf, personName } from "./fields";
import { storeUserToken } from "./tokens";

export interface ProvisionInput {
  /** Who signed in (lib/clever/login-identity.ts: id_token, /userinfo or /me). */
  login: CleverLogin;
  accessToken: string;
}

/** Makes sure the user's district row exists (its name read with the user's own token). */
async function ensureDistrict(deps: SyncDeps, districtId: string, accessToken: string): Promise<boolean> {
  const existing = await deps.db.district.findUnique({ where: { id: districtId }, select: { id: true } });
  if (existing) return true;
  try {
    const client = createCleverClient({ token: accessToken, tokenKind: "user", baseUrl: deps.apiUrl, apiVersion: deps.apiVersion, retry: { retries: 1 } });
    const district = await client.district(districtId);
    await deps.db.district.upsert({ where: { id: districtId }, create: { id: districtId, name: district.name ?? "" }, update: {} });
    return true;
  } catch {
    return false; // the login goes on; the sync fills the district in
  }
}

export async function provisionCleverUser(
  input: ProvisionInput,
  overrides: Partial<SyncDeps> = {},
): Promise<{ user: User; created: boolean }> {
  const deps = await defaultDeps(overrides);
  const { login } = input;
  const { cleverId, role, authorizedBy, districtId } = login;
  const hasDistrict = districtId !== null && (await ensureDistrict(deps, districtId, input.accessToken));
  const schoolId = login.schoolIds[0] ?? null;
  const school = schoolId && hasDistrict ? await deps.db.school.findUnique({ where: { id: schoolId }, select: { id: true } }) : null;

  const { middleName, ...name } = personName(login.name);
  const email = cleanEmail(login.email);
  const fields = {
    role,
    ...name,
    // A source without a middle name (an id_token) leaves the stored one alone.
    ...(login.name && "middle" in login.name && login.name.middle !== undefined ? { middleName } : {}),
    // Only a student's own record has a grade; other sources leave it to the sync.
    ...(role !== "student" ? { grade: null } : login.grade !== undefined ? { grade: gradeOf(login.grade) } : {}),
    authorizedBy,
    districtId: hasDistrict ? districtId : null,
    ...(school ? { schoolId: school.id } : {}),
    // A school admin's schools, when this source lists them (an id_token does not).
    ...(role === "school_admin" && login.schoolIds.length > 0 ? { administeredSchoolIds: login.schoolIds } : {}),
  } as const;

  const save = async () => {
    const existing = await findAccount(deps, cleverId, login.formerIds);
    if (existing) {
      // Found under a former ID (a version switch the migration missed): the
      // account takes the new one and keeps the old as legacy, once, even if
      // two logins of the user get here together.
      if (existing.cleverId !== null && existing.cleverId !== cleverId && !existing.cleverLegacyIds.includes(cleverId)) {
        await deps.db.user.updateMany({
          where: { id: existing.id, cleverId: existing.cleverId },
          data: { cleverId, cleverLegacyIds: existing.cleverLegacyIds.includes(existing.cleverId) ? existing.cleverLegacyIds : [...existing.cleverLegacyIds, existing.cleverId] },
        });
      }
      const user = await deps.db.user.update({
        where: { id: existing.id },
        data: {
          ...fields,
          // Clever's email when it has one; else the one the person gave us.
          ...(email !== null ? { email } : {}),
          // A Library teacher's trial starts once and is never extended.
          ...(role === "teacher" && authorizedBy === "teacher" && existing.trialEndsAt === null ? { trialEndsAt: trialEnd(deps) } : {}),
        },
      });
      return { user, created: false };
    }
    const user = await deps.db.user.create({
      data: {
        cleverId,
        ...fields,
        middleName,
        email,
        trialEndsAt: role === "teacher" && authorizedBy === "teacher" ? trialEnd(deps) : null,
      },
    });
    return { user, created: true };
  };

  let result: { user: User; created: boolean };
  try {
    result = await save();
  } catch (error) {
    // Two first logins at once: the other one created the row; update it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
    result = await save();
  }
  await storeUserToken(deps.db, deps, result.user.id, input.accessToken);
  return result;
}

/** The user's account: by Clever ID (or an account that had it before),
 * else by a former ID Clever gives (logged for support: the account's Clever
 * ID moves to the new one). */
async function findAccount(deps: SyncDeps, cleverId: string, formerIds: string[]) {
  // By the unique index first: a returning user costs one indexed lookup.
  const current =
    (await deps.db.user.findUnique({ where: { cleverId } })) ??
    (await deps.db.user.findFirst({ where: { cleverLegacyIds: { has: cleverId } }, orderBy: { createdAt: "asc" } }));
  if (current || formerIds.length === 0) return current;
  const former = await deps.db.user.findFirst({ where: { cleverId: { in: formerIds } } });
  if (former) log.info({ userId: former.id }, "a Clever user signed in under a new Clever ID; their account moves to it");
  return former;
}

function trialEnd(deps: Pick<SyncDeps, "now" | "trialDays">): Date {
  return new Date(deps.now().getTime() + deps.trialDays * 24 * 60 * 60 * 1000);
}
