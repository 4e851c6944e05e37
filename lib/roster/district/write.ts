// Writing one page of a district's roster (a full sync's page, or the records
// of a few events), inside the caller's transaction. Only differences are
// written, so a page that changed nothing upstream writes no row.
//
// Sweeps: Clever lists ascend by ID, so a full sync's page covers every ID in
// (previous page's last, this page's last] — the last page to the end. A
// record of the district in that range that the page does not list is gone
// upstream: archived (a user loses that role; with none left, archived),
// never deleted, and restored when a page lists it again. A sweep needs no
// memory of earlier pages, so a sync resumed after a crash sweeps the same.
import type { CleverDistrictAdmin, CleverSchool, CleverSchoolAdmin, CleverSection, CleverStudent, CleverTeacher, CleverTerm, Db, RosterKind, RosterRecords } from "@/lib/clever";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { log } from "@/lib/platform";
import { cleanEmail, deletedAmong, optionalText, personName } from "@/lib/people";
import { sectionTeacherIds } from "@/lib/roster/sync/fetch";
import { lockSections, writtenSince } from "@/lib/roster/sync/section-locks";
import { personFields, schoolFields, sectionFields, withRename } from "@/lib/roster/sync/record-fields";

/** IDs in (after, through]; through null: to the end of the list. */
export interface Range {
  after: string | null;
  through: string | null;
}

export interface RowCounts {
  created: number;
  updated: number;
  archived: number;
  restored: number;
}

export const noRows = (): RowCounts => ({ created: 0, updated: 0, archived: 0, restored: 0 });
export const rowsWritten = (c: RowCounts): number => c.created + c.updated + c.archived + c.restored;

export interface WriteContext {
  tx: Db;
  districtId: string;
  now: Date;
  counts: RowCounts;
  /** When this page was asked of Clever (real time): a section, link or
   * enrollment written since is newer than the page, and left alone
   * (lib/roster/sync/section-locks.ts). */
  readAt: Date;
}

/** The role each kind of user record is. */
const ROLE_OF_KIND = { teachers: "teacher", students: "student", school_admins: "school_admin", district_admins: "district_admin" } as const;
type PersonKind = keyof typeof ROLE_OF_KIND;
type PersonRecord = CleverTeacher | CleverStudent | CleverSchoolAdmin | CleverDistrictAdmin;

const uniq = <T>(values: Iterable<T>): T[] => [...new Set(values)];
const legacyOf = (record: Record<string, unknown>): string | undefined => (typeof record.legacy_id === "string" ? record.legacy_id : undefined);

/** The range condition on a text column, compared byte-wise as Clever orders IDs. */
function inRange(column: string, range: Range): Prisma.Sql {
  const after = Prisma.sql`${Prisma.raw(column)} COLLATE "C" > ${range.after ?? ""}`;
  return range.through === null ? after : Prisma.sql`${after} AND ${Prisma.raw(column)} COLLATE "C" <= ${range.through}`;
}

/** Writes one page of `kind`: `write` each batch of it (at most `batchSize`
 * records, so what is alive at once stays bounded), then `finish` with the
 * page's range, which sweeps it (null: no sweep, as for events). */
export interface PageWriter<K extends RosterKind> {
  readonly batchSize: number;
  write(records: RosterRecords[K][]): Promise<void>;
  finish(range: Range | null): Promise<void>;
}

// Batch sizes bound what a page's write holds at once. They are small because
// Prisma keeps the arguments of its last 100 debug calls (for error reports,
// whether or not DEBUG is set), query plans with their values inlined among
// them: at 1,000 people a batch that history alone held about 90 MB.
/** People (and schools, terms) per write batch. */
const RECORD_BATCH = 250;
/** Sections per write batch (with their links and enrollments, tens of rows each). */
const SECTION_BATCH = 100;

