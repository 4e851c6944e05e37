-- AlterTable
ALTER TABLE "User" ADD COLUMN     "administeredSchoolIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "UsedLoginCode" (
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsedLoginCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateIndex
CREATE INDEX "UsedLoginCode_expiresAt_idx" ON "UsedLoginCode"("expiresAt");

