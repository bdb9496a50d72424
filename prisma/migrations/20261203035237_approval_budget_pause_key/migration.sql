-- AlterTable
ALTER TABLE "Approval" ADD COLUMN     "pauseKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Approval_workspaceId_pauseKey_key" ON "Approval"("workspaceId", "pauseKey");
