-- AlterTable
ALTER TABLE "User" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "termId" TEXT;

-- CreateTable
CREATE TABLE "Term" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "name" TEXT,
    "startDate" TEXT,
    "endDate" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Term_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DistrictSync" (
    "districtId" TEXT NOT NULL,
    "fullStep" TEXT,
    "fullCursor" TEXT,
    "fullStartedAt" TIMESTAMP(3),
    "lastFullSyncAt" TIMESTAMP(3),
    "eventCursor" TEXT,
    "lastEventsAt" TIMESTAMP(3),
    "lastSucceededAt" TIMESTAMP(3),
    "lastFailedAt" TIMESTAMP(3),
    "errorRef" TEXT,
    "errorCode" TEXT,
    "lastRowsWritten" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DistrictSync_pkey" PRIMARY KEY ("districtId")
);

-- CreateIndex
CREATE INDEX "Term_districtId_idx" ON "Term"("districtId");

-- CreateIndex
CREATE INDEX "User_districtId_cleverId_idx" ON "User"("districtId", "cleverId");

-- CreateIndex
CREATE INDEX "School_districtId_id_idx" ON "School"("districtId", "id");

-- CreateIndex
CREATE INDEX "Section_districtId_id_idx" ON "Section"("districtId", "id");

-- AddForeignKey
ALTER TABLE "Section" ADD CONSTRAINT "Section_termId_fkey" FOREIGN KEY ("termId") REFERENCES "Term"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Term" ADD CONSTRAINT "Term_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictSync" ADD CONSTRAINT "DistrictSync_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE CASCADE ON UPDATE CASCADE;

