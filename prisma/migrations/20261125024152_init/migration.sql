-- CreateEnum
CREATE TYPE "Role" AS ENUM ('MENTEE', 'MENTOR', 'COORDINATOR');

-- CreateEnum
CREATE TYPE "Pathway" AS ENUM ('PRA_MB_FP', 'MLPIMG', 'PRA_MB_SP');

-- CreateEnum
CREATE TYPE "CpdSystem" AS ENUM ('MAINPRO_PLUS', 'MOC');

-- CreateEnum
CREATE TYPE "CpdCategory" AS ENUM ('GROUP_LEARNING', 'SELF_LEARNING', 'ASSESSMENT');

-- CreateEnum
CREATE TYPE "CanMedsRole" AS ENUM ('MEDICAL_EXPERT', 'COMMUNICATOR', 'COLLABORATOR', 'LEADER', 'HEALTH_ADVOCATE', 'SCHOLAR', 'PROFESSIONAL');

-- CreateEnum
CREATE TYPE "MeetingFormat" AS ENUM ('IN_PERSON', 'VIDEO', 'PHONE', 'CHAT');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('SLACK', 'TEAMS');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "MeetingConfirmation" AS ENUM ('PENDING', 'CONFIRMED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('ON_TRACK', 'ACHIEVED', 'DROPPED');

-- CreateEnum
CREATE TYPE "LearningOutcome" AS ENUM ('CONFIRMED_PRACTICE', 'EXPANDED_KNOWLEDGE', 'CHANGED_PRACTICE', 'IMPROVED_PERFORMANCE', 'CONTINUE_LEARNING');

-- CreateEnum
CREATE TYPE "ReflectionKind" AS ENUM ('AFTER_MEETING', 'AFTER_CPD', 'FOLLOW_UP');

-- CreateEnum
CREATE TYPE "ReflectionStatus" AS ENUM ('OPEN', 'DRAFT', 'ANSWERED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/Winnipeg',
    "locale" TEXT NOT NULL DEFAULT 'en-CA',
    "rules" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "timeZone" TEXT,
    "locale" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatAccount" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dmChannelId" TEXT,
    "conversationRef" JSONB,
    "unreachableSince" TIMESTAMP(3),
    "timeZone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "pathway" "Pathway",
    "cpdSystem" "CpdSystem",
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pairing" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "fromDate" DATE NOT NULL,
    "untilDate" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearningGoal" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "roles" "CanMedsRole"[],
    "targetDate" DATE,
    "status" "GoalStatus" NOT NULL DEFAULT 'ON_TRACK',
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearningGoal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "loggedById" TEXT,
    "date" DATE NOT NULL,
    "minutes" INTEGER NOT NULL,
    "format" "MeetingFormat" NOT NULL,
    "topics" TEXT NOT NULL,
    "roles" "CanMedsRole"[],
    "privateNotes" TEXT,
    "nextSteps" TEXT,
    "nextMeetingDate" DATE,
    "goalId" TEXT,
    "confirmation" "MeetingConfirmation" NOT NULL DEFAULT 'PENDING',
    "confirmedAt" TIMESTAMP(3),
    "disputeNote" TEXT,
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CpdActivity" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "system" "CpdSystem" NOT NULL,
    "category" "CpdCategory" NOT NULL,
    "certified" BOOLEAN NOT NULL DEFAULT false,
    "hours" DECIMAL(6,2) NOT NULL,
    "credits" DECIMAL(6,2) NOT NULL,
    "provider" TEXT,
    "roles" "CanMedsRole"[],
    "outcome" "LearningOutcome",
    "reflection" TEXT,
    "evidenceUrl" TEXT,
    "goalId" TEXT,
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CpdActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReflectionPrompt" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "kind" "ReflectionKind" NOT NULL,
    "meetingId" TEXT,
    "cpdActivityId" TEXT,
    "questions" JSONB NOT NULL,
    "answers" JSONB,
    "roles" "CanMedsRole"[],
    "outcome" "LearningOutcome",
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "status" "ReflectionStatus" NOT NULL DEFAULT 'OPEN',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReflectionPrompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Away" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "fromDate" DATE NOT NULL,
    "untilDate" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Away_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramChannel" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "conversationRef" JSONB,
    "purpose" TEXT NOT NULL DEFAULT 'digest',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "personId" TEXT,
    "channelId" TEXT,
    "kind" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "leasedBy" TEXT,
    "lastError" TEXT,
    "platform" "Platform",
    "platformMessageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "programId" TEXT,
    "actorId" TEXT,
    "subjectId" TEXT,
    "action" TEXT NOT NULL,
    "detail" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Program_slug_key" ON "Program"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");

-- CreateIndex
CREATE INDEX "ChatAccount_personId_idx" ON "ChatAccount"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatAccount_platform_workspaceId_userId_key" ON "ChatAccount"("platform", "workspaceId", "userId");

-- CreateIndex
CREATE INDEX "Enrollment_programId_role_status_idx" ON "Enrollment"("programId", "role", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_programId_personId_role_key" ON "Enrollment"("programId", "personId", "role");

-- CreateIndex
CREATE INDEX "Pairing_programId_untilDate_idx" ON "Pairing"("programId", "untilDate");

-- CreateIndex
CREATE INDEX "Pairing_mentorId_idx" ON "Pairing"("mentorId");

-- CreateIndex
CREATE INDEX "Pairing_menteeId_idx" ON "Pairing"("menteeId");

-- CreateIndex
CREATE UNIQUE INDEX "LearningGoal_requestId_key" ON "LearningGoal"("requestId");

-- CreateIndex
CREATE INDEX "LearningGoal_menteeId_idx" ON "LearningGoal"("menteeId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_requestId_key" ON "Meeting"("requestId");

-- CreateIndex
CREATE INDEX "Meeting_programId_date_idx" ON "Meeting"("programId", "date");

-- CreateIndex
CREATE INDEX "Meeting_pairingId_date_idx" ON "Meeting"("pairingId", "date");

-- CreateIndex
CREATE INDEX "Meeting_menteeId_date_idx" ON "Meeting"("menteeId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "CpdActivity_requestId_key" ON "CpdActivity"("requestId");

-- CreateIndex
CREATE INDEX "CpdActivity_programId_date_idx" ON "CpdActivity"("programId", "date");

-- CreateIndex
CREATE INDEX "CpdActivity_personId_date_idx" ON "CpdActivity"("personId", "date");

-- CreateIndex
CREATE INDEX "ReflectionPrompt_programId_status_idx" ON "ReflectionPrompt"("programId", "status");

-- CreateIndex
CREATE INDEX "ReflectionPrompt_menteeId_status_idx" ON "ReflectionPrompt"("menteeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReflectionPrompt_kind_meetingId_key" ON "ReflectionPrompt"("kind", "meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "ReflectionPrompt_kind_cpdActivityId_key" ON "ReflectionPrompt"("kind", "cpdActivityId");

-- CreateIndex
CREATE INDEX "Away_personId_untilDate_idx" ON "Away"("personId", "untilDate");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramChannel_programId_platform_workspaceId_channelId_pur_key" ON "ProgramChannel"("programId", "platform", "workspaceId", "channelId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_idempotencyKey_key" ON "Notification"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Notification_status_dueAt_idx" ON "Notification"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Notification_personId_status_idx" ON "Notification"("personId", "status");

-- CreateIndex
CREATE INDEX "AuditEvent_programId_at_idx" ON "AuditEvent"("programId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectId_idx" ON "AuditEvent"("subjectId");

-- AddForeignKey
ALTER TABLE "ChatAccount" ADD CONSTRAINT "ChatAccount_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningGoal" ADD CONSTRAINT "LearningGoal_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningGoal" ADD CONSTRAINT "LearningGoal_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_loggedById_fkey" FOREIGN KEY ("loggedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "LearningGoal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CpdActivity" ADD CONSTRAINT "CpdActivity_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CpdActivity" ADD CONSTRAINT "CpdActivity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CpdActivity" ADD CONSTRAINT "CpdActivity_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "LearningGoal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReflectionPrompt" ADD CONSTRAINT "ReflectionPrompt_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReflectionPrompt" ADD CONSTRAINT "ReflectionPrompt_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReflectionPrompt" ADD CONSTRAINT "ReflectionPrompt_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReflectionPrompt" ADD CONSTRAINT "ReflectionPrompt_cpdActivityId_fkey" FOREIGN KEY ("cpdActivityId") REFERENCES "CpdActivity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Away" ADD CONSTRAINT "Away_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Away" ADD CONSTRAINT "Away_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramChannel" ADD CONSTRAINT "ProgramChannel_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE SET NULL ON UPDATE CASCADE;
