-- CreateTable
CREATE TABLE "DeletedCleverId" (
    "cleverId" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletedCleverId_pkey" PRIMARY KEY ("cleverId")
);

