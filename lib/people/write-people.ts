// The one writer of people's rows from Clever: a login's (./provision.ts),
// the user's sync (lib/roster/sync/apply.ts) and the district sync
// (lib/roster/district/write.ts) all write a person through it. A batch of
// records is staged as one JSON parameter and written by one statement,
// set-based: it finds each record's row, compares, updates, inserts and
// counts. The rules, for every caller:
// - a record's row is found by its Clever ID, else as one of a row's legacy
//   IDs, else by another ID the record names (a v3 record's `legacy_id`, a
//   login's multi-role and former IDs) as a row's Clever ID, else as one of
//   its legacy IDs; a login, having merged what it found (./merge-rules.ts),
//   names its row itself;
// - a person deleted on request is not created again, under any of the
//   record's IDs (./deleted-ids.ts);
// - only a row that differs is written: by digest, for a caller that keeps
//   them (the district's), else field by field; a field the record does not
//   give is left alone (a caller holding the row, a login, asks personDiffers
//   first: the same rule, read in JavaScript, so an unchanged login sends no
//   statement);
// - with a scope, a district writes only its own rows or rows of no district
//   yet: a record naming another district's row is skipped and counted;
// - emails are contact details: a row is never found by one (DSSO-04).
// What differs between callers is said by WriteOptions, explicitly.
import type { Db } from "@/lib/clever";
import { type AuthorizedBy, Prisma, type Role, type User } from "@/lib/generated/prisma/client";
import { asciiJson } from "@/lib/platform";

/** The columns a record may set, in staged order. */
const FIELDS = ["name", "firstName", "middleName", "lastName", "email", "grade", "districtId", "schoolId", "administeredSchoolIds", "trialEndsAt"] as const;
type Field = (typeof FIELDS)[number];

/** A person's columns from Clever. A field left out (undefined) is left
 * alone on an update, and empty on a create; null is written as null. */
export interface PersonFields {
  name?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  email?: string | null;
  grade?: string | null;
  districtId?: string | null;
  schoolId?: string | null;
  /** A school admin's schools. */
  administeredSchoolIds?: readonly string[];
  /** A Library teacher's trial (set by a login only). */
  trialEndsAt?: Date | null;
}

/** One person to write. A record without fields is a person known only by
 * ID (a co-teacher a Library token may not read): their row is found, or
 * created bare, and nothing of it is rewritten. */
export interface PersonRecord {
  cleverId: string;
  /** Other IDs the record names: a row under one is this person's (a v3
   * record's `legacy_id`, the v2 ID; a login's multi-role and former IDs). */
  otherIds?: readonly string[];
  role: Role;
  fields?: PersonFields;
  /** The district sync's digest of the record (lib/roster/district/staging.ts). */
  digest?: string;
  /** The row to write, when the caller has chosen it (a login, after its
   * merge); "new": a new row, even if another row has one of the record's
   * other IDs (a login found none it may join). Default: found by ID. */
  row?: string | "new";
}

export interface WriteOptions {
  /** The time written rows are stamped with (createdAt, updatedAt, rosterWrittenAt). */
  now: Date;
  /** A district's write: only its own rows and rows of no district yet are
   * written; a record naming another district's row is skipped (counted as
   * foreign). null: any row. */
  scopeDistrictId: string | null;
  /** On an update, "keep": roles are the caller's business (a new row gets
   * the record's); "add": the record's role joins the row's roles; "signIn":
   * it also becomes the role the person signed in as. */
  roles: "keep" | "add" | "signIn";
  /** Who shared the person, written on a create only or on every write. */
  authorizedBy: { value: AuthorizedBy | null; on: "create" | "write" };
  /** When a found row takes the record's Clever ID, keeping the one it had as
   * a legacy ID: "keep", never (the user's sync: the person's own login
   * moves their row); "roster", a row found under the v2 ID its v3 record
   * names (a row keeping the record's ID as a legacy ID stays as it is);
   * "login", always (the ID Clever just signed the person in under), and the
   * login's other IDs join the row's. */
  ids: "keep" | "roster" | "login";
  /** The district's roster lists the person: an archived row is restored (counted so). */
  restore: boolean;
  /** The district sync's digests: the kind a record's digest is kept under
   * (User.rosterDigests); a row whose digest matches, unchanged since
   * (updatedAt = rosterWrittenAt), is not compared field by field. */
  digestKind: string | null;
}

