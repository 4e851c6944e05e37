-- AlterTable
ALTER TABLE "DistrictSync" ADD COLUMN     "heldAt" TIMESTAMP(3),
ADD COLUMN     "holdCounts" JSONB,
ADD COLUMN     "holdRef" TEXT;

-- CreateTable
CREATE TABLE "ArchiveCandidate" (
    "districtId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "cleverId" TEXT,
    "readAt" TIMESTAMP(3) NOT NULL,
    "syncStartedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArchiveCandidate_pkey" PRIMARY KEY ("districtId","kind","id")
);

-- AddForeignKey
ALTER TABLE "ArchiveCandidate" ADD CONSTRAINT "ArchiveCandidate_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE CASCADE ON UPDATE CASCADE;

