-- AlterTable
ALTER TABLE "District" ADD COLUMN     "disconnectedAt" TIMESTAMP(3);

