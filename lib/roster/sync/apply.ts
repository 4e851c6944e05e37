// Phase 2 of a sync: compare the Clever snapshot with the database and write
// only the differences, inside the caller's transaction. Nothing upstream is
// ever deleted here: what disappeared is archived, what came back restored.
// SectionChoice rows (the teacher's shown/hidden picks) are only ever created.
//
// Co-teachers sync the same sections concurrently, each from its own Clever
// snapshot, and the district sync writes them too: every writer follows the
// protocol in ./section-locks.ts (section locks, newer rows win), so one never
// undoes another's newer work. When unsure this errs towards keeping the
// other writer's write, the outcome had it written last. A section's archived
// flag follows its teachers: it comes back whenever the sync leaves it an
// active teacher.
import type { CleverStudent, CleverTeacher, CleverTerm, Db } from "@/lib/clever";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Snapshot, sectionTeacherIds } from "./fetch";
import { personFields, schoolFields, sectionFields, termFields, withRename } from "./record-fields";
import { lockSections } from "./section-locks";
import { loadState } from "./state";
import { type Counts, emptyCounts } from "./summary";
import { type PersonRecord, writePeopleIds } from "@/lib/people";

export interface ApplyInput {
  userId: string;
  cleverId: string;
  authorizedBy: "teacher" | "district" | null;
  snapshot: Snapshot;
  now: Date;
  /** When this sync began reading Clever, on the clock Prisma stamps updatedAt
   * with (this process's); rows written after it are left alone. Default: now. */
  snapshotAt?: Date;
}

/** Locks the sections loadState will read: the upstream ones and the user's
 * current ones (section-locks.ts). */
async function lockUserSections(tx: Db, userId: string, sectionIds: string[]): Promise<void> {
  await lockSections(
    tx,
    Prisma.sql`
      SELECT unnest(${sectionIds}::text[]) AS id
      UNION SELECT "sectionId" FROM "SectionTeacher" WHERE "teacherId" = ${userId} AND "archivedAt" IS NULL
      UNION SELECT "sectionId" FROM "Enrollment" WHERE "studentId" = ${userId} AND "archivedAt" IS NULL`,
  );
}

const key = (a: string, b: string) => `${a}\u0000${b}`;

/** Writes the terms of the district's sections (created, updated, restored:
 * Clever still has them); returns the IDs sections may name. A term of a
 * district the app does not hold, or another district's row, is left alone. */
async function writeTerms(tx: Db, terms: CleverTerm[], districtIds: ReadonlySet<string>, counts: Counts): Promise<Set<string>> {
  const mine = terms.filter((t) => typeof t.district === "string" && districtIds.has(t.district));
  const rows = await tx.term.findMany({ where: { id: { in: mine.map((t) => t.id) } }, select: { id: true, districtId: true, name: true, startDate: true, endDate: true, archivedAt: true } });
  const existing = new Map(rows.map((row) => [row.id, row]));
  const usable = new Set<string>();
  const create = [];
  for (const term of mine) {
    const data = termFields(term);
    const row = existing.get(term.id);
    if (!row) {
      create.push({ id: term.id, districtId: term.district as string, ...data });
      usable.add(term.id);
      continue;
    }
    if (row.districtId !== term.district) continue;
    usable.add(term.id);
    const changed = row.name !== data.name || row.startDate !== data.startDate || row.endDate !== data.endDate;
    if (!changed && row.archivedAt === null) continue;
    await tx.term.update({ where: { id: term.id }, data: { ...data, archivedAt: null } });
    if (changed) counts.updated += 1;
    else counts.restored += 1;
  }
  if (create.length > 0) counts.created += (await tx.term.createMany({ data: create, skipDuplicates: true })).count;
  return usable;
}

