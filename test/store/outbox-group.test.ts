// One message for several people (a pair's introduction), on PGlite and PostgreSQL: one group DM when
// both are on one Slack workspace, else one DM each on their own platform, where a retry after a
// partial failure reaches only whoever was not reached yet.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/core/context.js';
import { DeliveryError } from '../../src/core/delivery.js';
import { zonedDateTimeToInstant } from '../../src/core/domain/time.js';
import { pair, unpair } from '../../src/core/services/roster.service.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { createSlackMessenger } from '../../src/slack/messenger.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { addPerson, makeContext, type PersonSpec } from '../support/fixtures.js';
import { recordingMessenger } from '../support/recording-messenger.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';

const TZ = 'America/Winnipeg';
const NOON = zonedDateTimeToInstant('2026-05-12', '12:00', TZ).toISOString();
const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe.each(STORE_KINDS)('a message for several people on %s', (kind) => {
  const store = useTestStore(kind);

  async function setup(mentorSpec: Partial<PersonSpec>, menteeSpec: Partial<PersonSpec>) {
    const ctx = await makeContext(store().prisma, { now: NOON });
    const slack = recordingMessenger('SLACK', ctx.clock);
    const teams = recordingMessenger('TEAMS', ctx.clock);
    const scheduler = createScheduler({ ctx, messengers: [slack, teams], logger: silent, instanceId: `me-${kind}`, plan: false });
    const coordinator = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'] });
    const mentor = await addPerson(ctx, { name: 'Maria Mentor', roles: ['MENTOR'], ...mentorSpec });
    const mentee = await addPerson(ctx, { name: 'Ade Mentee', roles: ['MENTEE'], ...menteeSpec });
    const { pairing } = await pair(ctx, coordinator, mentor.personId, mentee.personId);
    const intros = () => ctx.db.notification.findMany({ where: { idempotencyKey: { startsWith: `intro:${pairing.id}` } }, orderBy: { idempotencyKey: 'asc' } });
    return { ctx, slack, teams, scheduler, coordinator, mentor, mentee, pairingId: pairing.id, intros };
  }

  it('introduces a pair on one Slack workspace in one group DM with both of them', async () => {
    const { slack, teams, scheduler, pairingId, intros } = await setup({ slack: { teamId: 'T1', userId: 'UMENTOR' } }, { slack: { teamId: 'T1', userId: 'UMENTEE' } });

    expect(await scheduler.tick()).toMatchObject({ delivered: 1, failed: 0 });

    expect(slack.sent.map((s) => s.target)).toEqual(['UMENTEE,UMENTOR']);
    expect(slack.sent[0]!.message.text).toContain('Ade Mentee, meet your mentor Maria Mentor; Maria Mentor, meet your mentee Ade Mentee');
    expect(teams.sent).toEqual([]);
    expect((await intros()).map((n) => [n.idempotencyKey, n.status, n.platform])).toEqual([[`intro:${pairingId}`, 'SENT', 'SLACK']]);
  });

  it('introduces a pair on different platforms (or Slack workspaces) with one DM each, on their own platform', async () => {
    const mixed = await setup({ teams: { tenantId: 'tenant', userId: 'aad-mentor' } }, { slack: { teamId: 'T1', userId: 'UMENTEE' } });
    await mixed.scheduler.tick();

    expect(mixed.slack.sent.map((s) => [s.target, s.direct])).toEqual([['UMENTEE', true]]);
    expect(mixed.teams.sent.map((s) => s.target)).toEqual(['aad-mentor']);
    expect(mixed.slack.sent[0]!.message).toEqual(mixed.teams.sent[0]!.message);
    // The introduction was handed on (SENT, no platform) as one row per person.
    const rows = (await mixed.intros()).map((n) => `${n.idempotencyKey} ${n.status} ${n.platform}`);
    expect(rows.sort()).toEqual(
      [
        `intro:${mixed.pairingId} SENT null`,
        `intro:${mixed.pairingId}:${mixed.mentee.personId} SENT SLACK`,
        `intro:${mixed.pairingId}:${mixed.mentor.personId} SENT TEAMS`,
      ].sort(),
    );
  });

  it('on two Slack workspaces sends one DM each, not a group DM', async () => {
    const { slack, scheduler } = await setup({ slack: { teamId: 'T2', userId: 'UMENTOR' } }, { slack: { teamId: 'T1', userId: 'UMENTEE' } });
    await scheduler.tick();
    expect(slack.sent.map((s) => s.target).sort()).toEqual(['UMENTEE', 'UMENTOR']);
  });

  it('retries only the person not reached: the mentee is not messaged again when the mentor’s Teams DM is retried', async () => {
    const { ctx, slack, teams, scheduler, mentor, mentee, pairingId } = await setup({ teams: { tenantId: 'tenant', userId: 'aad-mentor' } }, { slack: { teamId: 'T1', userId: 'UMENTEE' } });
    teams.failNext(new DeliveryError('Teams answered HTTP 502', 'http_502'));
    const row = (personId: string) => ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `intro:${pairingId}:${personId}` } });

    await scheduler.tick();
    expect(await row(mentee.personId)).toMatchObject({ status: 'SENT', platform: 'SLACK' });
    expect(await row(mentor.personId)).toMatchObject({ status: 'PENDING', attempts: 1 });

    ctx.clock.advanceMinutes(1);
    expect(await scheduler.tick()).toMatchObject({ delivered: 1 });
    expect(await row(mentor.personId)).toMatchObject({ status: 'SENT', platform: 'TEAMS', attempts: 2 });
    expect(slack.sent.map((s) => s.target)).toEqual(['UMENTEE']);
    expect(teams.sent.map((s) => s.target)).toEqual(['aad-mentor']);
  });

  it('ending the pairing before delivery cancels the introduction', async () => {
    const { ctx, slack, scheduler, coordinator, mentor, mentee, intros } = await setup({ slack: { teamId: 'T1', userId: 'UMENTOR' } }, { slack: { teamId: 'T1', userId: 'UMENTEE' } });
    await unpair(ctx, coordinator, mentor.personId, mentee.personId);
    expect((await intros()).map((n) => n.status)).toEqual(['CANCELLED']);
    await scheduler.tick();
    expect(slack.sent).toEqual([]);
  });

  it('ending the pairing also cancels a per-person introduction still waiting for a retry', async () => {
    const { ctx, teams, scheduler, coordinator, mentor, mentee, intros } = await setup({ teams: { tenantId: 'tenant', userId: 'aad-mentor' } }, { slack: { teamId: 'T1', userId: 'UMENTEE' } });
    teams.failNext(new DeliveryError('Teams answered HTTP 502', 'http_502'));
    await scheduler.tick();
    await unpair(ctx, coordinator, mentor.personId, mentee.personId);
    const byPerson = (await intros()).filter((n) => n.idempotencyKey.split(':').length === 3).map((n) => `${n.personId === mentor.personId ? 'mentor' : 'mentee'} ${n.status}`);
    expect(byPerson.sort()).toEqual(['mentee SENT', 'mentor CANCELLED']);
    ctx.clock.advanceMinutes(5);
    await scheduler.tick();
    expect(teams.sent).toEqual([]);
  });

  it('splits a group DM the platform refuses for good into one DM each', async () => {
    const { slack, scheduler, intros, pairingId } = await setup({ slack: { teamId: 'T1', userId: 'UMENTOR' } }, { slack: { teamId: 'T1', userId: 'UMENTEE' } });
    slack.failNext(new DeliveryError('Slack refused the message (users_not_found)', 'users_not_found', { permanent: true, unreachable: true }));

    await scheduler.tick();

    expect(slack.sent.map((s) => s.target).sort()).toEqual(['UMENTEE', 'UMENTOR']);
    expect((await intros()).find((n) => n.idempotencyKey === `intro:${pairingId}`)).toMatchObject({ status: 'SENT', platform: null });
  });

  it('waits for the main recipient’s (the mentee’s) quiet hours before the group DM', async () => {
    const { ctx, slack, scheduler, intros } = await setup({ slack: { teamId: 'T1', userId: 'UMENTOR' } }, { timeZone: 'Asia/Tokyo', slack: { teamId: 'T1', userId: 'UMENTEE' } });
    await scheduler.tick();
    expect(slack.sent).toEqual([]);
    const morning = zonedDateTimeToInstant('2026-05-13', '08:00', 'Asia/Tokyo');
    expect((await intros())[0]).toMatchObject({ status: 'PENDING', dueAt: morning });
    ctx.clock.set(morning);
    await scheduler.tick();
    expect(slack.sent.map((s) => s.target)).toEqual(['UMENTEE,UMENTOR']);
  });
});

