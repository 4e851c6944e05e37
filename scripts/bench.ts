// Roster sync benchmark (`npm run bench`, never `npm test`): the sync of the
// 12-section teacher and of the 125-student section against an in-process
// local Clever with 50 ms added to every call, beside two naive baselines
// that write through the same code: "per student" (one request per section,
// then one per student of each section — the sections × students pattern) and
// "per section" (one request per section and one student list per section,
// default page size), each sequential. Prints per scenario: Clever
// calls (sandbox /sandbox/stats), wall time (median of 5 runs), SQL
// statements (counted at the pg driver, BEGIN/COMMIT included), and the
// baseline/ours ratio.
//
// A third scenario is a Library teacher with 12 sections of 10 students,
// synced with her own token on the only path Clever documents for Library
// tokens (her sections, then each section's students), against the strict
// local Clever, beside the path this app used before (one call for all her
// students, /teachers/{id}/students, which Clever does not document for
// Library tokens), measured against a lenient local Clever that still allows it.
//
//   npm run bench            (or: npx tsx scripts/bench.ts --runs 5 --latency 50)
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const RUNS = arg("runs", 5);
const LATENCY_MS = arg("latency", 50);

// lib/ modules are `server-only` (they must never reach a browser bundle); a
// script runs them under the same "react-server" export condition Next uses.
if (!process.env.BENCH_REACT_SERVER) {
  const self = fileURLToPath(import.meta.url);
  const tsx = path.join(path.dirname(self), "..", "node_modules", ".bin", "tsx");
  const child = spawnSync(tsx, [self, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_REACT_SERVER: "1", NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim() },
  });
  process.exit(child.status ?? 1);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

interface Measure {
  calls: number;
  ms: number;
  sql: number;
}

