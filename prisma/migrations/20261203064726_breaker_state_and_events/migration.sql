-- AlterTable
ALTER TABLE "CircuitBreaker" ADD COLUMN     "calls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "forcedAt" TIMESTAMP(3),
ADD COLUMN     "forcedBy" TEXT,
ADD COLUMN     "forcedReason" TEXT,
ADD COLUMN     "forcedState" "BreakerState",
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastFailureAt" TIMESTAMP(3),
ADD COLUMN     "probeUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "BreakerEvent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreakerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BreakerEvent_workspaceId_key_at_idx" ON "BreakerEvent"("workspaceId", "key", "at");

-- CreateIndex
CREATE INDEX "BreakerEvent_workspaceId_at_idx" ON "BreakerEvent"("workspaceId", "at");
