-- The GIN index on legacy Clever IDs writes through, without a pending list:
-- after a district's full sync (tens of thousands of inserts) every lookup
-- scanned the whole pending list (2.5 ms a probe against 0.01 ms), and
-- Prisma's schema has no way to say this, so it lives here.
ALTER INDEX "User_cleverLegacyIds_idx" SET (fastupdate = off);
