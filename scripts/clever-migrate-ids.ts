// `npm run clever:migrate-ids [-- --csv FILE]`: before a deployment switches
// CLEVER_API_VERSION from v2.1 to v3.1, moves every stored v2 Clever ID of a
// teacher, staff member or admin to its v3 ID (lib/people/clever-ids.ts).
// Without --csv the mappings come from Clever: each district's v3.1 users and
// the `legacy_id` of their roles, read with the district's district-app token.
// With --csv, from a file (Clever's bulk ID-mapping export, or any CSV with a
// v2 and a v3 column), checked against what Clever's records say: a line
// they contradict is reported and not applied. Idempotent and resumable: run it again until it
// reports nothing left. Prints what it mapped and what it could not.
import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/platform/env";
import { PrismaClient } from "../lib/generated/prisma/client";
import { appDeps } from "@/lib/clever/deps";
import { applyIdMappings, checkAgainstClever, mappingsFromClever, mappingsFromCsv, type IdMapping } from "../lib/people/clever-ids";

const csvIndex = process.argv.indexOf("--csv");
const csvFile = csvIndex > 0 ? process.argv[csvIndex + 1] : undefined;
if (csvIndex > 0 && !csvFile) {
  console.error("Usage: npm run clever:migrate-ids [-- --csv FILE]");
  process.exit(1);
}

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
try {
  const deps = { ...(await appDeps()), db };
  let mappings: IdMapping[];
  let contradicted = 0;
  const districts = (await db.district.findMany({ select: { id: true } })).map((d) => d.id);
  const found = await mappingsFromClever(deps, districts);
  console.log(`${found.mappings.length} mappings read from Clever for ${districts.length - found.unreachable.length} of ${districts.length} districts`);
  for (const id of found.unreachable) console.log(`  district ${id}: no district-app token (not shared with the app any more?)`);
  if (csvFile) {
    const fromCsv = mappingsFromCsv(readFileSync(csvFile, "utf8"));
    console.log(`${fromCsv.length} mappings read from ${csvFile}`);
    // Clever's own records win: a line they contradict is reported, not applied.
    const checked = checkAgainstClever(fromCsv, found.mappings);
    mappings = checked.agreed;
    contradicted = checked.contradicted.length;
    for (const { mapping, clever } of checked.contradicted) console.log(`  NOT APPLIED: ${mapping.from} -> ${mapping.to} contradicts Clever's data (${clever}): check the CSV`);
  } else {
    mappings = found.mappings;
  }
  const report = await applyIdMappings(db, mappings);
  console.log(`moved to their v3 ID: ${report.mapped}; already moved: ${report.alreadyMapped}; mappings for nobody here: ${report.unused}`);
  for (const conflict of report.conflicts) console.log(`  both ${conflict.from} (v2) and ${conflict.to} (v3) have an account: merge them (support), then run again`);
  if (report.unmapped.length > 0) {
    console.log(`${report.unmapped.length} teachers/staff/admins have no mapping (Library users are moved at their next login):`);
    for (const id of report.unmapped.slice(0, 50)) console.log(`  ${id}`);
  }
  process.exitCode = report.conflicts.length > 0 || contradicted > 0 ? 2 : 0;
} finally {
  await db.$disconnect();
}