export function pageWriter<K extends RosterKind>(ctx: WriteContext, kind: K): PageWriter<K> {
  // The page's record IDs (and, for people, the rows they matched): what the sweep keeps.
  const listed: string[] = [];
  const matched = new Set<string>();
  const writer = (batchSize: number, write: (records: never[]) => Promise<void>, sweep: (range: Range) => Promise<void>): PageWriter<K> => ({
    batchSize,
    write: async (records) => {
      for (const record of records) listed.push(record.id);
      await write(records as never[]);
    },
    finish: async (range) => {
      if (range) await sweep(range);
    },
  });
  switch (kind) {
    case "schools":
      return writer(RECORD_BATCH, (records: CleverSchool[]) => writeSchools(ctx, records), (range) => archiveUnlisted(ctx, "School", range, listed));
    case "terms":
      return writer(RECORD_BATCH, (records: CleverTerm[]) => writeTerms(ctx, records), (range) => archiveUnlisted(ctx, "Term", range, listed));
    case "sections":
      return writer(SECTION_BATCH, (records: CleverSection[]) => writeSectionBatch(ctx, records), (range) => archiveSections(ctx, Prisma.sql`${inRange('"id"', range)} AND NOT (id = ANY(${listed}::text[]))`));
    default: {
      const personKind = kind as PersonKind;
      return writer(
        RECORD_BATCH,
        (records: PersonRecord[]) => writePeopleBatch(ctx, personKind, records, matched),
        (range) =>
          dropRole(ctx, ROLE_OF_KIND[personKind], Prisma.sql`${inRange('u."cleverId"', range)} AND NOT (u.id = ANY(${[...matched]}::text[])) AND NOT (u."cleverId" = ANY(${listed}::text[]))`),
      );
    }
  }
}

/** Writes `records` (all of a page, or an event's) in batches, then sweeps `range`. */
export async function writeRecords<K extends RosterKind>(ctx: WriteContext, kind: K, records: RosterRecords[K][], range: Range | null): Promise<void> {
  const writer = pageWriter(ctx, kind);
  for (let start = 0; start < records.length; start += writer.batchSize) await writer.write(records.slice(start, start + writer.batchSize));
  await writer.finish(range);
}

/** Archives what a removal event names (a deleted record; a role no longer held). */
export async function removeRecords(ctx: WriteContext, kind: RosterKind, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const { tx, districtId, now, counts } = ctx;
  switch (kind) {
    case "schools":
      counts.archived += await tx.school.updateMany({ where: { districtId, id: { in: ids }, archivedAt: null }, data: { archivedAt: now } }).then((r) => r.count);
      return;
    case "terms":
      counts.archived += await tx.term.updateMany({ where: { districtId, id: { in: ids }, archivedAt: null }, data: { archivedAt: now } }).then((r) => r.count);
      return;
    case "sections":
      return archiveSections(ctx, Prisma.sql`id = ANY(${ids}::text[])`);
    default:
      return dropRole(ctx, ROLE_OF_KIND[kind as PersonKind], Prisma.sql`(u."cleverId" = ANY(${ids}::text[]) OR u."cleverLegacyIds" && ${ids}::text[])`);
  }
}

// ------------------------------------------------------------------ schools

async function writeSchools(ctx: WriteContext, schools: CleverSchool[]): Promise<void> {
  const { tx, districtId, counts } = ctx;
  const districtIds = new Set([districtId]);
  const existing = new Map((await tx.school.findMany({ where: { id: { in: schools.map((s) => s.id) } } })).map((s) => [s.id, s]));
  const creates = [];
  for (const school of schools) {
    const data = schoolFields(school, districtIds);
    const row = existing.get(school.id);
    if (!row) {
      creates.push({ id: school.id, ...data });
      continue;
    }
    const changed = Object.fromEntries(Object.entries(data).filter(([field, value]) => row[field as keyof typeof data] !== value));
    if (Object.keys(changed).length === 0 && row.archivedAt === null) continue;
    await tx.school.update({ where: { id: school.id }, data: { ...changed, archivedAt: null } });
    if (row.archivedAt !== null) counts.restored += 1;
    else counts.updated += 1;
  }
  if (creates.length > 0) counts.created += (await tx.school.createMany({ data: creates, skipDuplicates: true })).count;
}

/** Archives the district's schools or terms in `range` that the page did not list. */
async function archiveUnlisted(ctx: WriteContext, table: "School" | "Term", range: Range, listed: string[]): Promise<void> {
  const { tx, districtId, now, counts } = ctx;
  counts.archived += await tx.$executeRaw`
    UPDATE ${Prisma.raw(`"${table}"`)} SET "archivedAt" = ${now}, "updatedAt" = ${now}
    WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND ${inRange('"id"', range)} AND NOT (id = ANY(${listed}::text[]))`;
}

