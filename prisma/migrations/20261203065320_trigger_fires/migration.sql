-- AlterTable
ALTER TABLE "Trigger" ADD COLUMN     "graphVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "pausedAt" TIMESTAMP(3),
ADD COLUMN     "pausedById" TEXT;

-- CreateTable
CREATE TABLE "TriggerFire" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "graphId" TEXT NOT NULL,
    "triggerId" TEXT NOT NULL,
    "triggerName" TEXT NOT NULL,
    "type" "TriggerType" NOT NULL,
    "intendedAt" TIMESTAMP(3) NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dedupeKey" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "runId" TEXT,
    "payload" JSONB,

    CONSTRAINT "TriggerFire_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TriggerFire_workspaceId_triggerId_firedAt_idx" ON "TriggerFire"("workspaceId", "triggerId", "firedAt" DESC);

-- CreateIndex
CREATE INDEX "TriggerFire_workspaceId_graphId_firedAt_idx" ON "TriggerFire"("workspaceId", "graphId", "firedAt" DESC);

-- CreateIndex
CREATE INDEX "TriggerFire_runId_idx" ON "TriggerFire"("runId");

-- CreateIndex
CREATE INDEX "Trigger_workspaceId_type_enabled_idx" ON "Trigger"("workspaceId", "type", "enabled");

-- CreateIndex
CREATE UNIQUE INDEX "Trigger_graphId_name_key" ON "Trigger"("graphId", "name");
