-- CPD activities move to the rule sets of the colleges as of 2024 (src/core/domain/cpd-rules.ts).
-- Hand-written so that nothing is lost (the generated diff dropped and re-added "category").
-- No semicolon or quote in these comments: @prisma/adapter-pg splits the script on semicolons.
--   * every existing activity is mapped to a category and an activity type of its system,
--   * the old grid cell is kept in "legacyCategory", e.g. ASSESSMENT certified,
--   * hours and credits are kept as they were (old activities keep their credits),
--   * "certified" now says what the rule set says (MOC Section 2 is never accredited),
--   * one audit event per program (action cpd.rules-migrated) counts what went where.
-- Mainpro+: not certified -> NON_CERTIFIED, certified Assessment -> CERTIFIED_ASSESSMENT, other
--   certified -> CERTIFIED, the old category becomes the activity type (GROUP_LEARNING, SELF_LEARNING,
--   ASSESSMENT).
-- MOC: Group Learning -> SECTION_1 (ACCREDITED_GROUP if it was ticked, else UNACCREDITED_GROUP),
--   Self-Learning -> SECTION_2 PERSONAL_LEARNING_PROJECT (the 2 credits an hour it was counted at),
--   Assessment -> SECTION_3 (KNOWLEDGE_ASSESSMENT if ticked accredited, else PERFORMANCE_ASSESSMENT).

ALTER TABLE "CpdActivity" ADD COLUMN "activityType" TEXT,
ADD COLUMN "legacyCategory" TEXT,
ADD COLUMN "units" DECIMAL(6,2),
ALTER COLUMN "hours" DROP NOT NULL;

UPDATE "CpdActivity" SET "legacyCategory" = "category"::text || CASE WHEN "certified" THEN ' certified' ELSE '' END;

ALTER TABLE "CpdActivity" ALTER COLUMN "category" SET DATA TYPE TEXT USING "category"::text;

UPDATE "CpdActivity" SET
  "activityType" = "category",
  "category" = CASE WHEN NOT "certified" THEN 'NON_CERTIFIED' WHEN "category" = 'ASSESSMENT' THEN 'CERTIFIED_ASSESSMENT' ELSE 'CERTIFIED' END
WHERE "system" = 'MAINPRO_PLUS';

UPDATE "CpdActivity" SET
  "activityType" = CASE
    WHEN "category" = 'GROUP_LEARNING' AND "certified" THEN 'ACCREDITED_GROUP'
    WHEN "category" = 'GROUP_LEARNING' THEN 'UNACCREDITED_GROUP'
    WHEN "category" = 'SELF_LEARNING' THEN 'PERSONAL_LEARNING_PROJECT'
    WHEN "certified" THEN 'KNOWLEDGE_ASSESSMENT'
    ELSE 'PERFORMANCE_ASSESSMENT' END,
  "category" = CASE "category" WHEN 'GROUP_LEARNING' THEN 'SECTION_1' WHEN 'SELF_LEARNING' THEN 'SECTION_2' ELSE 'SECTION_3' END,
  "certified" = "certified" AND "category" <> 'SELF_LEARNING'
WHERE "system" = 'MOC';

INSERT INTO "AuditEvent" ("id", "programId", "action", "detail", "at")
SELECT gen_random_uuid()::text, m."programId", 'cpd.rules-migrated',
  jsonb_build_object('migration', '20261130212551_cpd_rule_sets', 'activities', sum(m.n), 'mapped', jsonb_object_agg(m.mapping, m.n)),
  CURRENT_TIMESTAMP
FROM (
  SELECT "programId", "system"::text || ' ' || "legacyCategory" || ' -> ' || "category" || ' / ' || "activityType" AS mapping, count(*)::int AS n
  FROM "CpdActivity" GROUP BY 1, 2
) m
GROUP BY m."programId";

ALTER TABLE "CpdActivity" ALTER COLUMN "activityType" SET NOT NULL;

-- DropEnum
DROP TYPE "CpdCategory";
