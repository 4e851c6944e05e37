// The certification report as one HTML page and as Markdown, written for a
// reader who is not an engineer: the verdict first, then the survey answers,
// the dashboard settings, and each requirement with its proof.
import type { Answer, DashboardSettings } from "./answers";
import type { SettingDeviation } from "./configuration";
import { engines, headline, type CellStatus, type ReportModel, type RequirementRow, type Verdict } from "./model";
import type { RunMetadata } from "../../../scripts/lib/run-metadata";

export interface ReportInput {
  model: ReportModel;
  answers: Answer[];
  dashboard: DashboardSettings;
  passes: boolean;
  /** Screenshot path as written into the report folder (relative). */
  screenshotHref(path: string): string;
  /** Real windows of the WebKit runs, e.g. { "webkit-phone": "447 × 806" }. */
  webkitViewports: Record<string, string>;
  /** The Clever Library listing kit (listing/), when the run wrote one. */
  listing?: ListingSummary;
  /** Settings the run used that a deployment's defaults do not (configuration.ts). */
  deviations?: SettingDeviation[];
}

/** The settings line: what this run set that production does not. */
function deviationsLine(deviations: SettingDeviation[] | undefined): string[] {
  if (!deviations || deviations.length === 0) return [];
  return [`Settings this run used that differ from a deployment's defaults (each says why in scripts/lib/test-stack.ts): ${deviations.map((d) => `${d.name}=${d.tested} (default ${d.production || "none"})`).join("; ")}.`];
}

export interface ListingSummary {
  /** PNG file names in listing/, with the screenshot descriptions. */
  images: { file: string; caption: string }[];
  /** Broken listing rules; empty when the kit can be uploaded as it is. */
  problems: string[];
}

function listingHtml(listing: ListingSummary | undefined): string {
  if (!listing) return "";
  const state = listing.problems.length === 0 ? `<p class="verdict pass">The kit meets every format rule: upload <code>listing/</code> as it is.</p>` : `<p class="verdict fail">Listing kit incomplete:</p><ul>${listing.problems.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>`;
  const shots = listing.images.map((i) => `<figure><a href="listing/${esc(i.file)}"><img loading="lazy" src="listing/${esc(i.file)}" alt="${esc(i.caption)}"></a><figcaption>${esc(i.file)}: ${esc(i.caption)}</figcaption></figure>`).join("");
  return `<h2>Clever Library listing kit</h2><p class="small">Written by this run to <code>listing/</code>: <a href="listing/listing.json">listing.json</a>, the icon, the banner and the screenshots.</p>${state}<div class="shots">${shots}</div>`;
}

function listingMarkdown(listing: ListingSummary | undefined): string[] {
  if (!listing) return [];
  return [
    "## Clever Library listing kit",
    "",
    listing.problems.length === 0 ? "The kit in `listing/` meets every format rule: upload it as it is." : `Listing kit incomplete: ${listing.problems.join("; ")}`,
    "",
    "- [listing.json](listing/listing.json)",
    ...listing.images.map((i) => `- [${i.file}](listing/${i.file}): ${i.caption}`),
    "",
  ];
}

const groups: Record<string, string> = {
  district_sso: "District SSO certification",
  library_certification: "Clever Library certification",
  library_integration_guide: "Library integration guide",
  instant_login: "Instant Login and Log in with Clever",
  syncing_classes: "Syncing classes",
  secure_sync: "Secure Sync (district rostering)",
  rollover: "Rollover and departures",
};

