-- AlterEnum
ALTER TYPE "ApprovalKind" ADD VALUE 'forecast';
