// The district roster sync against the in-process local Clever (strict) with
// a small generated district, paged small so every kind takes several pages,
// and a real PostgreSQL: a full sync from empty and again with no change, a
// crash halfway resumed, records gone and back, both API versions, and the
// Events feed (changes, twice, unknown records, a missed window, a gone cursor).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { generatedDistrictId } from "@/sandbox/generated-district";
import type { SyncDeps } from "@/lib/clever/deps";
import { districtTestbed, dumpRoster, testDeps } from "@/tests/support/sync-testbed";
import { pollEvents } from "./events";
import { runFullSync } from "./full-sync";
import { adminRoleOf } from "@/lib/people/roles";
import { districtRosterStatus } from "./status";
import { rowsWritten, writeRecords } from "./write";
import { createCleverClient } from "@/lib/clever/client";
import type { CleverSection } from "@/lib/clever/schemas";
import { fetchDistrictToken } from "@/lib/people/tokens";
import { applySnapshot } from "@/lib/roster/sync/apply";
import { fetchSnapshot } from "@/lib/roster/sync/fetch";
import { noRows } from "./write";
import { deleteUser } from "@/lib/people/delete-user";

const SIZE = { students: 140, teachers: 14, sections: 36, schools: 3, seed: 7 };
const DISTRICT = generatedDistrictId(SIZE.seed);
const forever = () => ({ until: Date.now() + 120_000 });

const bed = districtTestbed({ beforeAll, afterAll, beforeEach }, SIZE);

const deps = async (overrides: Partial<SyncDeps> = {}) => testDeps(bed.sandbox, bed.counting.db, { districtPageLimit: 25, ...overrides });
const db = () => bed.counting.db;

interface GeneratedRecord {
  id: string;
  students?: string[];
  teachers?: string[];
  name?: unknown;
}
/** What the local Clever holds for the district now. */
function upstream(kind: "students" | "sections" | "teachers"): GeneratedRecord[] {
  return bed.sandbox.store.list(kind).filter((r) => r.district === DISTRICT) as GeneratedRecord[];
}

async function rosterCounts() {
  const [students, teachers, sections, enrollments, links, schools] = await Promise.all([
    db().user.count({ where: { districtId: DISTRICT, roles: { has: "student" }, archivedAt: null } }),
    db().user.count({ where: { districtId: DISTRICT, roles: { has: "teacher" }, archivedAt: null } }),
    db().section.count({ where: { districtId: DISTRICT, archivedAt: null } }),
    db().enrollment.count({ where: { archivedAt: null, section: { districtId: DISTRICT } } }),
    db().sectionTeacher.count({ where: { archivedAt: null, section: { districtId: DISTRICT } } }),
    db().school.count({ where: { districtId: DISTRICT, archivedAt: null } }),
  ]);
  return { students, teachers, sections, enrollments, links, schools };
}

function expectedCounts() {
  const sections = upstream("sections");
  return {
    students: upstream("students").length,
    teachers: upstream("teachers").length,
    sections: sections.length,
    enrollments: sections.reduce((n, s) => n + new Set(s.students ?? []).size, 0),
    links: sections.reduce((n, s) => n + new Set(s.teachers ?? []).size, 0),
    schools: SIZE.schools,
  };
}

describe.each(["v2.1", "v3.1"] as const)("full district sync on %s", (apiVersion) => {
  test(`[district-rostering] ${apiVersion}: the whole district from empty, page by page; again with no change writes no row`, async () => {
    const first = await runFullSync(await deps({ apiVersion }), DISTRICT, forever());
    expect(first.status).toBe("done");
    expect(first.pages).toBeGreaterThan(10);
    expect(await rosterCounts()).toEqual(expectedCounts());
    const state = await db().districtSync.findUniqueOrThrow({ where: { districtId: DISTRICT } });
    expect(state).toMatchObject({ fullStep: null, fullCursor: null, errorRef: null, fullSyncReason: "first" });
    expect(state.lastFullSyncAt).not.toBeNull();

    const before = await dumpRoster(db());
    const second = await runFullSync(await deps({ apiVersion }), DISTRICT, forever());
    expect(second.status).toBe("done");
    expect(rowsWritten(second.counts)).toBe(0);
    expect((await db().districtSync.findUniqueOrThrow({ where: { districtId: DISTRICT } })).fullSyncReason).toBe("daily");
    expect(await dumpRoster(db())).toEqual(before);
  });
});

