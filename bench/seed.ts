// A large program for the benchmarks, written in bulk SQL (INSERT … SELECT generate_series), so that
// 10,000 participants and 720,000 records take seconds, not the hours row-by-row inserts would.
// Deterministic: the same ids, names, dates and values every run. Tables and columns are spelled as
// prisma/migrations/*/migration.sql creates them, and the schema is left exactly as migrated.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../src/store/store.js';
import { MIGRATIONS_DIR } from '../src/store/migrations.js';

type TxClient = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface SeedSize {
  /** Pairs: one mentor and one mentee each, so participants = 2 × pairs. */
  pairs: number;
  meetingsPerPair: number;
  /** CPD activities per participant (mentors and mentees). */
  cpdPerParticipant: number;
  /** Reflection prompts per pair (after its first meetings), at most meetingsPerPair. */
  reflectionsPerPair: number;
  goalsPerMentee: number;
}

/** The issue's program: 10,000 participants, 120,000 meetings, 500,000 CPD activities, 100,000 reflections. */
export const FULL_SIZE: SeedSize = { pairs: 5000, meetingsPerPair: 24, cpdPerParticipant: 50, reflectionsPerPair: 20, goalsPerMentee: 2 };
/** BENCH_QUICK: the same shape, a hundredth of the size. */
export const QUICK_SIZE: SeedSize = { pairs: 50, meetingsPerPair: 24, cpdPerParticipant: 50, reflectionsPerPair: 20, goalsPerMentee: 2 };

export interface SeedCounts {
  participants: number;
  pairs: number;
  meetings: number;
  cpdActivities: number;
  reflections: number;
  goals: number;
  aways: number;
  ms: number;
  /** Milliseconds per table, index and ANALYZE. */
  steps: Record<string, number>;
}

/** The "today" the seeded data is laid out around (the bench's clock is fixed to it). */
export const SEED_TODAY = '2026-11-20';
export const SEED_NOW = new Date('2026-11-20T15:00:00Z');
export const SEED_SLACK_TEAM = 'TBENCH';

// Ids look like UUIDs (same length, same index sizes) and say what they are: entity code, then a number.
const ENTITY = { person: 1, chat: 2, enrollment: 3, pairing: 4, goal: 5, meeting: 6, cpd: 7, reflection: 8, away: 9 } as const;
type Entity = keyof typeof ENTITY;
const idPrefix = (entity: Entity) => `0000000${ENTITY[entity]}-0000-4000-8000-`;
const idSql = (entity: Entity, numberSql: string) => `'${idPrefix(entity)}' || lpad((${numberSql})::text, 12, '0')`;

/** Seeded person i (1-based): mentors are 1..pairs, mentees pairs+1..2×pairs; pair j is mentor j and mentee pairs+j. */
export const seededPersonId = (i: number): string => `${idPrefix('person')}${String(i).padStart(12, '0')}`;
export const seededSlackUserId = (i: number): string => `UB${String(i).padStart(6, '0')}`;
export const seededEmail = (i: number, pairs: number): string => `${i <= pairs ? 'mentor' : 'mentee'}${String(i).padStart(5, '0')}@bench.example.org`;

/** `CASE expr % values.length WHEN 0 THEN 'v0'::type …`: literals are cast once, not per row. */
function pick(expr: string, values: string[], type: string): string {
  const arms = values.map((v, i) => (i < values.length - 1 ? `WHEN ${i} THEN '${v}'::${type}` : `ELSE '${v}'::${type}`));
  return `CASE (${expr}) % ${values.length} ${arms.join(' ')} END`;
}

const ROLE_SETS = [
  '{MEDICAL_EXPERT,COMMUNICATOR}',
  '{COMMUNICATOR,COLLABORATOR}',
  '{COLLABORATOR}',
  '{LEADER,SCHOLAR}',
  '{HEALTH_ADVOCATE}',
  '{SCHOLAR,PROFESSIONAL}',
  '{PROFESSIONAL,MEDICAL_EXPERT}',
];
const roles = (expr: string) => pick(expr, ROLE_SETS, '"CanMedsRole"[]');

/**
 * Fills `programId` with `size`, laid out around `today` (every pairing active then). The store must be
 * migrated and hold no bench rows yet.
 */
