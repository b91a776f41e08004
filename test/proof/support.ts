// Shared by the proof tests: the real bot (startApp) on PGlite or PostgreSQL with Slack wired to the fake
// Web API and Teams on, and a snapshot of everything a request could change (every table's row count,
// plus what the fakes received), to assert "nothing changed".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/http/logger.js';
import type { Db } from '../../src/store/store.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startFakeTeams, type FakeTeams } from '../support/fake-teams.js';
import { TEST_SIGNING_SECRET } from '../support/slack-sign.js';
import { pgliteTemplate } from '../support/stores.js';

export const TABLES = [
  'Program',
  'Person',
  'ChatAccount',
  'Enrollment',
  'Pairing',
  'LearningGoal',
  'Meeting',
  'CpdActivity',
  'ReflectionPrompt',
  'Away',
  'ProgramChannel',
  'Notification',
  'AuditEvent',
] as const;

export interface ProofBot {
  app: RunningApp;
  slack: FakeSlack;
  teams: FakeTeams;
  db: Db;
  close(): Promise<void>;
}

export async function startProofBot(options: { teamsAuth?: boolean; env?: Record<string, string> } = {}): Promise<ProofBot> {
  process.env.NO_PROXY = '127.0.0.1,localhost';
  const slack = await startFakeSlack();
  const teams = await startFakeTeams();
  const dir = await mkdtemp(join(tmpdir(), 'mb-proof-'));
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dir,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    ...(options.teamsAuth
      ? { TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'not-a-real-secret', TEAMS_APP_TYPE: 'SingleTenant', TEAMS_APP_TENANT_ID: 'tenant-0001' }
      : { TEAMS_AUTH_DISABLED: 'true' }),
    ...options.env,
  });
  const app = await startApp(env, { storeTemplate: await pgliteTemplate(), scheduler: false, slackRetries: 0, logger: createLogger(env.LOG_LEVEL) });
  return {
    app,
    slack,
    teams,
    db: app.ctx.db,
    async close() {
      await app.close();
      await slack.close();
      await teams.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type Snapshot = Record<string, number>;

/** Row counts of every table, the latest updatedAt of the mutable ones, and what the fakes received. */
export async function snapshot(bot: ProofBot): Promise<Snapshot> {
  const parts = TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ');
  const rows = await bot.db.$queryRawUnsafe<Record<string, number>[]>(`SELECT ${parts}`);
  const touched = await bot.db.$queryRawUnsafe<{ at: Date | null }[]>(
    `SELECT greatest((SELECT max("updatedAt") FROM "Meeting"), (SELECT max("updatedAt") FROM "Person"), (SELECT max("updatedAt") FROM "Enrollment"), (SELECT max("updatedAt") FROM "Notification"), (SELECT max("updatedAt") FROM "ReflectionPrompt")) AS at`,
  );
  return {
    ...Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)])),
    lastUpdate: touched[0]?.at ? new Date(touched[0].at).getTime() : 0,
    slackCalls: bot.slack.calls().filter((c) => c.method !== 'auth.test').length,
    slackResponses: bot.slack.responses().length,
    teamsActivities: bot.teams.activities().length,
    teamsLookups: bot.teams.memberLookups().length,
  };
}

export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** fast-check run count: FUZZ_RUNS for a longer run. */
export const runs = (fallback: number) => (process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : fallback);

/** A property test's time limit: bounded in `npm test`; none when FUZZ_RUNS asks for a longer run (0 = no limit). */
export const budget = (ms: number) => (process.env.FUZZ_RUNS ? 0 : ms);