describe("full district sync", () => {
  test("[district-rostering] a crash halfway is resumed from the last page: no duplicate, no lost row", async () => {
    // The fourth page of students fails past every retry: the sync stops there.
    const studentIds = upstream("students").map((s) => s.id).sort();
    await bed.clever.addFault({ path: `^/v2\\.0/students\\?.*starting_after=${studentIds[74]}`, status: 500 });
    await expect(runFullSync(await deps({ retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } }), DISTRICT, forever())).rejects.toThrow();
    const stopped = await db().districtSync.findUniqueOrThrow({ where: { districtId: DISTRICT } });
    expect(stopped).toMatchObject({ fullStep: "students", fullCursor: studentIds[74], errorCode: "server_error" });
    expect(stopped.errorRef).toMatch(/^ERR-/);
    expect(await db().user.count({ where: { districtId: DISTRICT, roles: { has: "student" } } })).toBe(75);

    await bed.clever.clearFaults();
    const resumed = await runFullSync(await deps(), DISTRICT, forever());
    expect(resumed.status).toBe("done");
    expect(await rosterCounts()).toEqual(expectedCounts());
    expect((await db().districtSync.findUniqueOrThrow({ where: { districtId: DISTRICT } })).errorRef).toBeNull();
  });

  test("[district-rostering] a district rostered on v2.1, then on v3.1: each teacher's row is found by the v2 ID their v3 record names, and moves to the v3 ID; back on v2.1, found by that legacy ID", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const v2Teachers = await db().user.findMany({ where: { districtId: DISTRICT, roles: { has: "teacher" } }, select: { id: true, cleverId: true } });
    const links = await db().sectionTeacher.count({ where: { archivedAt: null, section: { districtId: DISTRICT } } });
    await db().districtSync.deleteMany({ where: { districtId: DISTRICT } });

    expect((await runFullSync(await deps({ apiVersion: "v3.1" }), DISTRICT, forever())).status).toBe("done");
    const v3Teachers = await db().user.findMany({ where: { districtId: DISTRICT, roles: { has: "teacher" } }, select: { id: true, cleverId: true, cleverLegacyIds: true } });
    expect(v3Teachers.map((t) => t.id).sort()).toEqual(v2Teachers.map((t) => t.id).sort());
    for (const teacher of v3Teachers) {
      const before = v2Teachers.find((t) => t.id === teacher.id);
      expect(teacher.cleverId).not.toBe(before?.cleverId);
      expect(teacher.cleverLegacyIds).toContain(before?.cleverId);
    }
    expect(await db().sectionTeacher.count({ where: { archivedAt: null, section: { districtId: DISTRICT } } })).toBe(links);

    // Back on v2.1 (a deployment switched back): records name the v2 IDs, which rows now keep as legacy IDs.
    await db().districtSync.deleteMany({ where: { districtId: DISTRICT } });
    expect((await runFullSync(await deps(), DISTRICT, forever())).status).toBe("done");
    const again = await db().user.findMany({ where: { districtId: DISTRICT, roles: { has: "teacher" } }, select: { id: true } });
    expect(again.map((t) => t.id).sort()).toEqual(v2Teachers.map((t) => t.id).sort());
    expect(await db().sectionTeacher.count({ where: { archivedAt: null, section: { districtId: DISTRICT } } })).toBe(links);
    expect(await rosterCounts()).toEqual(expectedCounts());
  });

  test("[district-rostering] a slice ends between pages and the next one goes on; a second worker cannot write the same page", async () => {
    const paused = await runFullSync(await deps(), DISTRICT, { until: Date.now() });
    expect(paused.status).toBe("paused");
    // Two workers resume at once: each page is written by one of them.
    const [a, b] = await Promise.all([runFullSync(await deps(), DISTRICT, forever()), runFullSync(await deps(), DISTRICT, forever())]);
    expect([a.status, b.status].sort()).toEqual(["done", "taken_over"]);
    expect(await rosterCounts()).toEqual(expectedCounts());
  });

  test("[district-rostering] a student and a section Clever stops sharing are archived, never deleted, and restored when they come back", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const [section] = upstream("sections");
    const studentId = section?.students?.[0] ?? "";
    const savedSection = (await bed.clever.getData("sections", section?.id ?? "")).data;
    const savedStudent = (await bed.clever.getData("students", studentId)).data;
    await bed.clever.deleteData("sections", section?.id ?? "");
    await bed.clever.deleteData("students", studentId);
    await runFullSync(await deps(), DISTRICT, forever());
    const student = await db().user.findUniqueOrThrow({ where: { cleverId: studentId } });
    expect(student.archivedAt).not.toBeNull();
    expect(student.roles).toEqual([]);
    const archived = await db().section.findUniqueOrThrow({ where: { id: section?.id ?? "" }, include: { enrollments: true } });
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.enrollments.every((e) => e.archivedAt !== null)).toBe(true);

    await bed.clever.putData("students", studentId, savedStudent);
    await bed.clever.putData("sections", section?.id ?? "", savedSection);
    const back = await runFullSync(await deps(), DISTRICT, forever());
    expect(back.counts.restored).toBeGreaterThan(0);
    expect(await rosterCounts()).toEqual(expectedCounts());
    expect((await db().user.findUniqueOrThrow({ where: { cleverId: studentId } })).archivedAt).toBeNull();
  });

  test("[LIG-M7] a student deleted on request is not created again by the next full sync, though the district still shares her", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const studentId = upstream("sections")[0]?.students?.[0] ?? "";
    const student = await db().user.findUniqueOrThrow({ where: { cleverId: studentId } });
    await deleteUser(db(), student.id);
    await runFullSync(await deps(), DISTRICT, forever());
    expect(await db().user.count({ where: { cleverId: studentId } })).toBe(0);
    expect(await db().enrollment.count({ where: { student: { cleverId: studentId } } })).toBe(0);
  });
});