export async function applySnapshot(tx: Db, input: ApplyInput): Promise<Counts> {
  const { snapshot, now } = input;
  const counts = emptyCounts();
  const isTeacher = snapshot.kind === "teacher";
  const sections = snapshot.rosterKnown ? snapshot.sections : [];
  // In Clever ID order, the user first: the people writer's batch in a stable
  // order (of two records naming one row, the first is written).
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const people: { record: CleverTeacher | CleverStudent; role: "teacher" | "student" }[] = [
    ...[...snapshot.teachers].sort(byId).map((record) => ({ record, role: "teacher" as const })),
    ...[...snapshot.students].sort(byId).map((record) => ({ record, role: "student" as const })),
  ];
  if (snapshot.self && snapshot.kind !== "admin") people.unshift({ record: snapshot.self, role: snapshot.kind });

  // Co-teachers known by ID only: linked to their row (created bare if new;
  // filled in when they sign in), and nothing of theirs is rewritten.
  const readIds = new Set(people.map((p) => p.record.id));
  const idOnlyTeachers = snapshot.rosterKnown ? [...new Set(snapshot.unreadTeacherIds)].filter((id) => !readIds.has(id) && id !== input.cleverId).sort() : [];

  const sectionIds = sections.map((s) => s.id);
  if (snapshot.rosterKnown) await lockUserSections(tx, input.userId, sectionIds);
  const state = await loadState(tx, {
    userId: input.userId,
    sectionIds,
    schoolIds: snapshot.schools.map((s) => s.id),
    districtIds: snapshot.district ? [snapshot.district.id] : [],
  });
  const since = (input.snapshotAt ?? now).getTime();
  const newer = (row: { updatedAt: number }) => row.updatedAt > since;

  // --- district and schools
  const districtIds = new Set(state.districts.map((d) => d.id));
  if (snapshot.district) {
    const name = snapshot.district.name ?? "";
    const existing = state.districts.find((d) => d.id === snapshot.district?.id);
    if (!existing) {
      await tx.district.create({ data: { id: snapshot.district.id, name } });
      districtIds.add(snapshot.district.id);
      counts.created += 1;
    } else if (existing.name !== name) {
      await tx.district.update({ where: { id: existing.id }, data: { name } });
      counts.updated += 1;
    }
  }
  const schoolIds = new Set<string>();
  const newSchools = [];
  for (const school of snapshot.schools) {
    const data = schoolFields(school, districtIds);
    schoolIds.add(school.id);
    const existing = state.schools.find((s) => s.id === school.id);
    if (!existing) newSchools.push({ id: school.id, ...data });
    else if (Object.entries(data).some(([field, value]) => existing[field as keyof typeof data] !== value)) {
      await tx.school.update({ where: { id: school.id }, data });
      counts.updated += 1;
    }
  }
  if (newSchools.length > 0) {
    await tx.school.createMany({ data: newSchools, skipDuplicates: true });
    counts.created += newSchools.length;
  }

  // --- terms (district-app token only): a class shows its term, and a term
  // Clever made again under a new ID (at a rollover) is a new row, the old
  // one staying with last year's classes.
  const termIds = snapshot.terms ? await writeTerms(tx, snapshot.terms, districtIds, counts) : undefined;

  // --- people (self, co-teachers, students), keyed by Clever ID, through the
  // people writer: a row is created once (with the run's sharing), and only
  // what Clever gives is written. An email, district or school Clever does not
  // give (null) leaves the row's; a grade is a student's.
  const wanted: PersonRecord[] = people.map(({ record, role }) => {
    const { email, districtId, schoolId, grade, ...names } = personFields(record, role, schoolIds, districtIds);
    return {
      cleverId: record.id,
      otherIds: typeof record.legacy_id === "string" ? [record.legacy_id] : [],
      role,
      fields: { ...names, email: email ?? undefined, districtId: districtId ?? undefined, schoolId: schoolId ?? undefined, grade },
    };
  });
  // Co-teachers known by ID only: no fields, so nothing of theirs is rewritten.
  for (const cleverId of idOnlyTeachers) wanted.push({ cleverId, role: "teacher" });
  const written = await writePeopleIds(tx, wanted, {
    // Stamped as Prisma stamps a row it writes: this process's clock, now.
    now: new Date(),
    scopeDistrictId: null,
    roles: "keep",
    authorizedBy: { value: input.authorizedBy, on: "create" },
    ids: "keep",
    restore: false,
    digestKind: null,
  });
  counts.created += written.created;
  counts.updated += written.updated;
  const userIdByClever = written.ids;
  userIdByClever.set(input.cleverId, input.userId);
  if (snapshot.administeredSchoolIds) {
    const administered = snapshot.administeredSchoolIds.filter((id) => schoolIds.has(id));
    await tx.user.update({ where: { id: input.userId }, data: { administeredSchoolIds: administered } });
  }
  if (!snapshot.rosterKnown) return counts;

  const existingSections = new Map(state.sections.map((s) => [s.id, s]));
  const upstreamIds = new Set(sections.map((s) => s.id));

  // --- who teaches and who is enrolled (planned first: a section's archived flag follows its teachers)
  const links = new Map(state.links.map((l) => [key(l.sectionId, l.teacherId), l]));
  const enrollments = new Map(state.enrollments.map((e) => [key(e.sectionId, e.studentId), e]));
  const newLinks: { sectionId: string; teacherId: string; isPrimary: boolean }[] = [];
  const restoreLinks: { sectionId: string; teacherId: string; isPrimary: boolean }[] = [];
  const archiveLinks: { sectionId: string; teacherId: string }[] = [];
  const newEnrollments: { sectionId: string; studentId: string }[] = [];
  const restoreEnrollments: { sectionId: string; studentId: string }[] = [];
  const archiveEnrollments: { sectionId: string; studentId: string }[] = [];

  for (const section of sections) {
    const teacherClever = sectionTeacherIds(section);
    if (isTeacher && !teacherClever.includes(input.cleverId)) teacherClever.push(input.cleverId);
    const primary = section.teacher ?? teacherClever[0];
    const desiredTeachers = new Map<string, boolean>();
    for (const id of teacherClever) {
      const userId = userIdByClever.get(id);
      if (userId) desiredTeachers.set(userId, id === primary);
    }
    for (const [teacherId, isPrimary] of desiredTeachers) {
      const link = links.get(key(section.id, teacherId));
      if (link && newer(link)) continue;
      const row = { sectionId: section.id, teacherId, isPrimary };
      if (!link) newLinks.push(row);
      else if (link.archived || link.isPrimary !== isPrimary) restoreLinks.push(row);
      if (teacherId === input.userId) {
        if (!link) counts.classesAdded += 1;
        else if (link.archived) counts.classesRestored += 1;
      } else if (!link || link.archived) counts.teachersAdded += 1;
    }
    for (const link of state.links) {
      if (link.sectionId === section.id && !link.archived && !desiredTeachers.has(link.teacherId) && !newer(link)) {
        archiveLinks.push(link);
        counts.teachersRemoved += 1;
      }
    }

    const desiredStudents = isTeacher
      ? (section.students ?? []).map((id) => userIdByClever.get(id)).filter((id): id is string => id !== undefined)
      : [input.userId];
    const desired = new Set(desiredStudents);
    for (const studentId of desired) {
      const enrollment = enrollments.get(key(section.id, studentId));
      if (enrollment && newer(enrollment)) continue;
      if (!enrollment) newEnrollments.push({ sectionId: section.id, studentId });
      else if (enrollment.archived) restoreEnrollments.push({ sectionId: section.id, studentId });
      else continue;
      if (isTeacher) counts.studentsAdded += 1;
      else if (enrollment) counts.classesRestored += 1;
      else counts.classesAdded += 1;
    }
    if (isTeacher) {
      for (const enrollment of state.enrollments) {
        if (enrollment.sectionId === section.id && !enrollment.archived && !desired.has(enrollment.studentId) && !newer(enrollment)) {
          archiveEnrollments.push(enrollment);
          counts.studentsRemoved += 1;
        }
      }
    }
  }

  /** Whether the section still has an active teacher once this plan is written
   * (the state is current: the section is locked). */
  const hasTeacherAfter = (sectionId: string) =>
    newLinks.some((l) => l.sectionId === sectionId) ||
    restoreLinks.some((l) => l.sectionId === sectionId) ||
    state.links.some((l) => l.sectionId === sectionId && !l.archived && !archiveLinks.some((a) => a.sectionId === sectionId && a.teacherId === l.teacherId));

  // --- what this user no longer has upstream (a district token's snapshot
  // cannot see Library sections: those stay as they are)
  const outOfView = (sectionId: string) => snapshot.byDistrictToken && existingSections.get(sectionId)?.districtId === null;
  const archiveSections: string[] = [];
  if (isTeacher) {
    for (const link of state.links) {
      if (link.teacherId !== input.userId || link.archived || upstreamIds.has(link.sectionId) || newer(link) || outOfView(link.sectionId)) continue;
      archiveLinks.push(link);
      counts.classesArchived += 1;
      const current = existingSections.get(link.sectionId);
      if (!hasTeacherAfter(link.sectionId) && current?.archived === false && !newer(current)) archiveSections.push(link.sectionId);
    }
  } else {
    for (const enrollment of state.enrollments) {
      if (enrollment.studentId !== input.userId || enrollment.archived || upstreamIds.has(enrollment.sectionId) || newer(enrollment) || outOfView(enrollment.sectionId)) continue;
      archiveEnrollments.push(enrollment);
      counts.classesArchived += 1;
    }
  }

  // --- sections: fields from an older snapshot never overwrite a newer write;
  // an archived one comes back when it is not newer or will have a teacher again.
  const createSections = [];
  for (const section of sections) {
    const data = { ...sectionFields(section, schoolIds, districtIds), ...(termIds ? { termId: section.term_id && termIds.has(section.term_id) ? section.term_id : null } : {}) };
    const existing = existingSections.get(section.id);
    if (!existing) {
      createSections.push({ id: section.id, ...data });
      continue;
    }
    const changed = newer(existing)
      ? {}
      : Object.fromEntries(Object.entries(data).filter(([field, value]) => existing[field as keyof typeof data] !== value));
    const dirty = Object.keys(changed).length > 0;
    const restore = existing.archived && (!newer(existing) || hasTeacherAfter(section.id));
    if (dirty || restore) {
      await tx.section.update({ where: { id: section.id }, data: { ...withRename(changed, existing.name, now), ...(restore ? { archivedAt: null } : {}) } });
      if (dirty) counts.updated += 1;
      if (restore) counts.restored += 1;
      if (dirty) counts.classesUpdated += 1;
    }
  }
  if (createSections.length > 0) {
    await tx.section.createMany({ data: createSections, skipDuplicates: true });
    counts.created += createSections.length;
  }

  const pairs = <T extends { sectionId: string }>(rows: T[], other: (row: T) => Record<string, string>) =>
    rows.map((row) => ({ sectionId: row.sectionId, ...other(row) }));
  if (newLinks.length > 0) await tx.sectionTeacher.createMany({ data: newLinks, skipDuplicates: true });
  for (const row of restoreLinks) {
    await tx.sectionTeacher.update({
      where: { sectionId_teacherId: { sectionId: row.sectionId, teacherId: row.teacherId } },
      data: { archivedAt: null, isPrimary: row.isPrimary },
    });
  }
  if (archiveLinks.length > 0) {
    await tx.sectionTeacher.updateMany({ where: { OR: pairs(archiveLinks, (l) => ({ teacherId: l.teacherId })) }, data: { archivedAt: now } });
  }
  if (newEnrollments.length > 0) await tx.enrollment.createMany({ data: newEnrollments, skipDuplicates: true });
  if (restoreEnrollments.length > 0) {
    await tx.enrollment.updateMany({ where: { OR: pairs(restoreEnrollments, (e) => ({ studentId: e.studentId })) }, data: { archivedAt: null } });
  }
  if (archiveEnrollments.length > 0) {
    await tx.enrollment.updateMany({ where: { OR: pairs(archiveEnrollments, (e) => ({ studentId: e.studentId })) }, data: { archivedAt: now } });
  }
  if (archiveSections.length > 0) await tx.section.updateMany({ where: { id: { in: archiveSections } }, data: { archivedAt: now } });

  // A shown choice row for sections new to this teacher; existing choices are never touched.
  if (isTeacher) {
    const chosen = new Set(state.choices);
    const newChoices = sections.filter((s) => !chosen.has(s.id)).map((s) => ({ teacherId: input.userId, sectionId: s.id, shown: true }));
    if (newChoices.length > 0) await tx.sectionChoice.createMany({ data: newChoices, skipDuplicates: true });
  }

  counts.created += newLinks.length + newEnrollments.length;
  counts.restored += restoreLinks.filter((l) => links.get(key(l.sectionId, l.teacherId))?.archived).length + restoreEnrollments.length;
  counts.updated += restoreLinks.filter((l) => !links.get(key(l.sectionId, l.teacherId))?.archived).length;
  counts.archived += archiveLinks.length + archiveEnrollments.length + archiveSections.length;
  return counts;
}
