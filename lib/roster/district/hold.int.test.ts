// The safety valve for bad days (SS-R6, ROLL-05), against the in-process
// local Clever and a real PostgreSQL: a full sync that would archive an
// unusual share of the district archives nothing and is held, with its
// counts and reference; a usual one applies as the sweeps always did; a
// hold is applied once by a district admin or an operator; events go on
// during a hold and are not undone by its release; the next full sync
// starts afresh.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { generatedDistrictId } from "@/sandbox/generated-district";
import type { SyncDeps } from "@/lib/clever/deps";
import { districtTestbed, testDeps } from "@/tests/support/sync-testbed";
import { log } from "@/lib/platform/log";
import { createSessionRow, lookUpSession } from "@/lib/session/session-store";
import { applyHeldSync, districtSyncStatus } from "@/lib/roster/district-sync-status";
import { pollEvents } from "./events";
import { runFullSync } from "./full-sync";
import { releaseHold } from "./hold";
import { districtRosterStatus } from "./status";

const SIZE = { students: 140, teachers: 14, sections: 36, schools: 3, seed: 11 };
const DISTRICT = generatedDistrictId(SIZE.seed);
const forever = () => ({ until: Date.now() + 120_000 });

const bed = districtTestbed({ beforeAll, afterAll, beforeEach }, SIZE);
beforeEach(() => {
  vi.restoreAllMocks();
});

const deps = async (overrides: Partial<SyncDeps> = {}) => testDeps(bed.sandbox, bed.counting.db, { districtPageLimit: 25, ...overrides });
const db = () => bed.counting.db;
/** A full sync at the default share (20%). */
const fullSync = async () => runFullSync(await deps(), DISTRICT, { ...forever(), holdPercent: 20 });

interface GeneratedRecord {
  id: string;
  students?: string[];
}
const upstream = (kind: "students" | "sections" | "teachers") => (bed.sandbox.store.list(kind) as unknown as (GeneratedRecord & { district?: string })[]).filter((r) => r.district === DISTRICT);

/** Clever stops sharing these records; what they were, to share them again. */
async function unshare(kind: "students" | "sections" | "teachers", ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  const saved = new Map<string, Record<string, unknown>>();
  for (const id of ids) {
    saved.set(id, (await bed.clever.getData(kind, id)).data as Record<string, unknown>);
    await bed.clever.deleteData(kind, id);
  }
  return saved;
}
async function reshare(kind: "students" | "sections" | "teachers", saved: Map<string, Record<string, unknown>>, ids = [...saved.keys()]): Promise<void> {
  for (const id of ids) await bed.clever.putData(kind, id, saved.get(id) as never);
}

async function active() {
  const [students, teachers, sections, enrollments] = await Promise.all([
    db().user.count({ where: { districtId: DISTRICT, roles: { has: "student" }, archivedAt: null } }),
    db().user.count({ where: { districtId: DISTRICT, roles: { has: "teacher" }, archivedAt: null } }),
    db().section.count({ where: { districtId: DISTRICT, archivedAt: null } }),
    db().enrollment.count({ where: { archivedAt: null, section: { districtId: DISTRICT } } }),
  ]);
  return { students, teachers, sections, enrollments };
}
const state = () => db().districtSync.findUniqueOrThrow({ where: { districtId: DISTRICT } });
const studentIds = () => upstream("students").map((s) => s.id).sort();
/** The district's administrator, signed in as one. */
async function districtAdmin() {
  const [admin] = bed.sandbox.store.list("district_admins").filter((r) => (r as { district?: string }).district === DISTRICT);
  return db().user.update({ where: { cleverId: admin?.id ?? "" }, data: { role: "district_admin" } });
}

