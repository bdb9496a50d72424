-- CreateTable
CREATE TABLE "CostMonthlyCustomer" (
    "workspaceId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "customerKey" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "CostMonthlyCustomer_pkey" PRIMARY KEY ("workspaceId","month","customerKey")
);

-- CreateIndex
CREATE INDEX "CostMonthlyCustomer_workspaceId_month_costUsd_customerKey_idx" ON "CostMonthlyCustomer"("workspaceId", "month", "costUsd" DESC, "customerKey");

-- Backfill: the months already in the daily customer roll-up.
INSERT INTO "CostMonthlyCustomer" ("workspaceId", "month", "customerKey", "calls", "inputTokens", "outputTokens", "costUsd")
SELECT "workspaceId", date_trunc('month', "day")::date, "customerKey", sum("calls"), sum("inputTokens"), sum("outputTokens"), sum("costUsd")
  FROM "CostDailyCustomer"
 GROUP BY 1, 2, 3;
