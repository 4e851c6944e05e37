-- The district sync's digests (lib/roster/district/staging.ts): rows written
-- before them have none, so the first full sync after this migration writes
-- each row once more, and from then on an unchanged record writes nothing.
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "rosterDigests" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "rosterWrittenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "rosterDigest" TEXT,
ADD COLUMN     "rosterWrittenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "rosterDigest" TEXT,
ADD COLUMN     "rosterWrittenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Term" ADD COLUMN     "rosterDigest" TEXT,
ADD COLUMN     "rosterWrittenAt" TIMESTAMP(3);

