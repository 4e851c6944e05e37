// The district benchmark's comparison (scripts/bench-district.ts): our
// steps beside the baseline commit's, measured in the same run on the same
// generated district, their ratios, and issue 32's targets as pass/fail
// lines. Pure, so the arithmetic has a test; the speed itself never does.

/** One measured step, as the bench's child process reports it. */
export interface StepFigures {
  status: string;
  ms: number;
  sql: number;
  rows: number;
  maxRssMb: number;
  calls: number;
  applied?: number;
}

export interface DistrictFigures {
  students: number;
  full: StepFigures;
  resync: StepFigures;
  events: StepFigures;
}

export interface Target {
  ok: boolean;
  text: string;
}

const RSS_LIMIT_MB = 300;
const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const ratio = (ours: number, theirs: number) => (theirs === 0 ? null : ours / theirs);
const times = (r: number | null) => (r === null ? "—" : r < 1 ? `1/${(1 / r).toFixed(1)}` : `${r.toFixed(2)}×`);

/** Milliseconds of full sync per 1,000 students. */
export const perThousand = (figures: { students: number; full: { ms: number } }): number => figures.full.ms / (figures.students / 1000);

/** Our steps beside the baseline's: [measure, ours, baseline, ours/baseline]. */
export function comparisonRows(ours: DistrictFigures, baseline: DistrictFigures): string[][] {
  const rows: [string, (f: DistrictFigures) => number, (n: number) => string][] = [
    ["full sync from empty", (f) => f.full.ms, secs],
    ["no-change re-sync", (f) => f.resync.ms, secs],
    ["1,000 events", (f) => f.events.ms, secs],
    ["full sync: SQL statements", (f) => f.full.sql, String],
    ["no-change re-sync: SQL statements", (f) => f.resync.sql, String],
    ["no-change re-sync: rows written", (f) => f.resync.rows, String],
    ["full sync: peak RSS (MB)", (f) => f.full.maxRssMb, (n) => String(Math.round(n))],
    ["no-change re-sync: peak RSS (MB)", (f) => f.resync.maxRssMb, (n) => String(Math.round(n))],
  ];
  return rows.map(([measure, read, show]) => [measure, show(read(ours)), show(read(baseline)), times(ratio(read(ours), read(baseline)))]);
}

/** Issue 32's targets. `baseline` and `large` are left out when not measured. */
export function districtTargets(ours: DistrictFigures, baseline: DistrictFigures | undefined, large: { students: number; full: StepFigures } | undefined): Target[] {
  const targets: Target[] = [];
  const fullRatio = baseline ? ratio(ours.full.ms, baseline.full.ms) : null;
  const resyncRatio = baseline ? ratio(ours.resync.ms, baseline.resync.ms) : null;
  targets.push({
    ok: ours.full.status === "done" && ours.full.ms < 30_000 && (baseline === undefined || (fullRatio !== null && fullRatio <= 1 / 4)),
    text: `full sync of ${ours.students} students: ${secs(ours.full.ms)} (target < 30 s)${baseline ? `, ${times(fullRatio)} of the baseline's ${secs(baseline.full.ms)} (target ≤ 1/4)` : ""}`,
  });
  targets.push({
    ok: ours.resync.status === "done" && ours.resync.rows === 0 && ours.resync.ms < 5_000 && (baseline === undefined || (resyncRatio !== null && resyncRatio <= 1 / 6)),
    text: `no-change re-sync: ${secs(ours.resync.ms)}, ${ours.resync.rows} rows written (target < 5 s, 0 rows)${baseline ? `, ${times(resyncRatio)} of the baseline's ${secs(baseline.resync.ms)} (target ≤ 1/6)` : ""}`,
  });
  targets.push({
    ok: ours.events.status === "done" && ours.events.ms < 1_000,
    text: `${ours.events.applied ?? 0} events applied in ${secs(ours.events.ms)} (target < 1 s)`,
  });
  const peak = Math.max(ours.full.maxRssMb, ours.resync.maxRssMb, ours.events.maxRssMb);
  targets.push({ ok: peak < RSS_LIMIT_MB, text: `peak RSS at ${ours.students} students: ${Math.round(peak)} MB (target < ${RSS_LIMIT_MB} MB)` });
  if (large) {
    targets.push({ ok: large.full.status === "done" && large.full.maxRssMb < RSS_LIMIT_MB, text: `peak RSS at ${large.students} students: ${Math.round(large.full.maxRssMb)} MB (target < ${RSS_LIMIT_MB} MB)` });
    const growth = perThousand(large) / perThousand(ours);
    targets.push({
      ok: large.full.status === "done" && growth <= 1.3,
      text: `full sync per 1,000 students: ${secs(perThousand(large))} at ${large.students}, ${secs(perThousand(ours))} at ${ours.students}: ${growth.toFixed(2)}× (target ≤ 1.3×)`,
    });
  }
  return targets;
}