describe("events", () => {
  test("[district-rostering] a district admin Clever stops listing loses the admin view: the role goes from the list and from the role signed in as", async () => {
    const [admin] = bed.sandbox.store.list("district_admins").filter((r) => r.district === DISTRICT);
    const [teacher] = upstream("teachers");
    await runFullSync(await deps(), DISTRICT, forever());
    // She signed in as the district admin; a teacher the app was told (wrongly, or long ago) administers the district.
    await db().user.update({ where: { cleverId: admin?.id ?? "" }, data: { role: "district_admin" } });
    await db().user.update({ where: { cleverId: teacher?.id ?? "" }, data: { role: "district_admin", roles: ["district_admin", "teacher"] } });
    await bed.clever.deleteData("district_admins", admin?.id ?? "");
    await runFullSync(await deps(), DISTRICT, forever());
    const gone = await db().user.findUniqueOrThrow({ where: { cleverId: admin?.id ?? "" } });
    expect(gone).toMatchObject({ role: null, roles: [] });
    expect(gone.archivedAt).not.toBeNull();
    const stays = await db().user.findUniqueOrThrow({ where: { cleverId: teacher?.id ?? "" } });
    expect(stays).toMatchObject({ role: "teacher", roles: ["teacher"], archivedAt: null });
    expect([gone, stays].map(adminRoleOf)).toEqual([null, null]);
  });

  test("[security] [district-rostering] a district writes only its own: a Clever ID its roster names that another district holds is neither moved, nor given a role, nor linked to its classes", async () => {
    const [teacher] = upstream("teachers");
    const [section] = upstream("sections");
    const other = "0therd15tr1c70000000000a";
    await db().district.create({ data: { id: other, name: "Another District" } });
    const foreignUser = await db().user.create({ data: { cleverId: teacher?.id ?? "", role: "teacher", roles: ["teacher"], authorizedBy: "district", districtId: other, firstName: "Not", lastName: "Yours" } });
    await db().section.create({ data: { id: section?.id ?? "", name: "Another district's class", districtId: other } });
    expect(await runFullSync(await deps(), DISTRICT, forever())).toMatchObject({ status: "done" });
    expect(await db().user.findUniqueOrThrow({ where: { id: foreignUser.id } })).toMatchObject({ districtId: other, roles: ["teacher"], firstName: "Not", archivedAt: null });
    expect(await db().section.findUniqueOrThrow({ where: { id: section?.id ?? "" } })).toMatchObject({ districtId: other, name: "Another district's class" });
    expect(await db().sectionTeacher.count({ where: { teacherId: foreignUser.id } })).toBe(0);
    expect(await db().enrollment.count({ where: { sectionId: section?.id ?? "" } })).toBe(0);
  });

  test("[district-rostering] after a full sync, a rename, a transfer and a removed section arrive through events; applied twice, nothing changes", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const cursor = (await db().districtSync.findUniqueOrThrow({ where: { districtId: DISTRICT } })).eventCursor;
    const [from, to, gone] = [...upstream("sections")].sort((a, b) => (a.id < b.id ? -1 : 1));
    const moving = from?.students?.[0] ?? "";
    const student = (await bed.clever.getData("students", moving)).data;
    await bed.clever.putData("students", moving, { ...student, name: { first: "Zoë", last: "Ñúñez" } });
    await bed.clever.putData("sections", from?.id ?? "", { ...(await bed.clever.getData("sections", from?.id ?? "")).data, students: (from?.students ?? []).filter((id) => id !== moving) });
    await bed.clever.putData("sections", to?.id ?? "", { ...(await bed.clever.getData("sections", to?.id ?? "")).data, students: [...(to?.students ?? []), moving] });
    await bed.clever.deleteData("sections", gone?.id ?? "");

    const polled = await pollEvents(await deps(), DISTRICT, forever());
    expect(polled).toMatchObject({ status: "done" });
    expect(polled.applied).toBeGreaterThanOrEqual(4);
    const row = await db().user.findUniqueOrThrow({ where: { cleverId: moving }, include: { enrollments: { where: { archivedAt: null } } } });
    expect(row).toMatchObject({ firstName: "Zoë", lastName: "Ñúñez" });
    expect(row.enrollments.map((e) => e.sectionId)).toContain(to?.id);
    expect(row.enrollments.map((e) => e.sectionId)).not.toContain(from?.id);
    expect((await db().section.findUniqueOrThrow({ where: { id: gone?.id ?? "" } })).archivedAt).not.toBeNull();
    expect(await rosterCounts()).toEqual(expectedCounts());

    // The same events again (a crash before the cursor was saved): the same rows.
    const after = await dumpRoster(db());
    await db().districtSync.update({ where: { districtId: DISTRICT }, data: { eventCursor: cursor } });
    const again = await pollEvents(await deps(), DISTRICT, forever());
    expect(rowsWritten(again.counts)).toBe(0);
    expect(await dumpRoster(db())).toEqual(after);
  });

  test("[district-rostering] a grade, subject or district state outside Clever's lists keeps its record and its page: display-only values become neutral", async () => {
    // Written into the local Clever's store directly: its control API refuses what Clever's definitions do.
    const [student] = upstream("students");
    const [section] = upstream("sections");
    bed.sandbox.store.upsert("students", { ...(bed.sandbox.store.get("students", student?.id ?? "") ?? { id: "" }), grade: "Grade 5" });
    bed.sandbox.store.upsert("sections", { ...(bed.sandbox.store.get("sections", section?.id ?? "") ?? { id: "" }), subject: "Robotics", grade: "Year 7" });
    bed.sandbox.store.upsert("districts", { ...(bed.sandbox.store.get("districts", DISTRICT) ?? { id: DISTRICT }), state: "syncing" });
    expect(await runFullSync(await deps(), DISTRICT, forever())).toMatchObject({ status: "done" });
    expect(await db().user.findUniqueOrThrow({ where: { cleverId: student?.id ?? "" } })).toMatchObject({ grade: "Other" });
    expect(await db().section.findUniqueOrThrow({ where: { id: section?.id ?? "" } })).toMatchObject({ subject: "other", grade: "Other", archivedAt: null });
    expect(await rosterCounts()).toMatchObject({ students: SIZE.students, sections: SIZE.sections });
  });

  test("[district-rostering] a section event naming a student the app does not have reads that student from the Data API", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const [section] = upstream("sections");
    const newcomer = "5e1ec7ab1e00000000000d01";
    await bed.clever.putData("students", newcomer, { id: newcomer, district: DISTRICT, school: (await bed.clever.getData("sections", section?.id ?? "")).data.school, name: { first: "Noor", last: "الحسن" }, grade: "5" });
    // Her own event is applied, then her row is lost: only the section's event names her now.
    expect(await pollEvents(await deps(), DISTRICT, forever())).toMatchObject({ status: "done" });
    await db().user.deleteMany({ where: { cleverId: newcomer } });
    await bed.clever.putData("sections", section?.id ?? "", { ...(await bed.clever.getData("sections", section?.id ?? "")).data, students: [...(section?.students ?? []), newcomer] });
    const polled = await pollEvents(await deps(), DISTRICT, forever());
    expect(polled.status).toBe("done");
    const noor = await db().user.findUniqueOrThrow({ where: { cleverId: newcomer }, include: { enrollments: true } });
    expect(noor).toMatchObject({ firstName: "Noor", lastName: "الحسن" });
    expect(noor.enrollments.map((e) => e.sectionId)).toEqual([section?.id]);
  });

  test("[district-rostering] a missed 30-day window, or a cursor Clever no longer has, asks for a full sync", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
    expect(await pollEvents(await deps({ now: () => later }), DISTRICT, forever())).toMatchObject({ status: "full_sync_needed" });
    const [section] = upstream("sections");
    await bed.clever.putData("sections", section?.id ?? "", { ...(await bed.clever.getData("sections", section?.id ?? "")).data, name: "Renamed" });
    await expect(pollEvents(await deps(), DISTRICT, forever())).resolves.toMatchObject({ status: "done" });
    await bed.clever.expireEvents();
    expect(await pollEvents(await deps(), DISTRICT, forever())).toMatchObject({ status: "full_sync_needed", reason: "events_gone" });
  });

  // Recorded from Clever: a cursor 43 days old came back 200, from the oldest
  // event still kept. Whichever way Clever answers, nothing is lost silently.
  for (const goneCursor of ["resume", "not_found"] as const) {
    test(`[district-rostering] a cursor whose event is gone asks for a full sync, though Clever ${goneCursor === "resume" ? "answers the page 200" : "answers 404"} and newer events exist`, async () => {
      await bed.clever.setEventSettings({ goneCursor });
      await runFullSync(await deps(), DISTRICT, forever());
      const [first, second] = upstream("sections");
      await bed.clever.putData("sections", first?.id ?? "", { ...(await bed.clever.getData("sections", first?.id ?? "")).data, name: "Renamed once" });
      await expect(pollEvents(await deps(), DISTRICT, forever())).resolves.toMatchObject({ status: "done" });
      // The cursor's event leaves the window; a change made meanwhile is gone with it, and a newer one is kept.
      await bed.clever.expireEvents();
      await bed.clever.putData("sections", second?.id ?? "", { ...(await bed.clever.getData("sections", second?.id ?? "")).data, name: "Renamed later" });
      const needed = await pollEvents(await deps(), DISTRICT, forever());
      expect(needed).toMatchObject({ status: "full_sync_needed", reason: "events_gone" });
      expect((await db().section.findUniqueOrThrow({ where: { id: second?.id ?? "" } })).name).not.toBe("Renamed later");
      // The full sync it asks for brings the change, and the district's status says why it ran.
      await runFullSync(await deps(), DISTRICT, { ...forever(), reason: needed.status === "full_sync_needed" ? needed.reason : undefined });
      expect((await db().section.findUniqueOrThrow({ where: { id: second?.id ?? "" } })).name).toBe("Renamed later");
      const [status] = await districtRosterStatus(db(), [DISTRICT]);
      expect(status?.fullSyncReason).toBe("Clever no longer had the changes made since they were last read");
    });
  }
});

