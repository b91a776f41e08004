// Two bot replicas on one PostgreSQL database deliver each outbox row exactly once: two schedulers,
// each with its own PrismaClient (its own connection pool), ticking at the same time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { webApi } from '@slack/bolt';
import type { CoreContext } from '../../src/core/context.js';
import type { Messenger } from '../../src/core/delivery.js';
import { queueNotifications, type QueuedNotification } from '../../src/core/services/outbox.js';
import { message } from '../../src/core/ui/message.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/index.js';
import { createSlackMessenger } from '../../src/slack/messenger.js';
import { createTeamsMessenger } from '../../src/teams/messenger.js';
import { openStore, type Store } from '../../src/store/store.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startFakeTeams, type FakeTeams } from '../support/fake-teams.js';
import { addPerson, makeContext, type TestClock } from '../support/fixtures.js';
import { recordingMessenger } from '../support/recording-messenger.js';
import { createDatabase, emptyTables, postgresReachable } from '../support/stores.js';

/** A context whose clock the test moves. */
type ClockedContext = CoreContext & { clock: TestClock };

// Noon in Winnipeg: no quiet hours in the way.
const NOON = '2026-05-12T17:00:00Z';

describe.skipIf(!postgresReachable())('two replicas on one PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let a: Store;
  let b: Store;
  let slack: FakeSlack;
  let teams: FakeTeams;

  beforeAll(async () => {
    database = await createDatabase('mb_replicas', { migrated: true });
    a = await openStore({ databaseUrl: database.url, dataDir: '' });
    await a.migrate();
    b = await openStore({ databaseUrl: database.url, dataDir: '' });
    [slack, teams] = await Promise.all([startFakeSlack(), startFakeTeams()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), slack?.close(), teams?.close()]);
    await database?.drop();
  });
  beforeEach(async () => {
    await emptyTables(a.prisma);
    slack.reset();
    teams.reset();
  });

  /** 20 mentors without mentees (so the planner adds nothing) on Slack, 20 on Teams, a digest channel on each; `count` rows due now spread over them. */
  async function scene(count: number): Promise<{ ctxA: ClockedContext; ctxB: ClockedContext; texts: string[] }> {
    const ctxA = await makeContext(a.prisma, { now: NOON });
    const ctxB = await makeContext(b.prisma, { now: NOON });
    const recipients: QueuedNotification[] = [];
    const template = (personId?: string, channelId?: string) => ({ programId: ctxA.program.id, personId, channelId });
    const targets: { personId?: string; channelId?: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const s = await addPerson(ctxA, { name: `Slack Person ${i}`, roles: ['MENTOR'], email: `s${i}@example.org`, slack: { teamId: 'T0001', userId: `US${i}` } });
      const t = await addPerson(ctxA, {
        name: `Teams Person ${i}`,
        roles: ['MENTOR'],
        email: `t${i}@example.org`,
        teams: { tenantId: 'tenant-1', userId: `aad-${i}`, conversationRef: { serviceUrl: teams.serviceUrl, conversation: { id: `a:dm-${i}` }, channelId: 'msteams' } },
      });
      targets.push({ personId: s.personId }, { personId: t.personId });
    }
    const sc = await a.prisma.programChannel.create({ data: { programId: ctxA.program.id, platform: 'SLACK', workspaceId: 'T0001', channelId: 'CDIGEST' } });
    const tc = await a.prisma.programChannel.create({
      data: { programId: ctxA.program.id, platform: 'TEAMS', workspaceId: 'tenant-1', channelId: '19:digest', conversationRef: { serviceUrl: teams.serviceUrl, conversation: { id: '19:digest' }, channelId: 'msteams' } },
    });
    targets.push({ channelId: sc.id }, { channelId: tc.id });
    const texts: string[] = [];
    for (let i = 0; i < count; i++) {
      const target = targets[i % targets.length]!;
      const text = `notification ${i}`;
      texts.push(text);
      recipients.push({ ...template(target.personId, target.channelId), kind: 'welcome', idempotencyKey: `replica:${i}`, payload: message(text), dueAt: new Date(Date.parse(NOON) - 60_000 + (i % 7)) });
    }
    expect(await queueNotifications(a.prisma, recipients)).toBe(count);
    return { ctxA, ctxB, texts };
  }

  /**
   * Ticks both schedulers together until nothing is left to send. A send that failed on the way (a
   * loopback socket reset on a loaded machine) is rescheduled for later, as in production: when a round
   * sends nothing, both clocks move on to the next row due, so a retry is part of the run and still
   * counted at the fakes (exactly once) instead of leaving the row behind a frozen clock.
   */
  async function runBoth(schedulers: Scheduler[], ...contexts: ClockedContext[]): Promise<number[]> {
    const db = contexts[0]!.db;
    const delivered = schedulers.map(() => 0);
    for (let round = 0; round < 50; round++) {
      const results = await Promise.all(schedulers.map((s) => s.tick()));
      results.forEach((r, i) => (delivered[i]! += r.delivered));
      if ((await db.notification.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) === 0) break;
      const next = results.every((r) => r.delivered === 0) ? await db.notification.findFirst({ where: { status: 'PENDING' }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } }) : null;
      if (next && next.dueAt > contexts[0]!.clock.now()) for (const c of contexts) c.clock.set(next.dueAt);
    }
    return delivered;
  }

  it('delivers each of 1,000 due notifications exactly once when two schedulers tick concurrently', async () => {
    const { ctxA, ctxB, texts } = await scene(1000);
    const messengersA = [recordingMessenger('SLACK', ctxA.clock), recordingMessenger('TEAMS', ctxA.clock)];
    const messengersB = [recordingMessenger('SLACK', ctxB.clock), recordingMessenger('TEAMS', ctxB.clock)];
    for (const m of [...messengersA, ...messengersB]) m.delayMs = 1;
    const schedulers = [
      createScheduler({ ctx: ctxA, messengers: messengersA, logger: ctxA.logger, instanceId: 'replica-a', batchSize: 25 }),
      createScheduler({ ctx: ctxB, messengers: messengersB, logger: ctxB.logger, instanceId: 'replica-b', batchSize: 25 }),
    ];
    const delivered = await runBoth(schedulers, ctxA, ctxB);

    const sent = [...messengersA, ...messengersB].flatMap((m) => m.sent.map((s) => s.message.text));
    expect(sent).toHaveLength(1000);
    expect(new Set(sent)).toEqual(new Set(texts));
    // Both replicas took part: the claim kept them apart, not luck of timing.
    expect(delivered[0]).toBeGreaterThan(0);
    expect(delivered[1]).toBeGreaterThan(0);
    expect(delivered[0]! + delivered[1]!).toBe(1000);
    const rows = await a.prisma.notification.groupBy({ by: ['status'], _count: { _all: true } });
    expect(rows).toEqual([{ status: 'SENT', _count: { _all: 1000 } }]);
    const leased = await a.prisma.notification.groupBy({ by: ['leasedBy'], _count: { _all: true } });
    expect(leased.map((l) => l.leasedBy).sort()).toEqual(['replica-a', 'replica-b']);
  }, 120_000);

  function realMessengers(): Messenger[] {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const adapter = new TeamsAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'MultiTenant' });
    return [createSlackMessenger(client), createTeamsMessenger(adapter, '', async () => teams.serviceUrl)];
  }

  it('sends each notification exactly once, as seen by the fake Slack and Teams servers', async () => {
    const { ctxA, ctxB, texts } = await scene(1000);
    const schedulers = [
      createScheduler({ ctx: ctxA, messengers: realMessengers(), logger: ctxA.logger, instanceId: 'replica-a', batchSize: 25 }),
      createScheduler({ ctx: ctxB, messengers: realMessengers(), logger: ctxB.logger, instanceId: 'replica-b', batchSize: 25 }),
    ];
    const delivered = await runBoth(schedulers, ctxA, ctxB);
    // When one is missing, say which row and why (its status, attempts, due time and last error).
    const unsent = await a.prisma.notification.findMany({ where: { status: { not: 'SENT' } }, select: { idempotencyKey: true, status: true, attempts: true, dueAt: true, lastError: true, leaseUntil: true } });
    expect(unsent, JSON.stringify(unsent)).toEqual([]);
    expect(delivered[0]! + delivered[1]!).toBe(1000);
    expect(delivered.every((d) => d > 0)).toBe(true);

    const atSlack = slack.calls('chat.postMessage').map((c) => String(c.args.text));
    const atTeams = teams.activities().map((x) => String(x.body.summary ?? x.body.text));
    const all = [...atSlack, ...atTeams];
    expect(all).toHaveLength(1000);
    expect(new Set(all)).toEqual(new Set(texts));
    // Slack DMs: the DM channel is remembered after the first send to a person (a replica that loaded
    // the person before that may open it once more): far fewer opens than the ~480 Slack DMs.
    const opened = slack.calls('conversations.open').length;
    expect(opened).toBeGreaterThanOrEqual(20);
    expect(opened).toBeLessThan(100);
    const sentRows = await a.prisma.notification.findMany({ where: { status: 'SENT' }, select: { platform: true, platformMessageId: true } });
    expect(sentRows.every((r) => r.platform && r.platformMessageId)).toBe(true);
  }, 120_000);

  it('honours Retry-After from the fakes: no further send before it, then delivered without losing an attempt', async () => {
    const ctx = await makeContext(a.prisma, { now: NOON });
    const s = await addPerson(ctx, { name: 'Slack Sam', roles: ['MENTOR'], slack: { teamId: 'T0001', userId: 'USAM' } });
    const t = await addPerson(ctx, { name: 'Teams Tia', roles: ['MENTOR'], teams: { tenantId: 'tenant-1', userId: 'aad-tia', conversationRef: { serviceUrl: teams.serviceUrl, conversation: { id: 'a:tia' }, channelId: 'msteams' } } });
    await queueNotifications(a.prisma, [
      { programId: ctx.program.id, personId: s.personId, kind: 'welcome', idempotencyKey: 'rl:slack:1', payload: message('slack one'), dueAt: new Date(NOON) },
      { programId: ctx.program.id, personId: s.personId, kind: 'welcome', idempotencyKey: 'rl:slack:2', payload: message('slack two'), dueAt: new Date(NOON) },
      { programId: ctx.program.id, personId: t.personId, kind: 'welcome', idempotencyKey: 'rl:teams:1', payload: message('teams one'), dueAt: new Date(NOON) },
    ]);
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    teams.failNext(1, 429, { 'Retry-After': '20' });
    const scheduler = createScheduler({ ctx, messengers: realMessengers(), logger: ctx.logger, instanceId: 'rl' });

    expect(await scheduler.tick()).toMatchObject({ delivered: 0, failed: 0 });
    const rows = await a.prisma.notification.findMany({ orderBy: { idempotencyKey: 'asc' } });
    const due = Object.fromEntries(rows.map((r) => [r.idempotencyKey, r]));
    expect(due['rl:slack:1']).toMatchObject({ status: 'PENDING', attempts: 0, dueAt: new Date(Date.parse(NOON) + 30_000) });
    // The second Slack row was not even tried: Slack as a whole is paused for 30 s.
    expect(due['rl:slack:2']).toMatchObject({ status: 'PENDING', attempts: 0, dueAt: new Date(Date.parse(NOON) + 30_000) });
    expect(due['rl:teams:1']).toMatchObject({ status: 'PENDING', attempts: 0, dueAt: new Date(Date.parse(NOON) + 20_000) });
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
    expect(teams.activities()).toHaveLength(0);

    ctx.clock.advanceMinutes(1 / 3); // +20 s: Teams may go again, Slack not yet.
    expect(await scheduler.tick()).toMatchObject({ delivered: 1 });
    expect(teams.activities().map((x) => x.body.summary)).toEqual(['teams one']);
    expect(slack.calls('chat.postMessage')).toHaveLength(1);

    ctx.clock.advanceMinutes(1 / 6); // +30 s
    expect(await scheduler.tick()).toMatchObject({ delivered: 2 });
    // The refused message is sent again first; which of the two equal-due rows was tried first is not specified.
    const texts = slack.calls('chat.postMessage').map((c) => c.args.text);
    expect(texts[1]).toBe(texts[0]);
    expect([...texts].sort()).toEqual([texts[0], ...['slack one', 'slack two']].sort());
    const after = await a.prisma.notification.findMany({ where: { status: 'SENT' } });
    expect(after).toHaveLength(3);
    expect(after.every((r) => r.attempts === 1)).toBe(true);
  }, 60_000);
});