describe("a full sync that would archive an unusual share", () => {
  test("[SS-R6] [ROLL-05] is held: 40 of 140 students (29%) and 10 of 36 classes gone at once: none of them is archived; the hold's counts and reference are on the district's status and in the log", async () => {
    await fullSync();
    const before = await active();
    const gone = studentIds().slice(0, 40);
    await unshare("students", gone);
    const goneSections = upstream("sections").slice(0, 10).map((s) => s.id);
    await unshare("sections", goneSections);
    const goneSectionsEnrolled = await db().enrollment.count({ where: { archivedAt: null, sectionId: { in: goneSections } } });
    const goneTeachers = upstream("teachers").slice(0, 2).map((t) => t.id);
    await unshare("teachers", goneTeachers);
    // The classes Clever still lists no longer name them either.
    const listedOnly = { archivedAt: null, sectionId: { notIn: goneSections }, section: { districtId: DISTRICT } };
    const enrollmentsGone = await db().enrollment.count({ where: { ...listedOnly, student: { cleverId: { in: gone } } } });
    const linksGone = await db().sectionTeacher.count({ where: { ...listedOnly, teacher: { cleverId: { in: goneTeachers } } } });
    const links = await db().sectionTeacher.count({ where: { archivedAt: null, section: { districtId: DISTRICT } } });
    expect(enrollmentsGone).toBeGreaterThan(0);
    const student = await db().user.findUniqueOrThrow({ where: { cleverId: gone[0] ?? "" } });
    const session = await createSessionRow(student.id);
    const warned = vi.spyOn(log, "warn");

    const held = await fullSync();
    expect(held).toMatchObject({ status: "done" });
    expect(held.status === "done" ? held.held : undefined).toMatch(/^HOLD-[0-9A-Z]+$/);
    // None of them archived: every student, teacher and class is as it was,
    // every class keeps its students and teachers (the gone ones and those
    // Clever still lists without them), and her session lives.
    expect(await active()).toEqual(before);
    expect(await db().enrollment.count({ where: { archivedAt: null, sectionId: { in: goneSections } } })).toBe(goneSectionsEnrolled);
    expect(await db().sectionTeacher.count({ where: { archivedAt: null, section: { districtId: DISTRICT } } })).toBe(links);
    expect(await lookUpSession(session.sessionToken)).toMatchObject({ user: { id: student.id } });

    const row = await state();
    expect(row).toMatchObject({ fullStep: null, holdRef: held.status === "done" ? held.held : "" });
    expect(row.heldAt).not.toBeNull();
    expect(row.lastFullSyncAt).not.toBeNull();
    const [status] = await districtRosterStatus(db(), [DISTRICT]);
    expect(status?.hold).toEqual({
      at: row.heldAt,
      reference: row.holdRef,
      counts: {
        percent: 20,
        total: 52 + enrollmentsGone + linksGone,
        kinds: {
          students: { archive: 40, active: 140 },
          sections: { archive: 10, active: 36 },
          teachers: { archive: 2, active: 14 },
          enrollments: { archive: enrollmentsGone, active: before.enrollments },
          ...(linksGone > 0 ? { section_teachers: { archive: linksGone, active: links } } : {}),
        },
      },
    });
    expect(warned).toHaveBeenCalledWith(expect.objectContaining({ reference: row.holdRef, districtId: DISTRICT, students: "40/140" }), expect.stringContaining("held"));

    // The district admin's dashboard says it, with the counts, and offers to apply it.
    const admin = await districtAdmin();
    expect(await districtSyncStatus(admin)).toMatchObject({
      state: "ok",
      held: {
        reference: row.holdRef,
        canApply: true,
        percent: 20,
        parts: [
          "40 of 140 students (29%)",
          "2 of 14 teachers (14%)",
          "10 of 36 classes (28%)",
          `${enrollmentsGone} of ${before.enrollments} students' places in classes (${Math.round((enrollmentsGone * 100) / before.enrollments)}%)`,
          ...(linksGone > 0 ? [`${linksGone} of ${links} teachers' places in classes (${Math.round((linksGone * 100) / links)}%)`] : []),
        ],
      },
    });
  });

  test("[SS-R6] under the share it is applied as the sweeps always were: 20 of 140 students (14%) lose their role and are archived, their enrollments too, and their sessions end", async () => {
    await fullSync();
    const gone = studentIds().slice(0, 20);
    const student = await db().user.findUniqueOrThrow({ where: { cleverId: gone[0] ?? "" } });
    const session = await createSessionRow(student.id);
    await unshare("students", gone);
    const [section] = upstream("sections");
    await unshare("sections", [section?.id ?? ""]);

    const synced = await fullSync();
    expect(synced).toMatchObject({ status: "done" });
    expect(synced.status === "done" ? synced.held : "none").toBeUndefined();
    expect(synced.counts.archived).toBeGreaterThanOrEqual(21);
    const archived = await db().user.findMany({ where: { cleverId: { in: gone } } });
    expect(archived.every((u) => u.archivedAt !== null && u.roles.length === 0)).toBe(true);
    expect(await db().enrollment.count({ where: { archivedAt: null, student: { cleverId: { in: gone } } } })).toBe(0);
    expect((await db().section.findUniqueOrThrow({ where: { id: section?.id ?? "" }, include: { enrollments: true } })).enrollments.every((e) => e.archivedAt !== null)).toBe(true);
    expect(await lookUpSession(session.sessionToken)).toEqual({ ended: "archived" });
    expect(await state()).toMatchObject({ holdRef: null, heldAt: null });
    expect(await db().archiveCandidate.count({ where: { districtId: DISTRICT } })).toBe(0);
  });

  test("[SS-R6] a small district is not held for a family moving: fewer than ten of a kind apply, whatever their share", async () => {
    await fullSync();
    // Nine teachers of fourteen (64%): under the minimum count.
    const gone = upstream("teachers").slice(0, 9).map((t) => t.id);
    await unshare("teachers", gone);
    const synced = await fullSync();
    expect(synced.status === "done" ? synced.held : "none").toBeUndefined();
    expect(await db().user.count({ where: { cleverId: { in: gone }, roles: { has: "teacher" } } })).toBe(0);
  });
});

