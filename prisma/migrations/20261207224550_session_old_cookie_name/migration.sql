-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "startedBeforeHostCookie" BOOLEAN NOT NULL DEFAULT false;

-- The sessions this upgrade finds may have started under the old cookie name
UPDATE "Session" SET "startedBeforeHostCookie" = true;
