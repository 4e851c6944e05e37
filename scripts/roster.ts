// `npm run roster -- status | sync <districtId> | release <districtId> | purge <districtId>`:
// the operator's view of the district rosters, the on-demand sync Clever asks
// for, applying a full sync held for review (it would have archived an
// unusual share of the district: lib/roster/district/hold.ts), and
// deleting at once the data of a district that disconnected (else
// deleted after DISTRICT_RETENTION_DAYS, lib/roster/district/connections.ts). `sync` queues a
// full sync of the district for the worker (`npm run worker`, or the cron
// drain on Vercel); with DISTRICT_ROSTERING=manual it is how a newly
// connected district gets its first roster. Configuration as for the worker
// (outside production, what is unset comes from .env.example).
import { PrismaPg } from "@prisma/adapter-pg";
import { isCleverId } from "../lib/clever/schemas";
import { env } from "@/lib/platform/env";
import { PrismaClient } from "../lib/generated/prisma/client";
import { startBoss } from "@/lib/platform/jobs/boss";
import { enqueue } from "@/lib/platform/jobs/enqueue";
import { ensureQueues } from "@/lib/platform/jobs/queues";
import { districtRosterJobs, syncDistrictJob } from "@/lib/roster/district/jobs";
import { purgeDistrict } from "@/lib/roster/district/connections";
import { releaseHold } from "@/lib/roster/district/hold";
import { districtRosterStatus } from "@/lib/roster/district/status";
import { exampleEnv } from "./lib/dev-env";

const usage = "Usage: npm run roster -- status | sync <districtId> | release <districtId> | purge <districtId>";
const [command, argument] = process.argv.slice(2);
if (process.env.APP_ENV !== "production") for (const [key, value] of Object.entries(exampleEnv())) process.env[key] ??= value;

const when = (date: Date | null) => (date ? date.toISOString() : "never");

async function main(): Promise<number> {
  if (command === "status") {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
    try {
      const districts = await districtRosterStatus(db);
      if (districts.length === 0) console.log("No district has been rostered yet.");
      for (const d of districts) {
        console.log(`${d.districtId}  ${d.name ?? "(unnamed)"}`);
        console.log(`  full sync: ${when(d.lastFullSyncAt)}${d.fullSyncUnderWay ? ` (under way: ${d.fullSyncUnderWay.step}${d.fullSyncUnderWay.after ? ` after ${d.fullSyncUnderWay.after}` : ""})` : ""}`);
        if (d.fullSyncReason) console.log(`  why: ${d.fullSyncReason}`);
        console.log(`  events read: ${when(d.lastEventsAt)}; last success: ${when(d.lastSucceededAt)}`);
        if (d.lastFailedAt && (!d.lastSucceededAt || d.lastFailedAt > d.lastSucceededAt)) console.log(`  last failure: ${when(d.lastFailedAt)}, reference ${d.errorRef ?? "?"}`);
        if (d.hold) {
          const kinds = Object.entries(d.hold.counts.kinds).map(([kind, c]) => `${kind} ${c.archive} of ${c.active}`);
          console.log(`  HELD since ${when(d.hold.at)} (reference ${d.hold.reference}): the last full sync would archive ${d.hold.counts.total} rows (${kinds.join(", ")}), over ${d.hold.counts.percent}%; nothing was archived (apply: npm run roster -- release ${d.districtId})`);
        }
        if (d.disconnectedAt) {
          const purgeOn = new Date(d.disconnectedAt.getTime() + env().DISTRICT_RETENTION_DAYS * 86_400_000);
          console.log(`  DISCONNECTED since ${when(d.disconnectedAt)}: its data is deleted on ${when(purgeOn)} unless it connects again (now: npm run roster -- purge ${d.districtId})`);
        }
      }
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  if (command === "release" && argument && isCleverId(argument)) {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
    try {
      const released = await releaseHold(db, argument, { by: "operator (npm run roster -- release)" });
      if (released.status !== "released") {
        console.error(`District ${argument} has no held full sync: nothing was applied.`);
        return 1;
      }
      console.log(`Applied the held full sync of district ${argument} (reference ${released.reference}): ${released.archived} rows archived, ${released.updated} people lost a role.`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  if (command === "purge" && argument && isCleverId(argument)) {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
    try {
      const purged = await purgeDistrict(db, argument);
      if (!purged) {
        console.error(`District ${argument} is not disconnected: nothing was deleted.`);
        return 1;
      }
      console.log(`Deleted district ${argument}'s data: ${purged.users} people and ${purged.sections} classes.`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  if (command !== "sync" || !argument || !isCleverId(argument)) {
    console.error(usage);
    return 1;
  }
  const boss = await startBoss();
  try {
    await ensureQueues(boss, districtRosterJobs);
    const queued = await enqueue(syncDistrictJob, { districtId: argument, reason: "operator" }, { boss });
    console.log(queued.status === "queued" ? `A full sync of district ${argument} is queued (job ${queued.id}).` : `A full sync of district ${argument} is already waiting.`);
    return 0;
  } finally {
    await boss.stop({ graceful: false });
  }
}

process.exitCode = await main();
