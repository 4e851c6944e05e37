-- AlterEnum
ALTER TYPE "SyncOutcome" ADD VALUE 'skipped';

