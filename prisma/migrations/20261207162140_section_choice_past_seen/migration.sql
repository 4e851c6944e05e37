-- AlterTable
ALTER TABLE "SectionChoice" ADD COLUMN     "pastSeenAt" TIMESTAMP(3);

