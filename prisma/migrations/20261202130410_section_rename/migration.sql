-- AlterTable
ALTER TABLE "Section" ADD COLUMN     "previousName" TEXT,
ADD COLUMN     "renamedAt" TIMESTAMP(3);

