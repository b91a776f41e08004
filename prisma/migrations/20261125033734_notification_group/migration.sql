-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "alsoTo" TEXT[] DEFAULT ARRAY[]::TEXT[];