// -------------------------------------------------------------------- terms

async function writeTerms(ctx: WriteContext, terms: CleverTerm[]): Promise<void> {
  const { tx, districtId, counts } = ctx;
  const existing = new Map((await tx.term.findMany({ where: { id: { in: terms.map((t) => t.id) } } })).map((t) => [t.id, t]));
  const creates = [];
  for (const term of terms) {
    const data = { name: optionalText(term.name), startDate: optionalText(term.start_date), endDate: optionalText(term.end_date) };
    const row = existing.get(term.id);
    if (!row) {
      creates.push({ id: term.id, districtId, ...data });
      continue;
    }
    const changed = Object.fromEntries(Object.entries(data).filter(([field, value]) => row[field as keyof typeof data] !== value));
    if (Object.keys(changed).length === 0 && row.archivedAt === null) continue;
    await tx.term.update({ where: { id: term.id }, data: { ...changed, archivedAt: null } });
    if (row.archivedAt !== null) counts.restored += 1;
    else counts.updated += 1;
  }
  if (creates.length > 0) counts.created += (await tx.term.createMany({ data: creates, skipDuplicates: true })).count;
}

// ------------------------------------------------------------------- people

interface PersonRow {
  id: string;
  cleverId: string | null;
  cleverLegacyIds: string[];
  roles: Role[];
  archivedAt: Date | null;
  authorizedBy: string | null;
  name: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  email: string | null;
  grade: string | null;
  districtId: string | null;
  schoolId: string | null;
  administeredSchoolIds: string[];
}

const PERSON_SQL = Prisma.sql`u.id, u."cleverId", COALESCE(u."cleverLegacyIds", '{}') AS "cleverLegacyIds", COALESCE(u.roles::text[], '{}') AS roles,
  u."archivedAt", u."authorizedBy"::text AS "authorizedBy", u.name, u."firstName", u."middleName", u."lastName", u.email, u.grade,
  u."districtId", u."schoolId", COALESCE(u."administeredSchoolIds", '{}') AS "administeredSchoolIds"`;

/** Rows for these Clever IDs, by any ID a row has (its own wins over
 * another's legacy one). One statement with the IDs as one array parameter.
 * The legacy half is a join, one probe of the GIN index per ID: `&&` with a
 * page's IDs is estimated to match most rows, and the planner then scans the
 * whole table (a third of a second per batch at 50,000 students). */
export async function peopleByCleverId(tx: Db, ids: string[]): Promise<Map<string, PersonRow>> {
  const rows =
    ids.length === 0
      ? []
      : await tx.$queryRaw<PersonRow[]>`
          SELECT ${PERSON_SQL} FROM "User" u WHERE u."cleverId" = ANY(${ids}::text[])
          UNION
          SELECT ${PERSON_SQL} FROM unnest(${ids}::text[]) AS wanted(id) JOIN "User" u ON u."cleverLegacyIds" @> ARRAY[wanted.id]`;
  const byId = new Map<string, PersonRow>();
  for (const row of rows) for (const id of row.cleverLegacyIds) byId.set(id, row);
  for (const row of rows) if (row.cleverId) byId.set(row.cleverId, row);
  return byId;
}

/** The columns a user record sets. */
function personData(kind: PersonKind, record: PersonRecord, schoolIds: ReadonlySet<string>, districtId: string) {
  const districtIds = new Set([districtId]);
  if (kind === "teachers" || kind === "students") {
    const { grade, ...rest } = personFields(record as CleverTeacher | CleverStudent, kind === "students" ? "student" : "teacher", schoolIds, districtIds);
    return { ...rest, ...(grade === undefined ? {} : { grade }), districtId };
  }
  const name = personName(record.name ? { first: record.name.first, last: record.name.last } : null);
  const admin = { name: name.name, firstName: name.firstName, lastName: name.lastName, email: cleanEmail(record.email), districtId };
  if (kind === "school_admins") return { ...admin, administeredSchoolIds: uniq((record as CleverSchoolAdmin).schools ?? []).filter((id) => schoolIds.has(id)) };
  return admin;
}

const sameValue = (a: unknown, b: unknown) => (Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b);

