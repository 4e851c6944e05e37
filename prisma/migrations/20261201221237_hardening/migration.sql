-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "cleverLoginAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "RateLimit" ADD COLUMN     "expiresAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "RateLimit_expiresAt_idx" ON "RateLimit"("expiresAt");


-- Session tokens are stored hashed from now on: hash the live ones in place,
-- so nobody is signed out by the upgrade.
UPDATE "Session" SET "sessionToken" = encode(sha256(convert_to("sessionToken", 'UTF8')), 'hex');

-- Existing windows end when their longest rule would have ended them.
UPDATE "RateLimit" SET "expiresAt" = "windowStart" + interval '1 hour';
