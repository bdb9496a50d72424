-- CreateTable
CREATE TABLE "A2ATask" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "graphId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "contextId" TEXT NOT NULL,
    "history" JSONB NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "A2ATask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "A2ATask_runId_key" ON "A2ATask"("runId");

-- CreateIndex
CREATE INDEX "A2ATask_workspaceId_graphId_createdAt_idx" ON "A2ATask"("workspaceId", "graphId", "createdAt" DESC);