const verdictText: Record<Verdict, string> = { proven: "Proven", failed: "FAILED", incomplete: "Incomplete", "not run": "Not run", "no test": "No test yet" };
const statusMark: Record<CellStatus, string> = { passed: "✓ passed", failed: "✗ failed", incomplete: "? incomplete", "not run": "–", "not applicable": "n/a (same in every browser)" };

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** What this run was: its commit and anything that narrowed it, said plainly. */
function runLines(model: ReportModel): string[] {
  const describe = (name: string, run: RunMetadata | undefined, whole: string) => {
    if (!run) return `${name}: no record of the run.`;
    const narrowed = [...(run.args.length ? [`arguments \`${run.args.join(" ")}\``] : []), ...Object.entries(run.filters).map(([k, v]) => `${k}=${v}`)];
    return `${name}: commit ${run.commit.slice(0, 10)}${run.dirty ? " with uncommitted changes" : ""}${run.apiVersion ? `, Clever API ${run.apiVersion}` : ""}${run.node ? `, Node.js ${run.node}` : ""}, ${run.startedAt} to ${run.finishedAt}; ${narrowed.length ? `narrowed by ${narrowed.join(", ")}` : whole}.`;
  };
  return [
    describe("Playwright", model.run.playwright, "every project with all its specs, no filter"),
    describe("WebKit journeys", model.run.webkit, "every journey in both windows, no filter"),
    ...(model.v31Totals ? [`${describe("Clever API v3.1", model.run.v31, "")} ${model.v31Totals.passed} passed, ${model.v31Totals.failed} did not pass.`] : []),
  ];
}

function engineHow(input: ReportInput, id: string): string {
  const engine = engines.find((e) => e.id === id);
  const viewport = input.webkitViewports[id];
  return `${engine?.how ?? id}${viewport ? ` (window ${viewport} CSS px)` : ""}`;
}

/** An answer is shown when at least one of the tests behind it passed. */
const shown = (answer: Answer) => answer.evidence.some((e) => e.verdict === "proven");
const notShown = "This answer describes the app's design; no passing test in this run shows it yet.";

const ieNote = "Internet Explorer: retired by Microsoft on June 15, 2022; not supported and not tested (see the answer to DSSO-Q1).";

// --------------------------------------------------------------------- HTML

function htmlRow(row: RequirementRow): string {
  const r = row.requirement;
  const cells = engines.map((e) => `<td class="s-${row.statuses[e.id]?.replace(/ /g, "-")}">${statusMark[row.statuses[e.id] ?? "not run"]}</td>`).join("");
  return `<tr><td><a href="#${r.id}">${r.id}</a></td><td>${r.kind}</td><td>${esc(r.text)}</td><td class="v-${row.verdict.replace(" ", "-")}">${verdictText[row.verdict]}</td>${cells}</tr>`;
}

function htmlDetail(row: RequirementRow, input: ReportInput): string {
  const r = row.requirement;
  const tests = row.tests.length
    ? `<ul>${row.tests
        .map(
          (t) =>
            `<li>${esc(t.title)} <small>(${esc(t.file)})</small><br>${t.engines
              .map((e) => `<span class="chip c-${e.status}">${e.engine}: ${e.status}</span>${e.error ? ` <small class="err">${esc(e.error)}</small>` : ""}`)
              .join(" ")}</li>`,
        )
        .join("")}</ul>`
    : "<p><em>No test names this requirement yet.</em></p>";
  const shots = row.screenshots
    .map(
      (s) =>
        `<figure><a href="${esc(input.screenshotHref(s.path))}"><img loading="lazy" src="${esc(input.screenshotHref(s.path))}" alt="Final screen of: ${esc(s.title)} (${s.engine})"></a><figcaption>${esc(engineHow(input, s.engine))}</figcaption></figure>`,
    )
    .join("");
  const problems = row.problems.length ? `<ul class="err">${row.problems.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>` : "";
  return `<section id="${r.id}" class="req"><h3>${r.id} · ${esc(r.text)} <span class="v-${row.verdict.replace(" ", "-")}">${verdictText[row.verdict]}</span></h3>${problems}${tests}${shots ? `<div class="shots">${shots}</div>` : ""}</section>`;
}

function htmlEvidence(answer: Answer): string {
  return `<ul class="evidence">${answer.evidence
    .map((e) => `<li><a href="#${e.id}">${e.id}</a>: <span class="v-${e.verdict.replace(" ", "-")}">${verdictText[e.verdict]}</span>${e.tests.length ? ` (${e.tests.length} test${e.tests.length > 1 ? "s" : ""})` : ""}</li>`)
    .join("")}</ul>`;
}

