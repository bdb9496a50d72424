-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "concurrencyKey" TEXT,
ADD COLUMN     "slotAcquiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Approval" ADD COLUMN     "assignmentNote" TEXT,
ADD COLUMN     "minApprovals" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ApprovalVote" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "approvalId" TEXT NOT NULL,
    "voter" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalVote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApprovalVote_workspaceId_approvalId_idx" ON "ApprovalVote"("workspaceId", "approvalId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalVote_approvalId_voter_key" ON "ApprovalVote"("approvalId", "voter");

-- CreateIndex
CREATE INDEX "Run_workspaceId_graphId_concurrencyKey_status_idx" ON "Run"("workspaceId", "graphId", "concurrencyKey", "status");

-- AddForeignKey
ALTER TABLE "ApprovalVote" ADD CONSTRAINT "ApprovalVote_approvalId_fkey" FOREIGN KEY ("approvalId") REFERENCES "Approval"("id") ON DELETE CASCADE ON UPDATE CASCADE;