export async function seedProgram(db: Db, programId: string, size: SeedSize = FULL_SIZE, today = SEED_TODAY): Promise<SeedCounts> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  const timed = async (label: string, work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    steps[label] = Math.round(performance.now() - t);
  };
  // One transaction with foreign-key triggers off (session_replication_role = replica): the ids are
  // consistent by construction, and checking 700,000 references row by row triples the time.
  // Secondary indexes of the big tables are dropped and then rebuilt once (a sort instead of 700,000
  // random inserts) with the very statements of the migrations, so the schema ends up as migrated.
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL session_replication_role = replica');
      const indexes = await bulkTableIndexes();
      for (const ix of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${ix.name}"`);
      for (const [table, sql] of insertStatements(programId, size, today)) await timed(table, () => tx.$executeRawUnsafe(sql));
      for (const ix of indexes) await timed(ix.name, () => tx.$executeRawUnsafe(ix.sql));
    },
    { timeout: 60 * 60_000, maxWait: 60_000 },
  );
  // Fresh statistics, as autovacuum would have by the time a real program got this big.
  await timed('ANALYZE', () => db.$executeRawUnsafe('ANALYZE'));
  const n = size.pairs;
  return {
    participants: 2 * n,
    pairs: n,
    meetings: n * size.meetingsPerPair,
    cpdActivities: 2 * n * size.cpdPerParticipant,
    reflections: n * size.reflectionsPerPair,
    goals: n * size.goalsPerMentee,
    aways: Math.floor((2 * n) / 25),
    ms: performance.now() - started,
    steps,
  };
}

