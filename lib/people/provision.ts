// Provisioning on login (LIG-01, LIG-02, SYNC-02): the Clever user's row,
// found or created by Clever ID, filled from Clever (DSSO-02, LIB-04, LIB-R05),
// and the user's token stored encrypted for the sync that follows.
//
// Roster sync creates rows for students and co-teachers before they ever log
// in (cleverId, no Account); their first login finds and fills that same row.
// Clever's email is a contact detail: another account with the same email is
// never linked (DSSO-04), and nothing stops both from having it.
import { type CleverClient, createCleverClient } from "@/lib/clever/client";
import type { CleverDistrictAdmin, CleverMe, CleverSchoolAdmin, CleverStudent, CleverTeacher } from "@/lib/clever/schemas";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import { defaultDeps, type SyncDeps } from "@/lib/deps";
import { cleanEmail, gradeOf, personName } from "./fields";
import { storeUserToken } from "./tokens";

export interface ProvisionInput {
  me: CleverMe;
  profile: CleverTeacher | CleverStudent | CleverDistrictAdmin | CleverSchoolAdmin;
  accessToken: string;
}

type Role = "teacher" | "student" | "school_admin" | "district_admin";

function roleOf(me: CleverMe): Role {
  const type = me.data.type ?? me.type;
  if (type === "district") throw new Error("provisionCleverUser: a district-app token is not a user");
  return type;
}

/** The user's own record, of the type /me names (seed 004: `GET /me`, then
 * `/{type}s/{id}`). The login and the tests both read a person this way. */
export async function cleverProfileOf(client: CleverClient, me: CleverMe): Promise<ProvisionInput["profile"]> {
  const id = me.data.id;
  switch (roleOf(me)) {
    case "teacher":
      return client.teacher(id);
    case "student":
      return client.student(id);
    case "district_admin":
      return client.districtAdmin(id);
    case "school_admin":
      return client.schoolAdmin(id);
  }
}

/** Seed 004: v2.1 says who shared the user; on v2.0, a district ID on /me means the district did. */
function authorizedByOf(me: CleverMe): "teacher" | "district" {
  return me.data.authorized_by ?? (me.data.district ? "district" : "teacher");
}

/** Makes sure the user's district row exists (its name read with the user's own token). */
async function ensureDistrict(deps: SyncDeps, districtId: string, accessToken: string): Promise<boolean> {
  const existing = await deps.db.district.findUnique({ where: { id: districtId }, select: { id: true } });
  if (existing) return true;
  try {
    const client = createCleverClient({ token: accessToken, tokenKind: "user", baseUrl: deps.apiUrl, retry: { retries: 1 } });
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
  const { me, profile } = input;
  const cleverId = me.data.id;
  if (profile.id !== cleverId) throw new Error("provisionCleverUser: profile and /me disagree on the Clever ID");
  const role = roleOf(me);
  const authorizedBy = authorizedByOf(me);
  const districtId = authorizedBy === "district" ? (me.data.district ?? profile.district ?? null) : null;
  const hasDistrict = districtId !== null && (await ensureDistrict(deps, districtId, input.accessToken));
  const schoolId = "school" in profile && typeof profile.school === "string" ? profile.school : null;
  const school = schoolId && hasDistrict ? await deps.db.school.findUnique({ where: { id: schoolId }, select: { id: true } }) : null;

  const name = personName(profile.name);
  const email = cleanEmail(profile.email);
  const grade = role === "student" ? gradeOf((profile as CleverStudent).grade) : null;
  const fields = {
    role,
    ...name,
    grade,
    authorizedBy,
    districtId: hasDistrict ? districtId : null,
    ...(school ? { schoolId: school.id } : {}),
  } as const;

  const save = async () => {
    const existing = await deps.db.user.findUnique({ where: { cleverId } });
    if (existing) {
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

function trialEnd(deps: Pick<SyncDeps, "now" | "trialDays">): Date {
  return new Date(deps.now().getTime() + deps.trialDays * 24 * 60 * 60 * 1000);
}