export function renderHtml(input: ReportInput): string {
  const { model } = input;
  const engineList = engines
    .map((e) => `<li><strong>${e.browser}</strong>: ${esc(engineHow(input, e.id))} — ${model.engineTotals[e.id]?.passed ?? 0} passed, ${model.engineTotals[e.id]?.failed ?? 0} failed</li>`)
    .join("");
  const tables = Object.entries(groups)
    .map(([group, title]) => {
      const rows = model.rows.filter((row) => row.requirement.group === group && row.requirement.kind !== "question");
      if (rows.length === 0) return "";
      return `<h3>${title}</h3><div class="scroll"><table><thead><tr><th>ID</th><th>Kind</th><th>Requirement</th><th>Verdict</th>${engines.map((e) => `<th>${e.browser}</th>`).join("")}</tr></thead><tbody>${rows.map(htmlRow).join("")}</tbody></table></div>`;
    })
    .join("");
  const answers = input.answers
    .map(
      (a) =>
        `<section class="answer"><h3>${a.ids.join(" / ")}: ${esc(a.question)}</h3>${a.answer.map((p) => `<p>${esc(p)}</p>`).join("")}${shown(a) ? "" : `<p class="v-no-test">${notShown}</p>`}<p class="small">Shown by:</p>${htmlEvidence(a)}</section>`,
    )
    .join("");
  const details = model.rows.filter((r) => r.requirement.kind === "must" || r.requirement.kind === "should" || r.tests.length > 0).map((r) => htmlDetail(r, input)).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clever certification report · Clever Classroom</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem;color:#111}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd}h3{font-size:1.05rem;margin-top:1.5rem}
.verdict{padding:1rem;border-radius:.5rem;font-weight:600}.pass{background:#e6f6ea;border:1px solid #2e7d32}.fail{background:#fdecea;border:1px solid #c62828}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
.scroll{overflow-x:auto}.s-passed{color:#1b5e20}.s-failed{color:#b71c1c;font-weight:700}.s-not-run{color:#888}
.v-proven{color:#1b5e20;font-weight:600}.v-failed{color:#b71c1c;font-weight:700}.v-no-test,.v-not-run,.v-incomplete{color:#8a5a00;font-weight:600}
.chip{display:inline-block;border-radius:1rem;padding:0 .5rem;margin:.1rem;font-size:.8rem;background:#eee}.c-passed{background:#e6f6ea}.c-failed{background:#fdecea}
.err{color:#b71c1c}.shots{display:flex;gap:1rem;flex-wrap:wrap}figure{margin:0;max-width:22rem}figure img{max-width:100%;max-height:28rem;border:1px solid #ccc}
figcaption,.small,small{font-size:.8rem;color:#555}.req{border-top:1px solid #eee}
</style></head><body>
<h1>Clever certification report — Clever Classroom</h1>
<p class="small">Generated ${esc(model.generatedAt)} by <code>npm run certify</code>: every test below ran in real browsers against the production build, the local Clever (<code>sandbox/</code>: OAuth, Data API, Portal, Instant Login and Library consent, run by this project, not Clever's servers) and a real PostgreSQL database.</p>
${[...runLines(model), ...deviationsLine(input.deviations)].map((line) => `<p class="small">${esc(line)}</p>`).join("")}
<p class="verdict ${input.passes ? "pass" : "fail"}">${esc(headline(model))}</p>
<p>Recommended items (should): ${model.summary.shouldProven} of ${model.summary.shouldTotal} proven.</p>
<h2>Browsers tested</h2><ul>${engineList}<li>${esc(ieNote)}</li></ul>
${listingHtml(input.listing)}
<h2>Answers to Clever's certification survey</h2>${answers}
<h2>Settings for Clever's dashboard</h2>
<h3>Redirect URIs</h3><ul>${input.dashboard.redirectUris.map((u) => `<li><code>${esc(u.uri)}</code> — ${esc(u.note)}</li>`).join("")}</ul>
<h3>Supported user types</h3><ul>${input.dashboard.userTypes.map((u) => `<li><strong>${esc(u.type)}</strong>: ${esc(u.note)}</li>`).join("")}</ul>
<h2>Requirements by browser</h2>
<p class="small">“must” items are Clever's certification requirements; “should” items are Clever's recommendations; “behaviour” items are documented Clever behaviour the app handles. ✓ = every test for the item ran and passed at the first attempt in that browser; “incomplete” = some were skipped, expected to fail or not run; n/a = an item that does not depend on the browser (a server-only check, or Secure Sync and rollover data), not run in that browser.</p>
${tables}
<h2>Proof for each requirement</h2>
<p class="small">The tests that prove each item (their titles carry the item's ID), where they passed, and the final screen on a desktop and a phone.</p>
${details}
</body></html>
`;
}

// ----------------------------------------------------------------- Markdown

const mdCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderMarkdown(input: ReportInput): string {
  const { model } = input;
  const lines: string[] = [
    "# Clever certification report — Clever Classroom",
    "",
    `Generated ${model.generatedAt} by \`npm run certify\` (real browsers, production build, the local Clever in \`sandbox/\` rather than Clever's servers, real PostgreSQL).`,
    "",
    ...[...runLines(model), ...deviationsLine(input.deviations)].flatMap((line) => [line, ""]),
    `**${headline(model)}**`,
    "",
    `Recommended items (should): ${model.summary.shouldProven} of ${model.summary.shouldTotal} proven.`,
    "",
    "## Browsers tested",
    "",
    ...engines.map((e) => `- **${e.browser}**: ${engineHow(input, e.id)} — ${model.engineTotals[e.id]?.passed ?? 0} passed, ${model.engineTotals[e.id]?.failed ?? 0} failed`),
    `- ${ieNote}`,
    "",
    ...listingMarkdown(input.listing),
    "## Answers to Clever's certification survey",
    "",
  ];
  for (const a of input.answers) {
    lines.push(`### ${a.ids.join(" / ")}: ${a.question}`, "", ...a.answer.flatMap((p) => [p, ""]));
    if (!shown(a)) lines.push(`_${notShown}_`, "");
    lines.push(`Shown by: ${a.evidence.map((e) => `${e.id} (${verdictText[e.verdict]})`).join(", ")}`, "");
  }
  lines.push("## Settings for Clever's dashboard", "", "Redirect URIs:", "");
  lines.push(...input.dashboard.redirectUris.map((u) => `- \`${u.uri}\` — ${u.note}`), "", "Supported user types:", "");
  lines.push(...input.dashboard.userTypes.map((u) => `- **${u.type}**: ${u.note}`), "", "## Requirements by browser", "");
  for (const [group, title] of Object.entries(groups)) {
    const rows = model.rows.filter((row) => row.requirement.group === group && row.requirement.kind !== "question");
    if (rows.length === 0) continue;
    lines.push(`### ${title}`, "", `| ID | Kind | Requirement | Verdict | ${engines.map((e) => e.browser).join(" | ")} |`, `|${" --- |".repeat(4 + engines.length)}`);
    for (const row of rows) {
      const cells = engines.map((e) => statusMark[row.statuses[e.id] ?? "not run"]);
      lines.push(`| ${row.requirement.id} | ${row.requirement.kind} | ${mdCell(row.requirement.text)} | ${verdictText[row.verdict]} | ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  lines.push("## Proof for each requirement", "");
  for (const row of model.rows.filter((r) => r.requirement.kind === "must" || r.requirement.kind === "should" || r.tests.length > 0)) {
    lines.push(`### ${row.requirement.id} · ${row.requirement.text} — ${verdictText[row.verdict]}`, "");
    if (row.tests.length === 0) lines.push("_No test names this requirement yet._");
    for (const problem of row.problems) lines.push(`- **Not proven:** ${problem}`);
    for (const t of row.tests) lines.push(`- ${t.title} (\`${t.file}\`): ${t.engines.map((e) => `${e.engine} ${e.status}${e.error ? ` — ${e.error}` : ""}`).join(", ")}`);
    for (const s of row.screenshots) lines.push(`- Screenshot (${engineHow(input, s.engine)}): [${input.screenshotHref(s.path)}](${input.screenshotHref(s.path)})`);
    lines.push("");
  }
  return lines.join("\n");
}
