-- AlterTable
ALTER TABLE "User" ADD COLUMN     "roles" "Role"[] DEFAULT ARRAY[]::"Role"[];


-- Everyone signed in so far holds the role they signed in as.
UPDATE "User" SET "roles" = ARRAY["role"] WHERE "role" IS NOT NULL;
