-- CreateTable
CREATE TABLE "ChatInstallation" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "conversationRef" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChatInstallation_email_idx" ON "ChatInstallation"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ChatInstallation_platform_workspaceId_userId_key" ON "ChatInstallation"("platform", "workspaceId", "userId");
