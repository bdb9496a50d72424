-- DropIndex
DROP INDEX "Graph_workspaceId_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Graph_workspaceId_archivedAt_updatedAt_idx" ON "Graph"("workspaceId", "archivedAt", "updatedAt");
