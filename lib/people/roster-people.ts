// People in a sync (the user, co-teachers, students), keyed by Clever ID:
// created once, updated only when a field changed. Emails are contact
// details: sharing one with another account links nothing (DSSO-04).
import type { Db } from "@/lib/clever";
import type { User } from "@/lib/generated/prisma/client";
import { deletedAmong } from "./deleted-ids";

/** A person's row as the sync read it (lib/roster/sync/state.ts). */
export type KnownPerson = Pick<User, "id" | "cleverLegacyIds" | "name" | "firstName" | "middleName" | "lastName" | "email" | "grade" | "districtId" | "schoolId"> & { cleverId: string };

/** How many rows the write created and updated. */
export interface PeopleCounts {
  created: number;
  updated: number;
}

/** A person the sync knows only by Clever ID (a Library token may not read
 * co-teachers): their row is found, or created bare, and never rewritten. */
interface IdOnlyUser {
  cleverId: string;
  role: "teacher" | "student";
  idOnly: true;
}

interface ReadUser {
  cleverId: string;
  /** The v2 ID a v3 record names (`legacy_id`): an account made under it,
   * before a version switch, is this person's. */
  legacyId?: string;
  role: "teacher" | "student";
  idOnly?: false;
  name: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  email: string | null;
  /** undefined: not a student, leave the column alone. */
  grade: string | null | undefined;
  districtId: string | null;
  schoolId: string | null;
}

export type WantedUser = ReadUser | IdOnlyUser;

/** Upserts the people a sync saw; returns their user IDs by Clever ID. */
export async function writeUsers(
  tx: Db,
  known: readonly KnownPerson[],
  wanted: WantedUser[],
  authorizedBy: "teacher" | "district" | null,
  counts: PeopleCounts,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // By every ID a row has; its own Clever ID wins over another row's legacy one.
  const existing = new Map<string, KnownPerson>();
  for (const u of known) for (const id of u.cleverLegacyIds) existing.set(id, u);
  for (const u of known) existing.set(u.cleverId, u);
  const rowOf = (person: WantedUser) => existing.get(person.cleverId) ?? (!person.idOnly && person.legacyId ? existing.get(person.legacyId) : undefined);

  const creates = [];
  const seen = new Set<string>();
  for (const person of wanted) {
    if (seen.has(person.cleverId)) continue;
    seen.add(person.cleverId);
    const row = rowOf(person);
    if (person.idOnly) {
      if (row) ids.set(person.cleverId, row.id);
      else creates.push({ cleverId: person.cleverId, role: person.role, roles: [person.role], authorizedBy });
      continue;
    }
    const { email } = person;
    if (!row) {
      creates.push({
        cleverId: person.cleverId,
        role: person.role,
        roles: [person.role],
        name: person.name,
        firstName: person.firstName,
        middleName: person.middleName,
        lastName: person.lastName,
        email,
        grade: person.grade ?? null,
        authorizedBy,
        districtId: person.districtId,
        schoolId: person.schoolId,
      });
      continue;
    }
    ids.set(person.cleverId, row.id);
    const data: Record<string, string | null> = {};
    for (const field of ["name", "firstName", "middleName", "lastName"] as const) {
      if (row[field] !== person[field]) data[field] = person[field];
    }
    if (person.grade !== undefined && row.grade !== person.grade) data.grade = person.grade;
    if (email !== null && row.email !== email) data.email = email;
    if (person.districtId !== null && row.districtId !== person.districtId) data.districtId = person.districtId;
    if (person.schoolId !== null && row.schoolId !== person.schoolId) data.schoolId = person.schoolId;
    if (Object.keys(data).length > 0) {
      await tx.user.update({ where: { id: row.id }, data });
      counts.updated += 1;
    }
  }
  // A person deleted on request is not created again (deleted-ids.ts), under
  // their ID or the v2 one their record names.
  const legacyOf = new Map(wanted.flatMap((person) => (!person.idOnly && person.legacyId ? [[person.cleverId, person.legacyId] as const] : [])));
  const idsOf = (cleverId: string) => [cleverId, ...(legacyOf.has(cleverId) ? [legacyOf.get(cleverId) as string] : [])];
  const deleted = await deletedAmong(tx, creates.flatMap((c) => idsOf(c.cleverId)));
  const toCreate = creates.filter((c) => !idsOf(c.cleverId).some((id) => deleted.has(id)));
  if (toCreate.length > 0) {
    const created = await tx.user.createManyAndReturn({ data: toCreate, select: { id: true, cleverId: true }, skipDuplicates: true });
    for (const user of created) if (user.cleverId) ids.set(user.cleverId, user.id);
    counts.created += created.length;
    // Rows another user's sync created meanwhile were skipped: look them up.
    const missing = toCreate.map((c) => c.cleverId).filter((id) => !ids.has(id));
    if (missing.length > 0) {
      const found = await tx.user.findMany({ where: { cleverId: { in: missing } }, select: { id: true, cleverId: true } });
      for (const user of found) if (user.cleverId) ids.set(user.cleverId, user.id);
    }
  }
  return ids;
}
