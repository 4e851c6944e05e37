-- AlterTable
ALTER TABLE "User" ADD COLUMN     "cleverLegacyIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
