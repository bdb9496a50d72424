-- CreateTable
CREATE TABLE "RunForecast" (
    "runId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "graphId" TEXT NOT NULL,
    "graphVersion" INTEGER NOT NULL,
    "p50Usd" DECIMAL(24,12) NOT NULL,
    "p90Usd" DECIMAL(24,12) NOT NULL,
    "basis" TEXT NOT NULL,
    "historyRuns" INTEGER NOT NULL DEFAULT 0,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "perNode" JSONB NOT NULL,
    "thresholdUsd" DECIMAL(24,12),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunForecast_pkey" PRIMARY KEY ("runId")
);

-- CreateIndex
CREATE INDEX "RunForecast_workspaceId_createdAt_idx" ON "RunForecast"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "RunForecast" ADD CONSTRAINT "RunForecast_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