function insertStatements(programId: string, size: SeedSize, today: string): [string, string][] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`seed: today must be YYYY-MM-DD, got ${today}`);
  const n = size.pairs;
  const P = `'${programId.replace(/'/g, "''")}'`;
  const person = (i: string) => idSql('person', i);
  // Mentee j's start: spread over the 180 days from 319 days before today; the year ends 364 days later.
  const start = (j: string) => `('${today}'::date - 319 + ((${j}) * 37) % 180)`;
  // Meeting k of pair j: every 9 days from the pairing's start, never later than the day before yesterday.
  const meetingDate = `LEAST(${start('j')} + k * 9 + j % 5, '${today}'::date - 2 - (${size.meetingsPerPair} - k))`;
  const answered = '(j + k) % 20 < 16';

  return [
    [
      'Person',
      `INSERT INTO "Person" ("id", "name", "email", "updatedAt")
       SELECT ${person('i')},
              CASE WHEN i <= ${n} THEN 'Mentor ' ELSE 'Mentee ' END || lpad(i::text, 5, '0'),
              CASE WHEN i <= ${n} THEN 'mentor' ELSE 'mentee' END || lpad(i::text, 5, '0') || '@bench.example.org',
              now()
         FROM generate_series(1, ${2 * n}) i`,
    ],
    [
      'ChatAccount',
      `INSERT INTO "ChatAccount" ("id", "personId", "platform", "workspaceId", "userId", "dmChannelId", "updatedAt")
       SELECT ${idSql('chat', 'i')}, ${person('i')}, 'SLACK', '${SEED_SLACK_TEAM}', 'UB' || lpad(i::text, 6, '0'), 'DUB' || lpad(i::text, 6, '0'), now()
         FROM generate_series(1, ${2 * n}) i`,
    ],
    [
      'Enrollment',
      // One mentee in 97 withdrew 80 days ago.
      `INSERT INTO "Enrollment" ("id", "programId", "personId", "role", "pathway", "cpdSystem", "startDate", "endDate", "status", "statusAt", "updatedAt")
       SELECT ${idSql('enrollment', 'i')}, ${P}, ${person('i')},
              CASE WHEN i <= ${n} THEN 'MENTOR'::"Role" ELSE 'MENTEE'::"Role" END,
              CASE WHEN i <= ${n} THEN NULL ELSE ${pick('i', ['PRA_MB_FP', 'MLPIMG', 'PRA_MB_SP'], '"Pathway"')} END,
              CASE WHEN i <= ${n} THEN NULL WHEN i % 3 = 2 THEN 'MOC'::"CpdSystem" ELSE 'MAINPRO_PLUS'::"CpdSystem" END,
              ${start(`(i - 1) % ${n} + 1`)},
              ${start(`(i - 1) % ${n} + 1`)} + 364,
              CASE WHEN i > ${n} AND i % 97 = 0 THEN 'WITHDRAWN'::"EnrollmentStatus" ELSE 'ACTIVE'::"EnrollmentStatus" END,
              CASE WHEN i > ${n} AND i % 97 = 0 THEN ('${today}'::date - 80)::timestamp ELSE NULL END,
              now()
         FROM generate_series(1, ${2 * n}) i`,
    ],
    [
      'Pairing',
      `INSERT INTO "Pairing" ("id", "programId", "mentorId", "menteeId", "fromDate", "updatedAt")
       SELECT ${idSql('pairing', 'j')}, ${P}, ${person('j')}, ${person(`j + ${n}`)}, ${start('j')}, now()
         FROM generate_series(1, ${n}) j`,
    ],
    [
      'LearningGoal',
      `INSERT INTO "LearningGoal" ("id", "programId", "menteeId", "title", "roles", "targetDate", "status", "updatedAt")
       SELECT ${idSql('goal', 'j * 10 + g')}, ${P}, ${person(`j + ${n}`)}, 'Learning goal ' || g || ' of mentee ' || j,
              ${roles('j + g')}, ${start('j')} + 180 * g,
              CASE WHEN (j + g) % 4 = 0 THEN 'ACHIEVED'::"GoalStatus" ELSE 'ON_TRACK'::"GoalStatus" END, now()
         FROM generate_series(1, ${n}) j, generate_series(1, ${size.goalsPerMentee}) g`,
    ],
    [
      'Meeting',
      // Mostly confirmed; one in 20 disputed; the last meeting of each pair agreed a next one.
      `INSERT INTO "Meeting" ("id", "programId", "pairingId", "mentorId", "menteeId", "loggedById", "date", "minutes", "format", "topics", "roles",
                               "privateNotes", "nextSteps", "nextMeetingDate", "confirmation", "confirmedAt", "requestId", "updatedAt")
       SELECT ${idSql('meeting', 'j * 100 + k')}, ${P}, ${idSql('pairing', 'j')}, ${person('j')}, ${person(`j + ${n}`)}, ${person('j')},
              ${meetingDate}, 30 + (j + k) % 61,
              ${pick('j + k', ['IN_PERSON', 'VIDEO', 'PHONE', 'CHAT'], '"MeetingFormat"')},
              'Discussed topic ' || k || ': billing, referrals and call schedules', ${roles('j + k')},
              CASE WHEN k % 3 = 0 THEN 'Private note ' || k ELSE NULL END,
              'Next steps ' || k,
              CASE WHEN k = ${size.meetingsPerPair - 1} THEN '${today}'::date + j % 30 ELSE NULL END,
              CASE WHEN (j + k) % 20 = 0 THEN 'DISPUTED'::"MeetingConfirmation" WHEN (j + k) % 4 = 0 THEN 'PENDING'::"MeetingConfirmation" ELSE 'CONFIRMED'::"MeetingConfirmation" END,
              CASE WHEN (j + k) % 4 <> 0 THEN now() ELSE NULL END,
              'bench-meeting-' || j || '-' || k, now()
         FROM generate_series(1, ${n}) j, generate_series(0, ${size.meetingsPerPair - 1}) k`,
    ],
    [
      'CpdActivity',
      // Person i's activities, one a week back from yesterday; MOC for specialist-pathway mentees.
      `INSERT INTO "CpdActivity" ("id", "programId", "personId", "title", "date", "system", "category", "activityType", "certified", "hours", "credits",
                                   "provider", "roles", "outcome", "requestId", "updatedAt")
       SELECT ${idSql('cpd', 'i * 1000 + c')}, ${P}, ${person('i')}, 'CPD activity ' || c || ': journal club',
              '${today}'::date - 1 - (c * 7 + i) % 330,
              CASE WHEN i > ${n} AND i % 3 = 2 THEN 'MOC'::"CpdSystem" ELSE 'MAINPRO_PLUS'::"CpdSystem" END,
              -- Each system's own categories and activity types (src/core/domain/cpd-rules.ts).
              CASE WHEN i > ${n} AND i % 3 = 2 THEN (ARRAY['SECTION_1', 'SECTION_2', 'SECTION_3'])[(i + c) % 3 + 1]
                   ELSE (ARRAY['CERTIFIED', 'CERTIFIED_ASSESSMENT', 'NON_CERTIFIED'])[(i + c) % 3 + 1] END,
              CASE WHEN i > ${n} AND i % 3 = 2 THEN (ARRAY['ACCREDITED_GROUP', 'PERSONAL_LEARNING_PROJECT', 'KNOWLEDGE_ASSESSMENT'])[(i + c) % 3 + 1]
                   ELSE 'GROUP_LEARNING' END,
              CASE WHEN i > ${n} AND i % 3 = 2 THEN (i + c) % 3 <> 1 ELSE (i + c) % 3 <> 2 END,
              0.5 + ((i + c) % 6) * 0.5, 0.5 + ((i + c) % 6) * 0.5,
              CASE WHEN c % 5 = 0 THEN 'University of Manitoba CPD' ELSE NULL END,
              ${roles('i + c')},
              ${pick('i + c', ['CONFIRMED_PRACTICE', 'EXPANDED_KNOWLEDGE', 'CHANGED_PRACTICE', 'IMPROVED_PERFORMANCE', 'CONTINUE_LEARNING'], '"LearningOutcome"')},
              'bench-cpd-' || i || '-' || c, now()
         FROM generate_series(1, ${2 * n}) i, generate_series(1, ${size.cpdPerParticipant}) c`,
    ],
    [
      'ReflectionPrompt',
      // After each of the first meetings of every pair: 80% answered, 15% open, 5% saved as a draft.
      `INSERT INTO "ReflectionPrompt" ("id", "programId", "menteeId", "kind", "meetingId", "questions", "answers", "roles", "outcome", "shared",
                                        "status", "dueAt", "answeredAt", "updatedAt")
       SELECT ${idSql('reflection', 'j * 100 + k')}, ${P}, ${person(`j + ${n}`)}, 'AFTER_MEETING', ${idSql('meeting', 'j * 100 + k')},
              '[{"id":"situation","text":"What situation or question did you bring?"},{"id":"learned","text":"What did you learn?"}]'::jsonb,
              CASE WHEN ${answered} THEN jsonb_build_object('situation', 'Situation ' || k, 'learned', 'Learned ' || k) ELSE NULL END,
              ${roles('j * 2 + k')},
              CASE WHEN ${answered} THEN 'EXPANDED_KNOWLEDGE'::"LearningOutcome" ELSE NULL END,
              (j + k) % 2 = 0,
              CASE WHEN ${answered} THEN 'ANSWERED'::"ReflectionStatus" WHEN (j + k) % 20 < 19 THEN 'OPEN'::"ReflectionStatus" ELSE 'DRAFT'::"ReflectionStatus" END,
              (${meetingDate} + 3)::timestamp + interval '14 hours',
              CASE WHEN ${answered} THEN (${meetingDate} + 2)::timestamp + interval '20 hours' ELSE NULL END,
              now()
         FROM generate_series(1, ${n}) j, generate_series(0, ${size.reflectionsPerPair - 1}) k`,
    ],
    [
      'Away',
      // One participant in 25 is or was away for two weeks recently.
      `INSERT INTO "Away" ("id", "programId", "personId", "fromDate", "untilDate")
       SELECT ${idSql('away', 'i')}, ${P}, ${person('i')}, '${today}'::date - i % 40, '${today}'::date - i % 40 + 14
         FROM generate_series(25, ${2 * n}, 25) i`,
    ],
  ];
}

const BULK_TABLES = ['Meeting', 'CpdActivity', 'ReflectionPrompt'];

/** The CREATE INDEX statements the migrations run on the bulk tables (unique ones included). */
async function bulkTableIndexes(): Promise<{ name: string; sql: string }[]> {
  const found: { name: string; sql: string }[] = [];
  const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const dir of dirs) {
    const text = await readFile(join(MIGRATIONS_DIR, dir, 'migration.sql'), 'utf8');
    for (const match of text.matchAll(/^CREATE (?:UNIQUE )?INDEX "([^"]+)" ON "([^"]+)"[^;]*;/gm)) {
      if (BULK_TABLES.includes(match[2]!)) found.push({ name: match[1]!, sql: match[0] });
    }
    // An index a later migration dropped must not come back.
    for (const match of text.matchAll(/^DROP INDEX "([^"]+)";/gm)) {
      const at = found.findIndex((ix) => ix.name === match[1]);
      if (at >= 0) found.splice(at, 1);
    }
  }
  return found;
}
