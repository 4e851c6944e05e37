-- Why a district's full sync ran (its first, the daily one, Clever's events unusable, an operator).
ALTER TABLE "DistrictSync" ADD COLUMN "fullSyncReason" TEXT;