describe('a pair’s introduction through the Slack messenger', () => {
  const store = useTestStore('pglite');
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  beforeEach(() => slack.reset());
  afterAll(() => slack.close());

  it('opens one conversation with both users and posts the introduction there', async () => {
    const ctx = await makeContext(store().prisma, { now: NOON });
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const scheduler = createScheduler({ ctx, messengers: [createSlackMessenger(client)], logger: silent, instanceId: 'slack-level', plan: false });
    const coordinator = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'] });
    const mentor = await addPerson(ctx, { name: 'Maria Mentor', roles: ['MENTOR'], slack: { teamId: 'T0001', userId: 'UMENTOR' } });
    const mentee = await addPerson(ctx, { name: 'Ade Mentee', roles: ['MENTEE'], slack: { teamId: 'T0001', userId: 'UMENTEE' } });
    await pair(ctx, coordinator, mentor.personId, mentee.personId);

    expect(await scheduler.tick()).toMatchObject({ delivered: 1 });

    expect(slack.calls().map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage']);
    expect(slack.calls('conversations.open')[0]!.args.users).toBe('UMENTEE,UMENTOR');
    const post = slack.calls('chat.postMessage')[0]!;
    expect(String(post.args.channel)).toMatch(/^G/);
    expect(String(post.args.text)).toContain('meet your mentor Maria Mentor');
    expect(JSON.stringify(post.args.blocks)).toContain('meeting.log');
  });
});
