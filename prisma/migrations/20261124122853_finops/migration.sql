-- AlterTable
ALTER TABLE "Budget" ADD COLUMN     "graphVersionId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'settings';

-- AlterTable
ALTER TABLE "BudgetWindow" ADD COLUMN     "boostUsd" DECIMAL(24,12) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "BudgetReservation" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ModelPrice" ADD COLUMN     "requestsPerMinute" INTEGER,
ADD COLUMN     "tokensPerMinute" INTEGER;

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "tokens" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("workspaceId","key","windowStart")
);

-- CreateTable
CREATE TABLE "CostDaily" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "graphId" TEXT NOT NULL DEFAULT '',
    "graphVersion" INTEGER NOT NULL DEFAULT 0,
    "agent" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "customerKey" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "CostDaily_pkey" PRIMARY KEY ("workspaceId","day","graphId","graphVersion","agent","model","customerKey")
);

-- CreateTable
CREATE TABLE "CostDailyTag" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "tag" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "CostDailyTag_pkey" PRIMARY KEY ("workspaceId","day","tag")
);

-- CreateIndex
CREATE INDEX "Budget_workspaceId_graphVersionId_idx" ON "Budget"("workspaceId", "graphVersionId");

-- CreateIndex
CREATE INDEX "BudgetReservation_status_expiresAt_idx" ON "BudgetReservation"("status", "expiresAt");