async function main() {
  const { exampleEnv } = await import("./lib/dev-env");
  const { createDatabase, dropDatabase, ensureDatabase, migrate } = await import("./lib/postgres");
  for (const [key, value] of Object.entries(exampleEnv())) process.env[key] ??= value;
  process.env.LOG_LEVEL = "silent";
  const server = await ensureDatabase("postgres-bench");
  const dbName = `bench_sync_${process.pid}`;
  const url = await createDatabase(server.url, dbName);
  migrate(url);
  process.env.DATABASE_URL = url;

  const { fixtures } = await import("../sandbox/fixtures");
  const { syncUser } = await import("@/lib/roster/sync/sync");
  const { applySnapshot } = await import("@/lib/roster/sync/apply");
  const testing = await import("../tests/support/sync-testbed");
  type Section = import("../lib/clever/schemas").CleverSection;

  const sandbox = await testing.startLocalClever();
  const counting = testing.countingDb(url);
  const deps = testing.testDeps(sandbox, counting.db, { deadlineMs: 60_000 });
  const clever = testing.sandboxControl(sandbox);
  const stats = async () => (await clever.stats()).total;
  const resetStats = () => clever.resetStats();
  const latency = (ms: number) => clever.setLatency(ms);
  const wipe = () => counting.db.$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "CleverToken", "SyncRun" CASCADE`);

  async function measure(action: () => Promise<unknown>): Promise<Measure> {
    await resetStats();
    counting.reset();
    const started = performance.now();
    await action();
    const ms = performance.now() - started;
    return { calls: await stats(), ms, sql: counting.statements() };
  }

  /** Provisions the teacher (not measured) and returns the user ID. */
  async function fresh(cleverId: string): Promise<string> {
    await latency(0);
    await wipe();
    const { user } = await testing.logIn(sandbox, deps, cleverId);
    await latency(LATENCY_MS);
    return user.id;
  }

  /** The naive way: sections, then each section and its students one after another. */
  async function naiveSync(userId: string, cleverId: string, perStudent: boolean): Promise<void> {
    const token = await testing.districtAppToken(sandbox);
    const get = async (pathAndQuery: string): Promise<{ data: { data: unknown }[] | { id: string }; links?: { rel: string; uri: string }[] }> => {
      const response = await fetch(`${sandbox.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
      return (await response.json()) as { data: { data: unknown }[]; links?: { rel: string; uri: string }[] };
    };
    const all = async (first: string) => {
      const items: unknown[] = [];
      for (let next: string | undefined = first; next; ) {
        const page = await get(next);
        if (Array.isArray(page.data)) items.push(...page.data.map((d) => d.data));
        next = page.links?.find((l) => l.rel === "next")?.uri;
      }
      return items;
    };
    const teacher = (await get(`/v2.0/teachers/${cleverId}`)).data as { id: string; district?: string };
    const sectionList = (await all(`/v2.0/teachers/${cleverId}/sections`)) as Section[];
    const sections: Section[] = [];
    const students = new Map<string, never>();
    const teachers = new Map<string, never>();
    for (const listed of sectionList) {
      sections.push((await get(`/v2.0/sections/${listed.id}`)).data as Section);
      const section = sections[sections.length - 1];
      if (perStudent) {
        for (const id of section?.students ?? []) students.set(id, (await get(`/v2.0/students/${id}`)).data as never);
        for (const id of section?.teachers ?? []) if (id !== cleverId) teachers.set(id, (await get(`/v2.0/teachers/${id}`)).data as never);
      } else {
        for (const s of await all(`/v2.0/sections/${listed.id}/students`)) students.set((s as { id: string }).id, s as never);
        for (const t of await all(`/v2.0/sections/${listed.id}/teachers`)) if ((t as { id: string }).id !== cleverId) teachers.set((t as { id: string }).id, t as never);
      }
    }
    const district = teacher.district ? ((await get(`/v2.0/districts/${teacher.district}`)).data as never) : null;
    const schools = (await all(`/v2.0/teachers/${cleverId}/schools`)) as never[];
    await counting.db.$transaction(
      (tx) =>
        applySnapshot(tx, {
          userId,
          cleverId,
          authorizedBy: "district",
          now: new Date(),
          snapshot: { kind: "teacher", self: teacher as never, heldRoles: null, district, schools, rosterKnown: true, sections, students: [...students.values()], teachers: [...teachers.values()], unreadTeacherIds: [], byDistrictToken: true },
        }),
      { timeout: 60_000 },
    );
  }

  // --- the Library scenario: the same data in a strict and a lenient local Clever
  const { createSandbox } = await import("../sandbox/server");
  const { DEMO_APP } = await import("../sandbox/test/helpers");
  const lenient = await createSandbox({ port: 0, mode: "test", apps: [DEMO_APP], strict: false });
  const lenientControl = testing.sandboxControl(lenient);
  const libraryTeacherId = "be0c1ab1e000000000000001";
  const librarySections: string[] = [];
  for (const control of [clever, lenientControl]) {
    await control.putData("teachers", libraryTeacherId, { name: { first: "Lena", last: "Library" } });
    for (let s = 0; s < 12; s++) {
      const students = Array.from({ length: 10 }, (_, i) => `be0c1ab1e0000000000${String(s).padStart(2, "0")}${String(i).padStart(3, "0")}`);
      for (const id of students) await control.putData("students", id, { name: { first: `Kid ${s}-${id.slice(-3)}`, last: "Library" }, grade: "3" });
      const sectionId = `be0c1ab1e0000000000000${String(s + 10)}`;
      if (control === clever) librarySections.push(sectionId);
      await control.putData("sections", sectionId, { name: `Library ${s + 1}`, subject: "math", grade: "3", teacher: libraryTeacherId, teachers: [libraryTeacherId], students });
    }
  }

  /** The sync the app did before: one undocumented call for all the teacher's students. */
  async function previousLibrarySync(userId: string, token: string): Promise<void> {
    const client = (await import("../lib/clever/client")).createCleverClient({ token, tokenKind: "user", baseUrl: lenient.url });
    const [self, sections, students] = await Promise.all([
      client.teacher(libraryTeacherId),
      client.teacherSections(libraryTeacherId),
      client.teacherStudents(libraryTeacherId),
    ]);
    await counting.db.$transaction(
      (tx) =>
        applySnapshot(tx, {
          userId,
          cleverId: libraryTeacherId,
          authorizedBy: "teacher",
          now: new Date(),
          snapshot: { kind: "teacher", self, heldRoles: null, district: null, schools: [], rosterKnown: true, sections, students, teachers: [], unreadTeacherIds: [], byDistrictToken: false },
        }),
      { timeout: 60_000 },
    );
  }

  const library: { ours: Measure[]; previous: Measure[] } = { ours: [], previous: [] };
  for (let i = 0; i < RUNS; i++) {
    const userId = await fresh(libraryTeacherId);
    library.ours.push(await measure(() => syncUser(userId, "button", deps)));
    await wipe();
    const { user } = await testing.logIn(lenient, testing.testDeps(lenient, counting.db), libraryTeacherId);
    const token = await testing.userToken(lenient, libraryTeacherId);
    await lenientControl.setLatency(LATENCY_MS);
    await lenientControl.resetStats();
    counting.reset();
    const started = performance.now();
    await previousLibrarySync(user.id, token);
    library.previous.push({ calls: (await lenientControl.stats()).total, ms: performance.now() - started, sql: counting.statements() });
    await lenientControl.setLatency(0);
  }
  await lenient.close();

  const scenarios = [
    { name: "12-section teacher", cleverId: fixtures.teacherTwelveSections.id },
    { name: "125-student section", cleverId: fixtures.teacherBigSection.id },
  ];
  const rows: string[][] = [];
  const results: Record<string, { ours: Measure; baseline: Measure; perSection: Measure; resync: Measure }> = {};
  for (const scenario of scenarios) {
    const ours: Measure[] = [];
    const baseline: Measure[] = [];
    const perSection: Measure[] = [];
    const resync: Measure[] = [];
    for (let i = 0; i < RUNS; i++) {
      let userId = await fresh(scenario.cleverId);
      ours.push(await measure(() => syncUser(userId, "button", deps)));
      resync.push(await measure(() => syncUser(userId, "button", deps)));
      userId = await fresh(scenario.cleverId);
      baseline.push(await measure(() => naiveSync(userId, scenario.cleverId, true)));
      userId = await fresh(scenario.cleverId);
      perSection.push(await measure(() => naiveSync(userId, scenario.cleverId, false)));
    }
    const summary = (list: Measure[]): Measure => ({ calls: median(list.map((m) => m.calls)), ms: median(list.map((m) => m.ms)), sql: median(list.map((m) => m.sql)) });
    results[scenario.name] = { ours: summary(ours), baseline: summary(baseline), perSection: summary(perSection), resync: summary(resync) };
  }
  await latency(0);

  for (const [name, r] of Object.entries(results)) {
    rows.push([name, "ours (first sync)", String(r.ours.calls), r.ours.ms.toFixed(0), String(r.ours.sql), ""]);
    rows.push([name, "ours (no-change re-sync)", String(r.resync.calls), r.resync.ms.toFixed(0), String(r.resync.sql), ""]);
    const vs = (m: Measure) => `${(m.ms / r.ours.ms).toFixed(1)}x time, ${(m.calls / r.ours.calls).toFixed(1)}x calls`;
    rows.push([name, "naive baseline, per student", String(r.baseline.calls), r.baseline.ms.toFixed(0), String(r.baseline.sql), vs(r.baseline)]);
    rows.push([name, "naive baseline, per section", String(r.perSection.calls), r.perSection.ms.toFixed(0), String(r.perSection.sql), vs(r.perSection)]);
  }
  {
    const summary = (list: Measure[]): Measure => ({ calls: median(list.map((m) => m.calls)), ms: median(list.map((m) => m.ms)), sql: median(list.map((m) => m.sql)) });
    const ours = summary(library.ours);
    const previous = summary(library.previous);
    const name = "Library teacher, 12 × 10";
    rows.push([name, "ours, documented Library path (strict)", String(ours.calls), ours.ms.toFixed(0), String(ours.sql), ""]);
    rows.push([
      name,
      "before: /teachers/{id}/students (undocumented)",
      String(previous.calls),
      previous.ms.toFixed(0),
      String(previous.sql),
      `${(ours.ms / previous.ms).toFixed(1)}x time, ${(ours.calls / previous.calls).toFixed(1)}x calls (ours/before)`,
    ]);
    if (library.ours.length > 0 && ours.calls !== librarySections.length + 2) console.warn(`Library path used ${ours.calls} calls for ${librarySections.length} sections`);
  }
  const header = ["scenario", "variant", "Clever calls", `wall ms (median of ${RUNS})`, "SQL statements", "baseline/ours"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(`\nRoster sync benchmark — local Clever with ${LATENCY_MS} ms per call\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));

  const failures: string[] = [];
  for (const [name, r] of Object.entries(results)) {
    if (r.baseline.ms / r.ours.ms < 5) failures.push(`${name}: less than 5x faster than the per-student baseline`);
    if (r.resync.sql >= 10) failures.push(`${name}: no-change re-sync used ${r.resync.sql} SQL statements`);
  }
  console.log(failures.length ? `\nTargets missed:\n  ${failures.join("\n  ")}` : "\nTargets met: ≥5x faster than the per-student baseline, no-change re-sync under 10 SQL statements.");

  await counting.close();
  await sandbox.close();
  await dropDatabase(server.url, dbName).catch(() => undefined);
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
