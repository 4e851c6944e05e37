-- AlterTable
ALTER TABLE "DistrictSync" ADD COLUMN     "eventsReadUntil" TIMESTAMP(3);

