-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "deadlineAt" TIMESTAMP(3);

-- Data fix-up: until now no sync wrote a running row (runs were recorded only
-- once finished), so any running row is a leftover that no live sync holds.
-- They would block the index below and their users' next sync: end them.
-- (Prisma keeps UTC in timestamp-without-time-zone columns, hence AT TIME ZONE.)
UPDATE "SyncRun" SET "outcome" = 'failed', "errorCode" = 'abandoned', "finishedAt" = COALESCE("finishedAt", now() AT TIME ZONE 'UTC')
WHERE "outcome" = 'running';

-- The lease (lib/sync/lease.ts): at most one running sync per user. Written by
-- hand: Prisma's schema cannot express a partial index (see SyncRun in
-- schema.prisma), so schema-to-schema diffs (db:new-migration) never see it.
CREATE UNIQUE INDEX "SyncRun_userId_running_key" ON "SyncRun"("userId") WHERE "outcome" = 'running';