async function writePeopleBatch(ctx: WriteContext, kind: PersonKind, records: PersonRecord[], matched: Set<string>): Promise<void> {
  const { tx, districtId, counts } = ctx;
  const role = ROLE_OF_KIND[kind];
  const byId = await peopleByCleverId(tx, uniq(records.flatMap((r) => [r.id, legacyOf(r)].filter((id): id is string => id !== undefined))));
  const schoolRefs = uniq(records.flatMap((r) => ("schools" in r && Array.isArray(r.schools) ? r.schools : []).concat("school" in r && typeof r.school === "string" ? [r.school] : [])));
  const schoolIds = new Set((await tx.school.findMany({ where: { id: { in: schoolRefs } }, select: { id: true } })).map((s) => s.id));
  const creates: Prisma.UserCreateManyInput[] = [];
  const updates: (PersonState & { id: string })[] = [];
  let foreign = 0;
  for (const record of records) {
    const legacy = legacyOf(record);
    const row = byId.get(record.id) ?? (legacy ? byId.get(legacy) : undefined);
    const data = personData(kind, record, schoolIds, districtId);
    // A district writes only its own people (and Library users it now shares):
    // a row of another district is neither moved nor given a role.
    if (row && !ownedBy(row, districtId)) {
      foreign += 1;
      continue;
    }
    if (!row) {
      creates.push({ cleverId: record.id, ...(legacy && legacy !== record.id ? { cleverLegacyIds: [legacy] } : {}), role, roles: [role], authorizedBy: "district", ...data });
      continue;
    }
    if (matched.has(row.id)) continue;
    matched.add(row.id);
    const changed: Partial<PersonState> = Object.fromEntries(Object.entries(data).filter(([field, value]) => !sameValue(row[field as keyof PersonRow], value)));
    if (!row.roles.includes(role)) changed.roles = [...row.roles, role];
    if (row.authorizedBy !== "district") changed.authorizedBy = "district";
    // Found under the v2 ID its v3 record names: the row moves to the v3 ID (as at a login).
    if (row.cleverId !== record.id && row.cleverId !== null && !row.cleverLegacyIds.includes(record.id)) {
      changed.cleverId = record.id;
      changed.cleverLegacyIds = uniq([...row.cleverLegacyIds, row.cleverId]);
    }
    if (Object.keys(changed).length === 0 && row.archivedAt === null) continue;
    updates.push({ ...personState(row), ...changed, id: row.id });
    if (row.archivedAt !== null) counts.restored += 1;
    else counts.updated += 1;
  }
  if (foreign > 0) log.warn({ districtId, kind, people: foreign }, "a district's roster named people of another district; left them alone");
  await updatePeople(ctx, updates);
  // A person deleted on request is not created again (lib/people/deleted-ids.ts).
  // Under its current ID or the v2 one its record names.
  const idsOf = (c: Prisma.UserCreateManyInput) => [c.cleverId, ...(Array.isArray(c.cleverLegacyIds) ? c.cleverLegacyIds : [])].filter((id): id is string => typeof id === "string");
  const deleted = await deletedAmong(tx, creates.flatMap(idsOf));
  const toCreate = creates.filter((c) => !idsOf(c).some((id) => deleted.has(id)));
  if (toCreate.length > 0) counts.created += (await tx.user.createMany({ data: toCreate, skipDuplicates: true })).count;
}

/** Whether a row is this district's to write: its own, or no district's yet. */
function ownedBy(row: { districtId: string | null }, districtId: string): boolean {
  return row.districtId === null || row.districtId === districtId;
}

/** What a sync may change of a user row. */
type PersonState = Pick<PersonRow, "cleverId" | "cleverLegacyIds" | "roles" | "authorizedBy" | "name" | "firstName" | "middleName" | "lastName" | "email" | "grade" | "districtId" | "schoolId" | "administeredSchoolIds">;

function personState(row: PersonRow): PersonState {
  const { cleverId, cleverLegacyIds, roles, authorizedBy, name, firstName, middleName, lastName, email, grade, districtId, schoolId, administeredSchoolIds } = row;
  return { cleverId, cleverLegacyIds, roles, authorizedBy, name, firstName, middleName, lastName, email, grade, districtId, schoolId, administeredSchoolIds };
}

/** Sets each row to its new state (restoring it) in one statement: a page of
 * events renames hundreds of people, and one UPDATE a person was most of its time. */
