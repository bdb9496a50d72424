-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "provenanceHead" TEXT,
ADD COLUMN     "provenanceSeq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- CreateTable
CREATE TABLE "ProvenanceRecord" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "nodeId" TEXT,
    "delegationId" TEXT,
    "approvalId" TEXT,
    "producer" JSONB NOT NULL,
    "inputHashes" JSONB NOT NULL,
    "outputHash" TEXT NOT NULL,
    "prevHash" TEXT,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvenanceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("chain")
);

-- CreateIndex
CREATE INDEX "ProvenanceRecord_workspaceId_runId_idx" ON "ProvenanceRecord"("workspaceId", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "ProvenanceRecord_runId_seq_key" ON "ProvenanceRecord"("runId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_workspaceId_seq_key" ON "AuditEvent"("workspaceId", "seq");

-- AddForeignKey
ALTER TABLE "ProvenanceRecord" ADD CONSTRAINT "ProvenanceRecord_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
