// Who left a class and what the last sync changed in it, against a real
// PostgreSQL: derived from the rows' timestamps and the teacher's sync runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { formerStudents, lastSyncChanges } from "./class-history";

afterAll(() => db.$disconnect());

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++seq}`;
const at = (iso: string) => new Date(iso);

const person = (role: "teacher" | "student", firstName: string, lastName: string) =>
  db.user.create({ data: { cleverId: unique(role), role, roles: [role], firstName, lastName } });

async function world() {
  const teacher = await person("teacher", "Tía", "Núñez");
  const [stays, leftEarlier, leftNow, joined, back] = await Promise.all([
    person("student", "Ana", "Stays"),
    person("student", "Émile", "Earlier"),
    person("student", "Zoë", "Now"),
    person("student", "Jo", "Joined"),
    person("student", "Bea", "Back"),
  ]);
  const [coAdded, coRemoved] = await Promise.all([person("teacher", "Cora", "Added"), person("teacher", "Rex", "Removed")]);
  // Runs: an old one, and the last one from 10:00 to 10:05.
  await db.syncRun.createMany({
    data: [
      { userId: teacher.id, trigger: "login", outcome: "succeeded", startedAt: at("2026-01-01T09:00:00Z"), finishedAt: at("2026-01-01T09:01:00Z") },
      { userId: teacher.id, trigger: "button", outcome: "succeeded", startedAt: at("2026-01-02T10:00:00Z"), finishedAt: at("2026-01-02T10:05:00Z") },
      { userId: teacher.id, trigger: "button", outcome: "failed", startedAt: at("2026-01-03T10:00:00Z"), finishedAt: at("2026-01-03T10:00:01Z") },
    ],
  });
  const old = at("2026-01-01T09:00:30Z");
  const inRun = at("2026-01-02T10:02:00Z");
  const section = await db.section.create({ data: { id: unique("sec"), name: "Math — Año 2", previousName: "Math", renamedAt: inRun, createdAt: old, updatedAt: inRun } });
  const fresh = await db.section.create({ data: { id: unique("sec"), name: "New class", createdAt: inRun, updatedAt: inRun } });
  await db.sectionTeacher.createMany({
    data: [
      { sectionId: section.id, teacherId: teacher.id, isPrimary: true, createdAt: old, updatedAt: old },
      { sectionId: section.id, teacherId: coAdded.id, createdAt: inRun, updatedAt: inRun },
      { sectionId: section.id, teacherId: coRemoved.id, createdAt: old, updatedAt: inRun, archivedAt: inRun },
      { sectionId: fresh.id, teacherId: teacher.id, createdAt: inRun, updatedAt: inRun },
    ],
  });
  await db.enrollment.createMany({
    data: [
      { sectionId: section.id, studentId: stays.id, createdAt: old, updatedAt: old },
      { sectionId: section.id, studentId: leftEarlier.id, createdAt: old, updatedAt: old, archivedAt: at("2026-01-01T09:00:40Z") },
      { sectionId: section.id, studentId: leftNow.id, createdAt: old, updatedAt: inRun, archivedAt: inRun },
      { sectionId: section.id, studentId: joined.id, createdAt: inRun, updatedAt: inRun },
      { sectionId: section.id, studentId: back.id, createdAt: old, updatedAt: inRun },
      { sectionId: fresh.id, studentId: stays.id, createdAt: inRun, updatedAt: inRun },
    ],
  });
  return { teacher, section, fresh };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

describe("formerStudents", () => {
  it("[LIB-R06] [roster-trust] lists only the students Clever no longer lists, most recent first, with the date", async () => {
    const former = await formerStudents(w.section.id);
    expect(former.map((s) => [s.name, s.leftAt.toISOString()])).toEqual([
      ["Zoë Now", "2026-01-02T10:02:00.000Z"],
      ["Émile Earlier", "2026-01-01T09:00:40.000Z"],
    ]);
    expect(await formerStudents(w.fresh.id)).toEqual([]);
  });
});

describe("lastSyncChanges", () => {
  it("[LIB-12] [roster-trust] says what the last successful sync changed in the class", async () => {
    const changes = await lastSyncChanges(w.teacher.id, w.section.id);
    expect(changes.syncedAt?.toISOString()).toBe("2026-01-02T10:05:00.000Z");
    expect(changes.firstSync).toBe(false);
    expect(changes.joined.map((p) => p.name)).toEqual(["Bea Back", "Jo Joined"]);
    expect(changes.left.map((p) => p.name)).toEqual(["Zoë Now"]);
    expect(changes.coTeachersAdded.map((p) => p.name)).toEqual(["Cora Added"]);
    expect(changes.coTeachersRemoved.map((p) => p.name)).toEqual(["Rex Removed"]);
    expect(changes.detailsChanged).toBe(true);
    expect(changes.renamedFrom).toBe("Math");
  });

  it("[LIB-12] [roster-trust] a class that came with the last sync has nothing to compare; a never-synced teacher has no date", async () => {
    const changes = await lastSyncChanges(w.teacher.id, w.fresh.id);
    expect(changes).toMatchObject({ firstSync: true, joined: [], left: [], detailsChanged: false });
    const nobody = await person("teacher", "Never", "Synced");
    expect(await lastSyncChanges(nobody.id, w.section.id)).toMatchObject({ syncedAt: null, joined: [] });
  });
});