/** How many rows a write created, updated, restored, and how many records named another district's row. */
export interface PeopleCounts {
  created: number;
  updated: number;
  restored: number;
  foreign: number;
}

/** A batch staged for the statement (JSON in ASCII), built once. */
export interface StagedPeople {
  readonly json: string;
  /** Which fields any record of the batch sets (a bit each, FIELDS order). */
  readonly used: number;
}

const bit = (field: Field) => 1 << FIELDS.indexOf(field);

/** Each record as [cleverId, otherIds, role, digest, row, given, ...FIELDS];
 * `row` is the row's ID, false for a new row, null to find it; `given` has a
 * bit for each field the record sets. */
export function stagePeople(records: readonly PersonRecord[]): StagedPeople {
  let used = 0;
  const rows = records.map((record) => {
    const fields = record.fields ?? {};
    let given = 0;
    const values = FIELDS.map((field) => {
      const value = fields[field];
      if (value === undefined) return null;
      given |= bit(field);
      return value instanceof Date ? value.toISOString() : value;
    });
    used |= given;
    const row = record.row === "new" ? false : (record.row ?? null);
    return [record.cleverId, record.otherIds ?? [], record.role, record.digest ?? null, row, given, ...values];
  });
  return { json: asciiJson(rows), used };
}

/** A timestamp parameter, typed as the columns are (Prisma's DateTime). */
const at = (date: Date) => Prisma.sql`${date}::timestamp(3)`;
const column = (name: string) => Prisma.raw(`"${name}"`);
const HEADER = 6;

/** A staged field's value at its JSON position. */
function stagedField(field: Field, index: number): Prisma.Sql {
  const e = Prisma.sql`t.e->${Prisma.raw(String(index))}`;
  if (field === "administeredSchoolIds") return Prisma.sql`CASE WHEN jsonb_typeof(${e}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(${e})) END AS ${column(field)}`;
  const text = Prisma.sql`t.e->>${Prisma.raw(String(index))}`;
  return field === "trialEndsAt" ? Prisma.sql`(${text})::timestamp(3) AS ${column(field)}` : Prisma.sql`${text} AS ${column(field)}`;
}

/** Whether record `p` sets `field`. */
const gives = (p: string, field: Field) => Prisma.sql`(${Prisma.raw(p)}.given & ${Prisma.raw(String(bit(field)))}) <> 0`;

/** The first row (by ID, for a stable choice) with `id` among its legacy
 * IDs: a probe of the GIN index. Sorted in the C collation, which no index
 * gives: sorted as the primary key is, the LIMIT would have the planner walk
 * the primary key for a match, the whole table when there is none. */
export const legacyRow = (id: Prisma.Sql, columns: Prisma.Sql = Prisma.sql`w.id`) =>
  Prisma.sql`SELECT ${columns} FROM "User" w WHERE w."cleverLegacyIds" @> ARRAY[${id}] ORDER BY w.id COLLATE "C" LIMIT 1`;

/** The row of each Clever ID in `id` (a column of the query): by its own
 * Clever ID, else as a row's legacy ID (each probe only when the one before
 * found nothing: COALESCE stops at the first). */
export const rowOfCleverId = (id: Prisma.Sql) => Prisma.sql`COALESCE(
  (SELECT w.id FROM "User" w WHERE w."cleverId" = ${id}),
  (${legacyRow(id)}))`;

