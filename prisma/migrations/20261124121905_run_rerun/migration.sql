-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "rerunFromNode" TEXT,
ADD COLUMN     "rerunOfId" TEXT;