async function updatePeople(ctx: WriteContext, rows: (PersonState & { id: string })[]): Promise<void> {
  if (rows.length === 0) return;
  await ctx.tx.$executeRaw`
    UPDATE "User" u SET "cleverId" = v."cleverId", "cleverLegacyIds" = v."cleverLegacyIds", roles = v.roles::"Role"[],
      "authorizedBy" = v."authorizedBy"::"AuthorizedBy", name = v.name, "firstName" = v."firstName", "middleName" = v."middleName",
      "lastName" = v."lastName", email = v.email, grade = v.grade, "districtId" = v."districtId", "schoolId" = v."schoolId",
      "administeredSchoolIds" = v."administeredSchoolIds", "archivedAt" = NULL, "updatedAt" = ${ctx.now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id text, "cleverId" text, "cleverLegacyIds" text[], roles text[], "authorizedBy" text,
      name text, "firstName" text, "middleName" text, "lastName" text, email text, grade text, "districtId" text, "schoolId" text, "administeredSchoolIds" text[])
    WHERE u.id = v.id`;
}

/** Takes `role` from the district's users matching `where`; one left with no
 * role is archived. */
async function dropRole(ctx: WriteContext, role: Role, where: Prisma.Sql): Promise<void> {
  const { tx, districtId, now, counts } = ctx;
  // The role goes from both places a role is honoured (lib/people/roles.ts):
  // the list, and the one signed in as, which falls to a role still held.
  const changed = await tx.$queryRaw<{ archived: boolean }[]>`
    UPDATE "User" u SET roles = array_remove(u.roles, ${role}::"Role"),
      role = CASE WHEN u.role = ${role}::"Role" THEN (array_remove(u.roles, ${role}::"Role"))[1] ELSE u.role END,
      "archivedAt" = CASE WHEN cardinality(array_remove(u.roles, ${role}::"Role")) = 0 THEN ${now} ELSE u."archivedAt" END,
      "updatedAt" = ${now}
    WHERE u."districtId" = ${districtId} AND u."authorizedBy" = 'district' AND (${role}::"Role" = ANY(u.roles) OR u.role = ${role}::"Role") AND ${where}
    RETURNING u."archivedAt" IS NOT NULL AS archived`;
  counts.archived += changed.filter((row) => row.archived).length;
  counts.updated += changed.filter((row) => !row.archived).length;
}

// ----------------------------------------------------------------- sections

