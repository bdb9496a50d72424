-- AlterTable
ALTER TABLE "BudgetReservation" ADD COLUMN     "attribution" JSONB;
