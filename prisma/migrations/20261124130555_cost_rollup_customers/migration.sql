-- AlterTable
ALTER TABLE "CostDaily" DROP CONSTRAINT "CostDaily_pkey",
DROP COLUMN "customerKey",
ADD CONSTRAINT "CostDaily_pkey" PRIMARY KEY ("workspaceId", "day", "graphId", "graphVersion", "agent", "model");

-- CreateTable
CREATE TABLE "CostDailyCustomer" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "customerKey" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(24,12) NOT NULL DEFAULT 0,

    CONSTRAINT "CostDailyCustomer_pkey" PRIMARY KEY ("workspaceId","day","customerKey")
);
