-- CreateIndex
CREATE INDEX "User_cleverLegacyIds_idx" ON "User" USING GIN ("cleverLegacyIds");