async function writeSectionBatch(ctx: WriteContext, page: CleverSection[]): Promise<void> {
  const { tx, districtId, now, counts, readAt } = ctx;
  const districtIds = new Set([districtId]);
  // The same protocol as the user's sync: lock, then read (section-locks.ts).
  await lockSections(tx, Prisma.sql`SELECT unnest(${page.map((s) => s.id)}::text[]) AS id`);
  const [existingRows, schoolRows, termRows] = await Promise.all([
    tx.section.findMany({ where: { id: { in: page.map((s) => s.id) } } }),
    tx.school.findMany({ where: { id: { in: uniq(page.flatMap((s) => (s.school ? [s.school] : []))) } }, select: { id: true } }),
    tx.term.findMany({ where: { id: { in: uniq(page.flatMap((s) => (s.term_id ? [s.term_id] : []))) } }, select: { id: true } }),
  ]);
  // A district writes only its own: a section another district holds is left alone.
  const foreign = new Set(existingRows.filter((row) => !ownedBy(row, districtId)).map((row) => row.id));
  if (foreign.size > 0) log.warn({ districtId, sections: foreign.size }, "a district's roster named sections of another district; left them alone");
  const sections = page.filter((s) => !foreign.has(s.id));
  const ids = sections.map((s) => s.id);
  const existing = new Map(existingRows.map((s) => [s.id, s]));
  const schoolIds = new Set(schoolRows.map((s) => s.id));
  const termIds = new Set(termRows.map((t) => t.id));
  const people = await peopleByCleverId(tx, uniq(sections.flatMap((s) => [...sectionTeacherIds(s), ...(s.students ?? [])])));
  // Only this district's people are linked to its sections.
  const userOf = (cleverId: string) => {
    const person = people.get(cleverId);
    return person && person.districtId === districtId ? person.id : undefined;
  };

  const creates = [];
  for (const section of sections) {
    const data = { ...sectionFields(section, schoolIds, districtIds), termId: section.term_id && termIds.has(section.term_id) ? section.term_id : null };
    const row = existing.get(section.id);
    if (!row) {
      creates.push({ id: section.id, ...data });
      continue;
    }
    if (writtenSince(row, readAt)) continue;
    const changed = Object.fromEntries(Object.entries(data).filter(([field, value]) => row[field as keyof typeof data] !== value));
    if (Object.keys(changed).length === 0 && row.archivedAt === null) continue;
    await tx.section.update({ where: { id: section.id }, data: { ...withRename(changed, row.name, now), archivedAt: null } });
    if (row.archivedAt !== null) counts.restored += 1;
    else counts.updated += 1;
  }
  if (creates.length > 0) counts.created += (await tx.section.createMany({ data: creates, skipDuplicates: true })).count;

  // Who teaches and who is enrolled: exactly the section's lists.
  const desiredLinks = new Map<string, boolean>();
  const desiredEnrollments = new Set<string>();
  const key = (sectionId: string, userId: string) => `${sectionId}\u0000${userId}`;
  for (const section of sections) {
    const teachers = sectionTeacherIds(section);
    const primary = section.teacher ?? teachers[0];
    for (const cleverId of teachers) {
      const userId = userOf(cleverId);
      if (userId) desiredLinks.set(key(section.id, userId), cleverId === primary);
    }
    for (const cleverId of section.students ?? []) {
      const userId = userOf(cleverId);
      if (userId) desiredEnrollments.add(key(section.id, userId));
    }
  }
  const [links, enrollments] = await Promise.all([
    tx.$queryRaw<LinkRow[]>`
      SELECT "sectionId", "teacherId", "isPrimary", "archivedAt", "updatedAt" FROM "SectionTeacher" WHERE "sectionId" = ANY(${ids}::text[])`,
    tx.$queryRaw<EnrollmentRow[]>`
      SELECT "sectionId", "studentId", "archivedAt", "updatedAt" FROM "Enrollment" WHERE "sectionId" = ANY(${ids}::text[])`,
  ]);
  await reconcileLinks(ctx, links, desiredLinks);
  await reconcileEnrollments(ctx, enrollments, desiredEnrollments);
}

const split = (k: string): [string, string] => k.split("\u0000") as [string, string];

type LinkRow = { sectionId: string; teacherId: string; isPrimary: boolean; archivedAt: Date | null; updatedAt: Date };
type EnrollmentRow = { sectionId: string; studentId: string; archivedAt: Date | null; updatedAt: Date };

async function reconcileLinks(ctx: WriteContext, all: LinkRow[], desired: Map<string, boolean>): Promise<void> {
  const { tx, now, counts, readAt } = ctx;
  // A link written since this page was read is another writer's, and newer.
  const links = all.filter((l) => !writtenSince(l, readAt));
  const have = new Map(all.map((l) => [`${l.sectionId}\u0000${l.teacherId}`, l]));
  const create: { sectionId: string; teacherId: string; isPrimary: boolean }[] = [];
  const revive: { sectionId: string; teacherId: string; isPrimary: boolean; restored: boolean }[] = [];
  for (const [k, isPrimary] of desired) {
    const [sectionId, teacherId] = split(k);
    const link = have.get(k);
    if (!link) create.push({ sectionId, teacherId, isPrimary });
    else if (writtenSince(link, readAt)) continue;
    else if (link.archivedAt !== null || link.isPrimary !== isPrimary) revive.push({ sectionId, teacherId, isPrimary, restored: link.archivedAt !== null });
  }
  const gone = links.filter((l) => l.archivedAt === null && !desired.has(`${l.sectionId}\u0000${l.teacherId}`));
  if (create.length > 0) {
    const sections = create.map((l) => l.sectionId);
    const teachers = create.map((l) => l.teacherId);
    counts.created += await tx.$executeRaw`
      INSERT INTO "SectionTeacher" ("sectionId", "teacherId", "isPrimary", "updatedAt")
      SELECT s, t, p, ${now} FROM unnest(${sections}::text[], ${teachers}::text[], ${create.map((l) => l.isPrimary)}::boolean[]) AS x(s, t, p)
      ON CONFLICT DO NOTHING`;
    // New classes show on the teacher's dashboard; a choice already made stays.
    await tx.$executeRaw`
      INSERT INTO "SectionChoice" ("teacherId", "sectionId", shown, "updatedAt")
      SELECT t, s, true, ${now} FROM unnest(${sections}::text[], ${teachers}::text[]) AS x(s, t)
      ON CONFLICT DO NOTHING`;
  }
  for (const row of revive) {
    await tx.sectionTeacher.update({ where: { sectionId_teacherId: { sectionId: row.sectionId, teacherId: row.teacherId } }, data: { archivedAt: null, isPrimary: row.isPrimary } });
    if (row.restored) counts.restored += 1;
    else counts.updated += 1;
  }
  if (gone.length > 0) {
    counts.archived += await tx.$executeRaw`
      UPDATE "SectionTeacher" t SET "archivedAt" = ${now}, "updatedAt" = ${now}
      FROM unnest(${gone.map((l) => l.sectionId)}::text[], ${gone.map((l) => l.teacherId)}::text[]) AS g(s, u)
      WHERE t."sectionId" = g.s AND t."teacherId" = g.u`;
  }
}

