-- AlterTable
ALTER TABLE "Trigger" ADD COLUMN     "slotClaimedAt" TIMESTAMP(3),
ADD COLUMN     "slotClaimedBy" TEXT;

-- CreateIndex
CREATE INDEX "Trigger_nextFireAt_type_idx" ON "Trigger"("nextFireAt", "type");

-- CreateIndex
CREATE INDEX "Trigger_slotClaimedBy_slotClaimedAt_idx" ON "Trigger"("slotClaimedBy", "slotClaimedAt");
