-- CreateTable
CREATE TABLE "Delegation" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "agent" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "result" JSONB,
    "confidence" DOUBLE PRECISION,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "turn" INTEGER,
    "childRunId" TEXT,
    "approvalId" TEXT,
    "fallbackFor" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Delegation_workspaceId_runId_idx" ON "Delegation"("workspaceId", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "Delegation_runId_nodeId_seq_key" ON "Delegation"("runId", "nodeId", "seq");

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
