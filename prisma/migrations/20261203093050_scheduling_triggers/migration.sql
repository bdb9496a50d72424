-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TriggerType" ADD VALUE 'watch';
ALTER TYPE "TriggerType" ADD VALUE 'report';

-- AlterTable
ALTER TABLE "Trigger" ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hookPath" TEXT,
ADD COLUMN     "inboundAddress" TEXT,
ADD COLUMN     "lastCheckedAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastErrorAt" TIMESTAMP(3),
ADD COLUMN     "nextFireAt" TIMESTAMP(3),
ADD COLUMN     "secretCreatedAt" TIMESTAMP(3),
ADD COLUMN     "secretEnc" TEXT,
ADD COLUMN     "state" JSONB,
ALTER COLUMN "graphId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "TriggerFire" ALTER COLUMN "graphId" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Trigger_inboundAddress_key" ON "Trigger"("inboundAddress");

-- CreateIndex
CREATE UNIQUE INDEX "Trigger_workspaceId_hookPath_key" ON "Trigger"("workspaceId", "hookPath");