/** Whether any of record `p`'s IDs was deleted on request. */
const tombstoned = (p: string) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "DeletedCleverId" d WHERE d."cleverId" = ${Prisma.raw(p)}."cleverId" OR d."cleverId" = ANY(${Prisma.raw(p)}."otherIds"))`;

/** The row's IDs once it takes record `p`'s Clever ID: the one it had, its
 * legacy ones and the record's others, in that order, without the new one. */
const legacyAfterMove = (u: string, p: string) => {
  const [row, record] = [Prisma.raw(u), Prisma.raw(p)];
  return Prisma.sql`ARRAY(SELECT x.id FROM unnest(ARRAY[${row}."cleverId"] || ${row}."cleverLegacyIds" || ${record}."otherIds") WITH ORDINALITY AS x(id, n)
    WHERE x.id IS NOT NULL AND x.id <> ${record}."cleverId" GROUP BY x.id ORDER BY min(x.n))`;
};

interface Outcome {
  record: string;
  outcome: "created" | "updated" | "restored" | "unchanged" | "foreign" | "deleted" | "raced";
  id: string | null;
}

/** The IDs row `row` keeps once it takes `record`'s Clever ID: as
 * legacyAfterMove says in SQL. */
function legacyAfterMoveOf(row: User, record: PersonRecord): string[] {
  const ids = [row.cleverId, ...row.cleverLegacyIds, ...(record.otherIds ?? [])];
  return [...new Set(ids.filter((id): id is string => id !== null && id !== record.cleverId))];
}

/** Two column values alike: arrays by element, dates by instant. */
export const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
    : a instanceof Date && b instanceof Date
      ? a.getTime() === b.getTime()
      : a === b;

/** Whether the statement would write `record` to `row`, read from a row this
 * process holds: the statement's `differs`, term for term (a caller that has
 * just read the row, a login, skips the statement when nothing differs;
 * write-people.int.test.ts holds the two to the same answers). */
export function personDiffers(row: User, record: PersonRecord, options: WriteOptions): boolean {
  const fields = record.fields ?? {};
  const digests = row.rosterDigests as Record<string, unknown>;
  const compared =
    options.digestKind !== null
      ? (digests[options.digestKind] ?? null) !== (record.digest ?? null) || !sameValue(row.rosterWrittenAt, row.updatedAt)
      : FIELDS.some((field) => fields[field] !== undefined && !sameValue(row[field], fields[field]));
  const moves =
    options.ids === "login"
      ? row.cleverId !== record.cleverId || !sameValue(legacyAfterMoveOf(row, record), row.cleverLegacyIds)
      : options.ids === "roster"
        ? row.cleverId !== null && row.cleverId !== record.cleverId && !row.cleverLegacyIds.includes(record.cleverId)
        : false;
  return (
    compared ||
    moves ||
    (options.restore && row.archivedAt !== null) ||
    (options.roles !== "keep" && !row.roles.includes(record.role)) ||
    (options.roles === "signIn" && row.role !== record.role) ||
    (options.authorizedBy.on === "write" && row.authorizedBy !== options.authorizedBy.value)
  );
}

/** The statement for a staged batch. `returning`: "counts", one row of
 * counts; otherwise a row per record with its outcome and row ID, and with
 * "rows" the whole row as written. */
function statement(staged: StagedPeople, options: WriteOptions, returning: "counts" | "ids" | "rows"): Prisma.Sql {
  const { now, scopeDistrictId, digestKind } = options;
  const used = FIELDS.filter((field) => (staged.used & bit(field)) !== 0);
  const role = (p: string) => Prisma.sql`${Prisma.raw(p)}.role`;
  const inScope = (m: string) =>
    scopeDistrictId === null ? Prisma.sql`true` : Prisma.sql`(${Prisma.raw(m)}."rowDistrictId" IS NULL OR ${Prisma.raw(m)}."rowDistrictId" = ${scopeDistrictId})`;
  const authorizedBy = Prisma.sql`${options.authorizedBy.value}::"AuthorizedBy"`;
  // Row `u` takes record `p`'s Clever ID.
  const moves = (u: string, p: string) => {
    const [row, record] = [Prisma.raw(u), Prisma.raw(p)];
    if (options.ids === "keep") return Prisma.sql`false`;
    return options.ids === "login"
      ? Prisma.sql`(${row}."cleverId" IS DISTINCT FROM ${record}."cleverId" OR ${legacyAfterMove(u, p)} IS DISTINCT FROM ${row}."cleverLegacyIds")`
      : Prisma.sql`(${row}."cleverId" IS NOT NULL AND ${row}."cleverId" <> ${record}."cleverId" AND NOT (${record}."cleverId" = ANY(${row}."cleverLegacyIds")))`;
  };
  // What makes row `u` differ from record `p`.
  const differs = (u: string, p: string) => {
    const row = Prisma.raw(u);
    const terms = [
      digestKind !== null
        ? Prisma.sql`${row}."rosterDigests"->>${digestKind}::text IS DISTINCT FROM ${Prisma.raw(p)}.digest OR ${row}."rosterWrittenAt" IS DISTINCT FROM ${row}."updatedAt"`
        : used.length > 0
          ? Prisma.join(
              used.map((field) => Prisma.sql`(${gives(p, field)} AND ${row}.${column(field)} IS DISTINCT FROM ${Prisma.raw(p)}.${column(field)})`),
              " OR ",
            )
          : Prisma.sql`false`,
      moves(u, p),
    ];
    if (options.restore) terms.push(Prisma.sql`${row}."archivedAt" IS NOT NULL`);
    if (options.roles !== "keep") terms.push(Prisma.sql`NOT (${role(p)} = ANY(${row}.roles))`);
    if (options.roles === "signIn") terms.push(Prisma.sql`${row}.role IS DISTINCT FROM ${role(p)}`);
    if (options.authorizedBy.on === "write") terms.push(Prisma.sql`${row}."authorizedBy" IS DISTINCT FROM ${authorizedBy}`);
    return Prisma.sql`(${Prisma.join(terms, " OR ")})`;
  };

  const sets = [
    ...used.map((field) => Prisma.sql`${column(field)} = CASE WHEN ${gives("p", field)} THEN p.${column(field)} ELSE u.${column(field)} END`),
    ...(options.roles === "signIn" ? [Prisma.sql`role = p.role`] : []),
    ...(options.roles !== "keep" ? [Prisma.sql`roles = CASE WHEN p.role = ANY(u.roles) THEN u.roles ELSE array_append(u.roles, p.role) END`] : []),
    ...(options.authorizedBy.on === "write" ? [Prisma.sql`"authorizedBy" = ${authorizedBy}`] : []),
    ...(options.ids !== "keep"
      ? [
          Prisma.sql`"cleverId" = CASE WHEN ${moves("u", "p")} THEN p."cleverId" ELSE u."cleverId" END`,
          Prisma.sql`"cleverLegacyIds" = CASE WHEN ${moves("u", "p")} THEN ${legacyAfterMove("u", "p")} ELSE u."cleverLegacyIds" END`,
        ]
      : []),
    ...(options.restore ? [Prisma.sql`"archivedAt" = NULL`] : []),
    ...(digestKind !== null
      ? [Prisma.sql`"rosterDigests" = u."rosterDigests" || jsonb_build_object(${digestKind}::text, p.digest)`, Prisma.sql`"rosterWrittenAt" = ${at(now)}`]
      : []),
    Prisma.sql`"updatedAt" = ${at(now)}`,
  ];
  const inserted = used.map((field) =>
    field === "administeredSchoolIds"
      ? Prisma.sql`COALESCE(CASE WHEN ${gives("m", field)} THEN m.${column(field)} END, ARRAY[]::text[])`
      : Prisma.sql`CASE WHEN ${gives("m", field)} THEN m.${column(field)} END`,
  );
  const insertColumns = [...used.map(column), ...(digestKind !== null ? [column("rosterDigests"), column("rosterWrittenAt")] : [])];
  const insertValues = [...inserted, ...(digestKind !== null ? [Prisma.sql`jsonb_build_object(${digestKind}::text, m.digest)`, at(now)] : [])];
  // The driver reads an enum array as its text ("{teacher}"): roles again, as text[].
  const written = returning === "rows" ? Prisma.sql`u.*, u.roles::text[] AS "_roles"` : Prisma.sql`u.id`;

  const body = Prisma.sql`
    WITH v AS (
      SELECT t.ord, t.e->>0 AS "cleverId", ARRAY(SELECT jsonb_array_elements_text(t.e->1)) AS "otherIds", (t.e->>2)::"Role" AS role, t.e->>3 AS digest,
        CASE WHEN jsonb_typeof(t.e->4) = 'string' THEN t.e->>4 END AS "givenRow", t.e->4 = 'false'::jsonb AS "newRow", (t.e->>5)::int AS given
        ${used.length > 0 ? Prisma.sql`, ${Prisma.join(used.map((field) => stagedField(field, HEADER + FIELDS.indexOf(field))))}` : Prisma.empty}
      FROM jsonb_array_elements(${staged.json}::jsonb) WITH ORDINALITY AS t(e, ord)
    ),
    found AS MATERIALIZED (
      SELECT v.*, CASE WHEN NOT v."newRow" THEN COALESCE(v."givenRow", ${rowOfCleverId(Prisma.sql`v."cleverId"`)},
        CASE WHEN cardinality(v."otherIds") > 0 THEN (SELECT w.id FROM unnest(v."otherIds") WITH ORDINALITY AS o(id, n) JOIN "User" w ON w."cleverId" = o.id ORDER BY o.n LIMIT 1) END,
        CASE WHEN cardinality(v."otherIds") > 0 THEN (SELECT l.id FROM unnest(v."otherIds") WITH ORDINALITY AS o(id, n), LATERAL (${legacyRow(Prisma.sql`o.id`)}) l ORDER BY o.n LIMIT 1) END) END AS "rowId"
      FROM v
    ),
    -- Each found row as it stands, and whether the record differs from it.
    m AS MATERIALIZED (
      SELECT f.*, r."districtId" AS "rowDistrictId", r.archived, r.differs
      FROM found f LEFT JOIN LATERAL (SELECT x."districtId", x."archivedAt" IS NOT NULL AS archived, ${differs("x", "f")} AS differs FROM "User" x WHERE x.id = f."rowId" OFFSET 0) r ON true
    ),
    -- One record per row, the first the batch lists; only those that differ
    -- are written.
    mine AS (
      SELECT * FROM (SELECT DISTINCT ON ("rowId") * FROM m WHERE "rowId" IS NOT NULL AND ${inScope("m")} ORDER BY "rowId", ord) first
      WHERE differs
    ),
    -- Their rows locked in row ID order before any is written, whatever the
    -- plan: two writers sharing people (co-teachers' syncs, a login and the
    -- district) take them in the same order, so neither waits for the other
    -- holding what it needs (a deadlock would fail one of them).
    locked AS MATERIALIZED (
      SELECT x.id FROM "User" x WHERE x.id IN (SELECT "rowId" FROM mine) ORDER BY x.id FOR UPDATE OF x
    ),
    updated AS (
      UPDATE "User" u SET ${Prisma.join(sets)}
      FROM mine p
      WHERE u.id = p."rowId" AND u.id IN (SELECT id FROM locked) AND ${differs("u", "p")}
      RETURNING p."cleverId" AS "_key", p.archived AND ${options.restore} AS "_restored", ${written}
    ),
    created AS (
      INSERT INTO "User" AS u (id, "cleverId", "cleverLegacyIds", role, roles, "authorizedBy", ${Prisma.join([...insertColumns, column("createdAt"), column("updatedAt")])})
      SELECT gen_random_uuid()::text, m."cleverId",
        ARRAY(SELECT x.id FROM unnest(m."otherIds") WITH ORDINALITY AS x(id, n) WHERE x.id <> m."cleverId" GROUP BY x.id ORDER BY min(x.n)),
        m.role, ARRAY[m.role], ${authorizedBy}, ${Prisma.join([...insertValues, at(now), at(now)])}
      -- One row per new Clever ID, from the first record the batch lists.
      FROM (SELECT DISTINCT ON ("cleverId") * FROM m WHERE "rowId" IS NULL ORDER BY "cleverId", ord) m
      WHERE NOT ${tombstoned("m")}
      ON CONFLICT DO NOTHING
      RETURNING u."cleverId" AS "_key", false AS "_restored", ${written}
    )`;
  const counts = Prisma.sql`(SELECT count(*) FROM created)::int AS created, (SELECT count(*) FILTER (WHERE NOT "_restored") FROM updated)::int AS updated,
      (SELECT count(*) FILTER (WHERE "_restored") FROM updated)::int AS restored,
      (SELECT count(*) FROM m WHERE "rowId" IS NOT NULL AND NOT ${inScope("m")})::int AS "foreign"`;
  if (returning === "counts") return Prisma.sql`${body} SELECT ${counts}`;
  return Prisma.sql`${body},
    written AS (SELECT * FROM updated UNION ALL SELECT * FROM created)
    SELECT ${counts}, m."cleverId" AS "_record",
      CASE WHEN w."_key" IS NOT NULL THEN CASE WHEN m."rowId" IS NULL THEN 'created' WHEN w."_restored" THEN 'restored' ELSE 'updated' END
        WHEN m."rowId" IS NOT NULL THEN CASE WHEN ${inScope("m")} THEN 'unchanged' ELSE 'foreign' END
        WHEN ${tombstoned("m")} THEN 'deleted'
        ELSE 'raced' END AS "_outcome",
      CASE WHEN m."rowId" IS NULL OR ${inScope("m")} THEN COALESCE(w.id, m."rowId") END AS "_id"
      ${returning === "rows" ? Prisma.sql`, w.*` : Prisma.empty}
    FROM m LEFT JOIN written w ON w."_key" = m."cleverId"
    ORDER BY m.ord`;
}

type OutcomeRow = PeopleCounts & { _record: string; _outcome: Outcome["outcome"]; _id: string | null };

const noCounts = (): PeopleCounts => ({ created: 0, updated: 0, restored: 0, foreign: 0 });
const countsOf = (row: PeopleCounts | undefined): PeopleCounts =>
  row ? { created: row.created, updated: row.updated, restored: row.restored, foreign: row.foreign } : noCounts();

/** Writes a staged batch (the district sync's): what it wrote, counted. */
export async function writePeople(tx: Db, staged: StagedPeople, options: WriteOptions): Promise<PeopleCounts> {
  const [row] = await tx.$queryRaw<PeopleCounts[]>(statement(staged, options, "counts"));
  return countsOf(row);
}

/** Writes a batch and says each record's row by its Clever ID (none for a
 * record skipped: deleted on request, or another district's). A row another
 * writer created meanwhile under a record's ID is looked up (a second
 * statement, only then). */
export async function writePeopleIds(tx: Db, records: readonly PersonRecord[], options: WriteOptions): Promise<PeopleCounts & { ids: Map<string, string> }> {
  if (records.length === 0) return { ...noCounts(), ids: new Map() };
  const rows = await tx.$queryRaw<OutcomeRow[]>(statement(stagePeople(records), options, "ids"));
  const ids = new Map<string, string>();
  for (const row of rows) if (row._id !== null) ids.set(row._record, row._id);
  const raced = [...new Set(rows.filter((row) => row._outcome === "raced").map((row) => row._record))];
  if (raced.length > 0) {
    const found = await tx.user.findMany({ where: { cleverId: { in: raced } }, select: { id: true, cleverId: true } });
    for (const user of found) if (user.cleverId) ids.set(user.cleverId, user.id);
  }
  return { ...countsOf(rows[0]), ids };
}
/** Writes one person (a login's) and returns the row as written: null when
 * nothing differed ("unchanged"), when the person was deleted on request
 * ("deleted"), or when another writer created their row meanwhile ("raced"). */
export async function writePerson(tx: Db, record: PersonRecord, options: WriteOptions): Promise<{ outcome: Outcome["outcome"]; user: User | null }> {
  const [row] = await tx.$queryRaw<(OutcomeRow & Record<string, unknown>)[]>(statement(stagePeople([record]), options, "rows"));
  if (!row) throw new Error("the people writer answered no row for a record");
  const { created: _c, updated: _u, restored: _r, foreign: _f, _record, _outcome, _id, _key, _restored, _roles, ...user } = row;
  return { outcome: _outcome, user: row.id ? ({ ...user, roles: _roles } as unknown as User) : null };
}
