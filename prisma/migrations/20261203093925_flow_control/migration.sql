-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "debounceKey" TEXT,
ADD COLUMN     "flowState" TEXT,
ADD COLUMN     "releasedAt" TIMESTAMP(3),
ADD COLUMN     "requestedAt" TIMESTAMP(3),
ADD COLUMN     "startAfter" TIMESTAMP(3),
ADD COLUMN     "throttleKey" TEXT;

-- CreateIndex
CREATE INDEX "Run_workspaceId_graphId_flowState_status_idx" ON "Run"("workspaceId", "graphId", "flowState", "status");
