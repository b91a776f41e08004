// The real bot for the HTTP benchmarks and the load test: a fresh PostgreSQL database seeded with a
// program laid out around today, the fake Slack Web API and the fake Bot Connector up first, then
// `src/main.ts` in its own process configured through its environment, as an operator would.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { loadProgramFile } from '../src/config/program-file.js';
import { ensureProgram } from '../src/core/services/program.service.js';
import { localDate } from '../src/core/domain/time.js';
import { applyMigrations } from '../src/store/migrations.js';
import type { Db } from '../src/store/store.js';
import { startFakeSlack, type FakeSlack } from '../test/support/fake-slack.js';
import { startFakeTeams, type FakeTeams } from '../test/support/fake-teams.js';
import { TEST_SIGNING_SECRET } from '../test/support/slack-sign.js';
import { createDatabase } from './databases.js';
import { spawnBot, type BotProcess } from './bot-process.js';
import { seedProgram, seededEmail, seededSlackUserId, SEED_SLACK_TEAM, type SeedSize } from './seed.js';

export const BENCH_TENANT = 'tenant-bench';
export const teamsUserId = (i: number): string => `aad-bench-${String(i).padStart(6, '0')}`;

export interface BenchBot {
  bot: BotProcess;
  slack: FakeSlack;
  teams: FakeTeams;
  /** A client of the bot's database, for checks (counts, polling for a stored record). */
  db: Db;
  databaseUrl: string;
  programId: string;
  /** Today in the program's time zone: what the forms default to. */
  today: string;
  size: SeedSize;
  env: Record<string, string>;
  logDir: string;
  /** Starts the bot again on the same database (after a kill). */
  restart(): Promise<BotProcess>;
  close(): Promise<void>;
}

export interface BenchBotOptions {
  size: SeedSize;
  /** Run the scheduler in the bot (default off: latency figures without background deliveries). */
  scheduler?: boolean;
  /** Participants who also get a Teams account (aad-bench-…), from person 1 up. */
  teamsAccounts?: number;
  extraEnv?: Record<string, string>;
}

export async function startBenchBot(options: BenchBotOptions): Promise<BenchBot> {
  const database = await createDatabase('mb_bench');
  const cleanup: (() => Promise<unknown>)[] = [() => database.drop()];
  try {
    await applyMigrations(new PrismaPg({ connectionString: database.url }));
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 4 }) });
    cleanup.unshift(() => db.$disconnect());

    // The program the bot itself will find (the default program file), seeded before it starts.
    const { coordinators, ...settings } = await loadProgramFile(undefined, []);
    void coordinators;
    const program = await ensureProgram(db, settings, [], { now: () => new Date() });
    const today = localDate(new Date(), program.timeZone);
    await seedProgram(db, program.id, options.size, today);
    const participants = options.size.pairs * 2;
    const teamsAccounts = Math.min(options.teamsAccounts ?? 0, participants);
    if (teamsAccounts > 0) {
      await db.$executeRawUnsafe(`
        INSERT INTO "ChatAccount" ("id", "personId", "platform", "workspaceId", "userId", "updatedAt")
        SELECT 'teams-' || i, "personId", 'TEAMS', '${BENCH_TENANT}', 'aad-bench-' || lpad(i::text, 6, '0'), now()
          FROM (SELECT "personId", substr("userId", 3)::int AS i FROM "ChatAccount" WHERE "platform" = 'SLACK') s
         WHERE i <= ${teamsAccounts}`);
    }

    const slack = await startFakeSlack();
    // The bot token's workspace (auth.test) is the seeded one: the workspace the program trusts.
    slack.bot.teamId = SEED_SLACK_TEAM;
    cleanup.unshift(() => slack.close());
    const teams = await startFakeTeams();
    cleanup.unshift(() => teams.close());
    for (let i = 1; i <= participants; i++) {
      const name = `${i <= options.size.pairs ? 'Mentor' : 'Mentee'} ${String(i).padStart(5, '0')}`;
      slack.users.set(seededSlackUserId(i), { email: seededEmail(i, options.size.pairs), name, tz: program.timeZone, teamId: SEED_SLACK_TEAM });
      if (i <= teamsAccounts) teams.members.set(teamsUserId(i), { email: seededEmail(i, options.size.pairs), name });
    }

    const logDir = await mkdtemp(join(tmpdir(), 'mb-bench-logs-'));
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      TEAMS_AUTH_DISABLED: 'true',
      SCHEDULER_ENABLED: options.scheduler ? 'true' : 'false',
      ...options.extraEnv,
    };
    let bot = await spawnBot({ env, logFile: join(logDir, 'bot.log') });
    cleanup.unshift(() => bot.stop());
    const handle: BenchBot = {
      bot,
      slack,
      teams,
      db,
      databaseUrl: database.url,
      programId: program.id,
      today,
      size: options.size,
      env,
      logDir,
      async restart() {
        await bot.kill();
        bot = await spawnBot({ env, logFile: join(logDir, 'bot.log') });
        handle.bot = bot;
        return bot;
      },
      async close() {
        for (const step of cleanup) await step().catch(() => undefined);
      },
    };
    return handle;
  } catch (error) {
    for (const step of cleanup) await step().catch(() => undefined);
    throw error;
  }
}