async function reconcileEnrollments(ctx: WriteContext, enrollments: EnrollmentRow[], desired: Set<string>): Promise<void> {
  const { tx, now, counts, readAt } = ctx;
  const have = new Map(enrollments.map((e) => [`${e.sectionId}\u0000${e.studentId}`, e]));
  // An enrollment written since this page was read is another writer's, and newer.
  const ours = (e: EnrollmentRow | undefined) => e !== undefined && !writtenSince(e, readAt);
  const create = [...desired].filter((k) => !have.has(k)).map((k) => split(k));
  const revive = [...desired].filter((k) => ours(have.get(k)) && have.get(k)?.archivedAt != null).map((k) => split(k));
  const gone = enrollments.filter((e) => ours(e) && e.archivedAt === null && !desired.has(`${e.sectionId}\u0000${e.studentId}`));
  if (create.length > 0) {
    counts.created += await tx.$executeRaw`
      INSERT INTO "Enrollment" ("sectionId", "studentId", "updatedAt")
      SELECT s, u, ${now} FROM unnest(${create.map((r) => r[0])}::text[], ${create.map((r) => r[1])}::text[]) AS x(s, u)
      ON CONFLICT DO NOTHING`;
  }
  const setArchived = async (rows: [string, string][], value: Date | null) =>
    tx.$executeRaw`
      UPDATE "Enrollment" e SET "archivedAt" = ${value}, "updatedAt" = ${now}
      FROM unnest(${rows.map((r) => r[0])}::text[], ${rows.map((r) => r[1])}::text[]) AS g(s, u)
      WHERE e."sectionId" = g.s AND e."studentId" = g.u`;
  if (revive.length > 0) counts.restored += await setArchived(revive, null);
  if (gone.length > 0) counts.archived += await setArchived(gone.map((e) => [e.sectionId, e.studentId]), now);
}

/** Archives the district's active sections matching `where`, with their
 * active links and enrollments: locked first, and none written since the
 * data was read (section-locks.ts). */
async function archiveSections(ctx: WriteContext, where: Prisma.Sql): Promise<void> {
  const { tx, districtId, now, counts, readAt } = ctx;
  const candidates = Prisma.sql`SELECT id FROM "Section" WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND ${where}`;
  await lockSections(tx, candidates);
  const archived = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Section" SET "archivedAt" = ${now}, "updatedAt" = ${now}
    WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND "updatedAt" <= ${readAt} AND ${where}
    RETURNING id`;
  if (archived.length === 0) return;
  const ids = archived.map((s) => s.id);
  counts.archived += archived.length;
  counts.archived += await tx.$executeRaw`UPDATE "SectionTeacher" SET "archivedAt" = ${now}, "updatedAt" = ${now} WHERE "sectionId" = ANY(${ids}::text[]) AND "archivedAt" IS NULL`;
  counts.archived += await tx.$executeRaw`UPDATE "Enrollment" SET "archivedAt" = ${now}, "updatedAt" = ${now} WHERE "sectionId" = ANY(${ids}::text[]) AND "archivedAt" IS NULL`;
}