describe("what a page does not list, and a later page does", () => {
  test("[SS-R8] a district moving from v2.1 to v3.1, a few teachers a page: a row left unlisted under its v2 ID and found on a later page through it keeps its role", async () => {
    const d = await deps({ districtPageLimit: 4 });
    await runFullSync(d, DISTRICT, { ...forever(), holdPercent: 20 });
    const teachers = await db().user.count({ where: { districtId: DISTRICT, roles: { has: "teacher" }, archivedAt: null } });
    const v3 = await runFullSync({ ...d, apiVersion: "v3.1" }, DISTRICT, { ...forever(), holdPercent: 20 });
    expect(v3.status === "done" ? v3.held : "none").toBeUndefined();
    expect(await db().user.count({ where: { districtId: DISTRICT, roles: { has: "teacher" }, archivedAt: null } })).toBe(teachers);
    expect(await db().archiveCandidate.count({ where: { districtId: DISTRICT } })).toBe(0);
  });
});

describe("a held full sync", () => {
  async function heldSync(): Promise<{ reference: string; gone: string[]; saved: Map<string, Record<string, unknown>> }> {
    await fullSync();
    const gone = studentIds().slice(0, 40);
    const saved = await unshare("students", gone);
    const held = await fullSync();
    if (held.status !== "done" || !held.held) throw new Error("the sync was not held");
    return { reference: held.held, gone, saved };
  }

  test("[SS-R6] [ROLL-05] is applied by its district admin once, however often they click; a school admin, a teacher or another hold's reference applies nothing", async () => {
    const { reference, gone } = await heldSync();
    const admin = await districtAdmin();
    const teacher = await db().user.findFirstOrThrow({ where: { districtId: DISTRICT, roles: { has: "teacher" } } });
    const schoolAdmin = { ...teacher, role: "school_admin" as const, roles: ["school_admin" as const], administeredSchoolIds: [teacher.schoolId ?? ""] };
    expect(await applyHeldSync(teacher, reference)).toEqual({ status: "not_allowed" });
    expect(await applyHeldSync(schoolAdmin, reference)).toEqual({ status: "not_allowed" });
    expect(await applyHeldSync(admin, "HOLD-NOTTHEONE")).toEqual({ status: "other_hold" });
    expect(await db().user.count({ where: { cleverId: { in: gone }, archivedAt: null } })).toBe(40);
    // Held, they are still in their classes (those Clever lists without them too).
    expect(await db().enrollment.count({ where: { archivedAt: null, student: { cleverId: { in: gone } } } })).toBeGreaterThan(0);

    // A double click: both arrive; one applies.
    const outcomes = await Promise.all([applyHeldSync(admin, reference), applyHeldSync(admin, reference)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["applied", "not_held"]);
    expect(await db().user.count({ where: { cleverId: { in: gone }, archivedAt: null } })).toBe(0);
    expect(await db().enrollment.count({ where: { archivedAt: null, student: { cleverId: { in: gone } } } })).toBe(0);
    expect(await active()).toMatchObject({ students: 100 });
    expect(await state()).toMatchObject({ holdRef: null, heldAt: null, holdCounts: null });
    expect(await districtSyncStatus(admin)).toMatchObject({ held: null });
    expect(await applyHeldSync(admin, reference)).toEqual({ status: "not_held" });
  });

  test("[SS-R6] [ROLL-05] an operator releases it: `npm run roster -- status` shows it with its counts, `release` applies it", async () => {
    const { reference, gone } = await heldSync();
    const cli = (...args: string[]) => {
      const root = path.resolve(import.meta.dirname, "../../..");
      return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/roster.ts", ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "", LOG_LEVEL: "silent" },
        encoding: "utf8",
      });
    };
    const status = cli("status");
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`HELD since`);
    expect(status.stdout).toContain(`reference ${reference}`);
    expect(status.stdout).toContain("students 40 of 140");
    expect(status.stdout).toContain(`npm run roster -- release ${DISTRICT}`);

    const released = cli("release", DISTRICT);
    expect(released.status).toBe(0);
    expect(released.stdout).toContain(`Applied the held full sync of district ${DISTRICT} (reference ${reference})`);
    expect(await db().user.count({ where: { cleverId: { in: gone }, archivedAt: null } })).toBe(0);
    const again = cli("release", DISTRICT);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("has no held full sync");
  });

  test("[SS-R6] [SS-R7] events go on during a hold, and its release does not undo them: a student shared again stays, one Clever removes is archived at once", async () => {
    const { reference, gone, saved } = await heldSync();
    const [back, alsoBack] = gone;
    // Clever shares two of them again (one changed, one exactly as before), and removes another student outright.
    await bed.clever.putData("students", back ?? "", { ...(saved.get(back ?? "") as object), name: { first: "Returned", last: "Student" } } as never);
    await reshare("students", saved, [alsoBack ?? ""]);
    const removed = studentIds().find((id) => !gone.includes(id)) ?? "";
    await bed.clever.deleteData("students", removed);
    expect(await pollEvents(await deps(), DISTRICT, forever())).toMatchObject({ status: "done" });
    expect((await db().user.findUniqueOrThrow({ where: { cleverId: removed } })).archivedAt).not.toBeNull();
    expect((await db().user.findUniqueOrThrow({ where: { cleverId: back ?? "" } })).firstName).toBe("Returned");

    expect(await releaseHold(db(), DISTRICT, { reference, by: "test" })).toMatchObject({ status: "released" });
    const stays = await db().user.findMany({ where: { cleverId: { in: [back ?? "", alsoBack ?? ""] } } });
    expect(stays.map((u) => [u.archivedAt, u.roles])).toEqual([
      [null, ["student"]],
      [null, ["student"]],
    ]);
    expect(await db().user.count({ where: { cleverId: { in: gone.slice(2) }, archivedAt: null } })).toBe(0);
  });

  test("[SS-R6] a class an event rewrites during a hold has the students that event lists: its held places are forgotten, the release leaves them alone", async () => {
    const { reference, gone, saved } = await heldSync();
    const [student] = gone;
    const enrolled = await db().enrollment.findFirstOrThrow({ where: { archivedAt: null, student: { cleverId: student ?? "" } } });
    const candidate = { districtId: DISTRICT, kind: "enrollments", id: { startsWith: `${enrolled.sectionId} ` } };
    expect(await db().archiveCandidate.count({ where: candidate })).toBeGreaterThan(0);
    // Clever shares her again and lists her in that class again (an event).
    await reshare("students", saved, [student ?? ""]);
    const section = (await bed.clever.getData("sections", enrolled.sectionId)).data as { students: string[] };
    await bed.clever.putData("sections", enrolled.sectionId, { ...section, students: [...section.students, student ?? ""] } as never);
    expect(await pollEvents(await deps(), DISTRICT, forever())).toMatchObject({ status: "done" });
    expect(await db().archiveCandidate.count({ where: candidate })).toBe(0);

    expect(await releaseHold(db(), DISTRICT, { reference, by: "test" })).toMatchObject({ status: "released" });
    expect((await db().enrollment.findUniqueOrThrow({ where: { sectionId_studentId: { sectionId: enrolled.sectionId, studentId: enrolled.studentId } } })).archivedAt).toBeNull();
  });

  test("[SS-R6] [ROLL-05] the next full sync starts afresh: still over, held again under a new reference with the same counts; back under, applied and the hold cleared", async () => {
    const { reference, gone, saved } = await heldSync();
    const again = await fullSync();
    expect(again.status === "done" ? again.held : undefined).toMatch(/^HOLD-/);
    expect(again.status === "done" ? again.held : undefined).not.toBe(reference);
    expect(await db().archiveCandidate.count({ where: { districtId: DISTRICT, kind: "students" } })).toBe(40);
    // Their places in the classes Clever lists without them, held with them.
    const places = await db().enrollment.count({ where: { archivedAt: null, student: { cleverId: { in: gone } } } });
    expect(places).toBeGreaterThan(0);
    expect(await db().archiveCandidate.count({ where: { districtId: DISTRICT, kind: "enrollments" } })).toBe(places);
    const [status] = await districtRosterStatus(db(), [DISTRICT]);
    expect(status?.hold?.counts.kinds).toMatchObject({ students: { archive: 40, active: 140 }, enrollments: { archive: places } });
    expect(Object.keys(status?.hold?.counts.kinds ?? {}).sort()).toEqual(["enrollments", "students"]);

    // The district fixes its SIS: all but five come back.
    await reshare("students", saved, gone.slice(5));
    const fixed = await fullSync();
    expect(fixed.status === "done" ? fixed.held : "none").toBeUndefined();
    expect(await db().user.count({ where: { cleverId: { in: gone.slice(0, 5) }, archivedAt: null } })).toBe(0);
    expect(await db().user.count({ where: { cleverId: { in: gone.slice(5) }, archivedAt: null } })).toBe(35);
    expect(await state()).toMatchObject({ holdRef: null, heldAt: null });
    expect((await districtRosterStatus(db(), [DISTRICT]))[0]?.hold).toBeNull();
  });
});