describe("two writers of one section", () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
  const enrollmentOf = (sectionId: string, cleverId: string) => db().enrollment.findFirstOrThrow({ where: { sectionId, student: { cleverId } } });

  test("[SS-07] a district page read before another writer's change does not undo it: neither a removal nor an addition", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const [record] = upstream("sections") as unknown as CleverSection[];
    const section = record as CleverSection;
    const [kept, added] = [section.students?.[0] ?? "", upstream("students").find((s) => !section.students?.includes(s.id))?.id ?? ""];
    const readAt = new Date();
    await tick();
    // After the page was read, another writer (a teacher's own sync) saw Clever
    // drop one student and add another.
    const keptRow = await enrollmentOf(section.id, kept);
    await db().enrollment.update({ where: { sectionId_studentId: { sectionId: section.id, studentId: keptRow.studentId } }, data: { archivedAt: new Date() } });
    const addedUser = await db().user.findUniqueOrThrow({ where: { cleverId: added } });
    await db().enrollment.create({ data: { sectionId: section.id, studentId: addedUser.id } });

    // The older page is written now: it changes neither.
    await db().$transaction((tx) => writeRecords({ tx, districtId: DISTRICT, now: new Date(), counts: noRows(), readAt }, "sections", [section], null));
    expect((await enrollmentOf(section.id, kept)).archivedAt).not.toBeNull();
    expect((await enrollmentOf(section.id, added)).archivedAt).toBeNull();

    // A page read after them is newer, and is written as Clever says.
    await tick();
    await db().$transaction((tx) => writeRecords({ tx, districtId: DISTRICT, now: new Date(), counts: noRows(), readAt: new Date() }, "sections", [section], null));
    expect((await enrollmentOf(section.id, kept)).archivedAt).toBeNull();
    expect((await enrollmentOf(section.id, added)).archivedAt).not.toBeNull();
  });

  test("[SS-07] a teacher's sync that read Clever before the district's newer write does not undo it", async () => {
    const d = await deps();
    await runFullSync(d, DISTRICT, forever());
    const [record] = upstream("sections") as unknown as CleverSection[];
    const section = record as CleverSection;
    const teacherCleverId = section.teacher ?? section.teachers?.[0] ?? "";
    const teacher = await db().user.findUniqueOrThrow({ where: { cleverId: teacherCleverId } });
    const newcomer = upstream("students").find((s) => !section.students?.includes(s.id))?.id ?? "";
    // The teacher's sync reads Clever first...
    const snapshotAt = new Date();
    const token = (await fetchDistrictToken(d, DISTRICT)) ?? "";
    const client = createCleverClient({ token, tokenKind: "district", baseUrl: bed.sandbox.url, apiVersion: "v2.1" });
    const snapshot = await fetchSnapshot({ client, cleverId: teacherCleverId, role: "teacher", districtId: DISTRICT, rosterReadable: true, authorizedBy: "district", concurrency: 4 });
    await tick();
    // ...then the district writes a newer page: the newcomer joins the class.
    const newer = { ...section, students: [...(section.students ?? []), newcomer] };
    await db().$transaction((tx) => writeRecords({ tx, districtId: DISTRICT, now: new Date(), counts: noRows(), readAt: new Date() }, "sections", [newer], null));
    expect((await enrollmentOf(section.id, newcomer)).archivedAt).toBeNull();
    // The teacher's older snapshot, written last, leaves the newcomer in.
    await db().$transaction((tx) => applySnapshot(tx, { userId: teacher.id, cleverId: teacherCleverId, authorizedBy: "district", snapshot, now: new Date(), snapshotAt }));
    expect((await enrollmentOf(section.id, newcomer)).archivedAt).toBeNull();
  });
});
