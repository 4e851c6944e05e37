-- DropIndex
DROP INDEX "User_email_key";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "loginEmail" TEXT;

-- Password accounts sign in with the email they have today.
UPDATE "User" SET "loginEmail" = lower("email") WHERE "passwordHash" IS NOT NULL AND "email" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "User_loginEmail_key" ON "User"("loginEmail");

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email");

