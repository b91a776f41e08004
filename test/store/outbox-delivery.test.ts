// Outbox delivery rules, on PGlite and PostgreSQL: retries with backoff, giving up, unreachable people,
// leases of crashed replicas, the recipient's time zone, wake() and stop(), planning idempotency.
import type { NotificationKind } from '../../src/core/domain/notifications.js';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/context.js';
import { DeliveryError } from '../../src/core/delivery.js';
import { zonedDateTimeToInstant } from '../../src/core/domain/time.js';
import { toDbDate } from '../../src/core/services/db-dates.js';
import { queueNotification } from '../../src/core/services/outbox.js';
import { planNotifications } from '../../src/core/services/planner.service.js';
import { message } from '../../src/core/ui/message.js';
import { createMetrics } from '../../src/http/metrics.js';
import { createScheduler, postDigestNow, printDigest } from '../../src/scheduler/index.js';
import { addPairing, addPerson, makeContext } from '../support/fixtures.js';
import { recordingMessenger } from '../support/recording-messenger.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';
import { heldText } from '../support/held.js';

const TZ = 'America/Winnipeg';
const NOON = zonedDateTimeToInstant('2026-05-12', '12:00', TZ).toISOString();
const MIN = 60_000;

function capturingLogger(): Logger & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const log = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

describe.each(STORE_KINDS)('outbox delivery on %s', (kind) => {
  const store = useTestStore(kind);

  async function setup() {
    const ctx = await makeContext(store().prisma, { now: NOON });
    const slack = recordingMessenger('SLACK', ctx.clock);
    const teams = recordingMessenger('TEAMS', ctx.clock);
    const logger = capturingLogger();
    const metrics = createMetrics();
    const scheduler = createScheduler({ ctx, messengers: [slack, teams], logger, metrics, instanceId: `me-${kind}`, maxAttempts: 3 });
    const queue = (personId: string, key: string, extra: { kind?: NotificationKind; dueAt?: Date } = {}) =>
      queueNotification(ctx.db, { programId: ctx.program.id, personId, kind: extra.kind ?? 'welcome', idempotencyKey: key, payload: message(key), dueAt: extra.dueAt ?? ctx.clock.now() });
    const row = (key: string) => ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: key } });
    return { ctx, slack, teams, logger, metrics, scheduler, queue, row };
  }

  it('backs off after each failed send (1 min, then 5), and gives up after maxAttempts: logged, counted, lastError kept', async () => {
    const { ctx, slack, logger, metrics, scheduler, queue, row } = await setup();
    const sam = await addPerson(ctx, { name: 'Sam', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'USAM' } });
    await queue(sam.personId, 'flaky');
    slack.failNext(new Error('socket hang up'), new DeliveryError('Slack answered HTTP 500', 'http_500'), new DeliveryError('Slack answered HTTP 502', 'http_502'));

    expect(await scheduler.tick()).toMatchObject({ delivered: 0, failed: 0 });
    expect(await row('flaky')).toMatchObject({ status: 'PENDING', attempts: 1, dueAt: new Date(Date.parse(NOON) + MIN), lastError: 'SEND_FAILED: socket hang up' });
    ctx.clock.advanceMinutes(0.5);
    await scheduler.tick();
    expect((await row('flaky')).attempts).toBe(1);
    ctx.clock.advanceMinutes(0.5);
    await scheduler.tick();
    expect(await row('flaky')).toMatchObject({ status: 'PENDING', attempts: 2, dueAt: new Date(Date.parse(NOON) + 6 * MIN) });
    ctx.clock.advanceMinutes(5);
    expect(await scheduler.tick()).toMatchObject({ failed: 1 });
    expect(await row('flaky')).toMatchObject({ status: 'FAILED', attempts: 3, lastError: 'http_502: Slack answered HTTP 502', platform: 'SLACK' });
    expect(slack.sent).toHaveLength(0);
    const failed = await metrics.notificationsFailed.get();
    expect(failed.values).toEqual([expect.objectContaining({ value: 1, labels: { platform: 'SLACK', kind: 'welcome', code: 'http_502' } })]);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['outbox: notification failed for good']);
  });

  it('marks a refusing chat account unreachable and reaches the person on their other platform', async () => {
    const { ctx, slack, teams, scheduler, queue, row } = await setup();
    const both = await addPerson(ctx, { name: 'Bo', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'UBO' }, teams: { tenantId: 't', userId: 'aad-bo' } });
    const only = await addPerson(ctx, { name: 'Oli', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'UOLI' } });
    await queue(both.personId, 'to-bo');
    await queue(only.personId, 'to-oli', { dueAt: new Date(Date.parse(NOON) - 1) });
    const refused = () => new DeliveryError('Slack refused the message (user_not_found)', 'user_not_found', { permanent: true, unreachable: true });
    slack.failNext(refused(), refused());

    expect(await scheduler.tick()).toMatchObject({ delivered: 1, failed: 1 });
    expect(await row('to-oli')).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(await row('to-bo')).toMatchObject({ status: 'SENT', platform: 'TEAMS' });
    expect(teams.sent.map((s) => s.target)).toEqual(['aad-bo']);
    const accounts = await ctx.db.chatAccount.findMany({ where: { platform: 'SLACK' }, orderBy: { userId: 'asc' } });
    expect(accounts.map((a) => [a.userId, a.unreachableSince !== null])).toEqual([
      ['UBO', true],
      ['UOLI', true],
    ]);
    // Later rows skip the unreachable account without trying it.
    await queue(both.personId, 'to-bo-2');
    await scheduler.tick();
    expect(slack.sent).toHaveLength(0);
    expect(teams.sent).toHaveLength(2);
  });

  it('delivers rows a crashed replica left mid-delivery once their lease expires, and leaves live leases alone', async () => {
    const { ctx, slack, scheduler, queue, row } = await setup();
    const sam = await addPerson(ctx, { name: 'Sam', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'USAM' } });
    await queue(sam.personId, 'expired');
    await queue(sam.personId, 'live');
    await queue(sam.personId, 'mine');
    const now = Date.parse(NOON);
    await ctx.db.notification.update({ where: { idempotencyKey: 'expired' }, data: { status: 'SENDING', leasedBy: 'dead-replica', leaseUntil: new Date(now - 1000) } });
    await ctx.db.notification.update({ where: { idempotencyKey: 'live' }, data: { status: 'SENDING', leasedBy: 'other-replica', leaseUntil: new Date(now + 60_000) } });
    // Left by this very instance id before a restart: taken back at once.
    await ctx.db.notification.update({ where: { idempotencyKey: 'mine' }, data: { status: 'SENDING', leasedBy: `me-${kind}`, leaseUntil: new Date(now + 60_000) } });

    expect(await scheduler.tick()).toMatchObject({ delivered: 2 });
    expect(slack.sent.map((s) => s.message.text).sort()).toEqual(['expired', 'mine']);
    expect((await row('live')).status).toBe('SENDING');
  });

  it('uses the recipient’s own time zone for quiet hours, and holds nothing for channels', async () => {
    const { ctx, slack, scheduler, queue, row } = await setup();
    // Noon in Winnipeg is 02:00 the next day in Tokyo.
    const kei = await addPerson(ctx, { name: 'Kei', roles: ['MENTOR'], timeZone: 'Asia/Tokyo', slack: { teamId: 'T1', userId: 'UKEI' } });
    await queue(kei.personId, 'tokyo');
    const channel = await ctx.db.programChannel.create({ data: { programId: ctx.program.id, platform: 'SLACK', workspaceId: 'T1', channelId: 'CDIGEST' } });
    await queueNotification(ctx.db, { programId: ctx.program.id, channelId: channel.id, kind: 'digest', idempotencyKey: 'chan', payload: message('digest'), dueAt: ctx.clock.now() });

    expect(await scheduler.tick()).toMatchObject({ delivered: 1 });
    expect(await row('tokyo')).toMatchObject({ status: 'PENDING', attempts: 0, dueAt: zonedDateTimeToInstant('2026-05-13', '08:00', 'Asia/Tokyo') });
    ctx.clock.set(zonedDateTimeToInstant('2026-05-13', '08:00', 'Asia/Tokyo'));
    await scheduler.tick();
    expect(slack.sent.map((s) => `${s.target} ${s.at}`)).toEqual(['CDIGEST 2026-05-12T17:00:00.000Z', 'UKEI 2026-05-12T23:00:00.000Z']);
  });

  it('cancels what is due for a participant who completed or withdrew; waits for one with no chat account yet', async () => {
    const { ctx, scheduler, queue, row } = await setup();
    const done = await addPerson(ctx, { name: 'Dee', status: 'COMPLETED', slack: { teamId: 'T1', userId: 'UDEE' } });
    const fresh = await addPerson(ctx, { name: 'Fay', roles: ['MENTOR'] });
    await queue(done.personId, 'completed');
    await queue(fresh.personId, 'no-account');
    await scheduler.tick();
    expect(await row('completed')).toMatchObject({ status: 'CANCELLED', lastError: 'the recipient is no longer active in the program' });
    // Held without using up attempts, and asked about again in a day (or as soon as an account appears).
    expect(await row('no-account')).toMatchObject({
      status: 'PENDING',
      attempts: 0,
      dueAt: new Date(Date.parse(NOON) + 24 * 60 * MIN),
      lastError: expect.stringMatching(/^UNREACHABLE: \{/),
    });
    expect(heldText((await row('no-account')).lastError)).toBe('no chat account yet, and no directory to find one by fay@example.org');
  });

  it('wake() delivers what core just queued within moments, without waiting for a tick', async () => {
    const { ctx, slack, scheduler, queue } = await setup();
    const sam = await addPerson(ctx, { name: 'Sam', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'USAM' } });
    await queue(sam.personId, 'now');
    const started = Date.now();
    scheduler.wake();
    scheduler.wake();
    while (slack.sent.length === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(slack.sent.map((s) => s.message.text)).toEqual(['now']);
    await scheduler.stop();
  });

  it('stop() waits for the delivery in flight, which ends recorded as SENT', async () => {
    const { ctx, slack, scheduler, queue, row } = await setup();
    const sam = await addPerson(ctx, { name: 'Sam', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'USAM' } });
    await queue(sam.personId, 'slow');
    slack.delayMs = 300;
    const tick = scheduler.tick();
    await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();
    expect((await row('slow')).status).toBe('SENT');
    await expect(tick).resolves.toMatchObject({ delivered: 1 });
  });

  it('plans each reminder once however often (and however concurrently) planning runs', async () => {
    const { ctx, scheduler } = await setup();
    const mentor = await addPerson(ctx, { name: 'Max', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'UMAX' } });
    const mentee = await addPerson(ctx, { name: 'Mia', slack: { teamId: 'T1', userId: 'UMIA' } });
    const pairing = await addPairing(ctx, mentor, mentee, '2026-04-01');
    await ctx.db.meeting.create({
      data: { programId: ctx.program.id, pairingId: pairing, mentorId: mentor.personId, menteeId: mentee.personId, date: toDbDate('2026-04-10'), minutes: 30, format: 'VIDEO', topics: 't' },
    });
    // 32 days since the meeting: both are nudged; May's CPD check-in for the mentee.
    const first = await Promise.all([planNotifications(ctx), planNotifications(ctx)]);
    expect(first[0] + first[1]).toBe(3);
    expect(await planNotifications(ctx)).toBe(0);
    expect(await scheduler.tick()).toMatchObject({ planned: 0, delivered: 3 });
    const keys = (await ctx.db.notification.findMany({ select: { idempotencyKey: true } })).map((n) => n.idempotencyKey).sort();
    expect(keys).toHaveLength(3);
    expect(keys).toEqual(
      expect.arrayContaining([
        `cadence:${pairing}:2026-04-10:1:${mentee.personId}`,
        `cadence:${pairing}:2026-04-10:1:${mentor.personId}`,
        expect.stringMatching(/^cpd-checkin:.*:2026-05$/),
      ]),
    );
  });

  it('prints the digest as plain text and posts it to every digest channel now', async () => {
    const { ctx, slack, teams, scheduler } = await setup();
    await ctx.db.programChannel.create({ data: { programId: ctx.program.id, platform: 'SLACK', workspaceId: 'T1', channelId: 'CDIGEST' } });
    await ctx.db.programChannel.create({ data: { programId: ctx.program.id, platform: 'TEAMS', workspaceId: 't', channelId: '19:digest' } });
    const text = await printDigest(ctx);
    expect(text).toContain('Weekly digest: Test Mentorship Program');
    expect(text).not.toContain('"type"');
    expect(await postDigestNow(ctx)).toBe(2);
    await scheduler.tick();
    expect(slack.sent.map((s) => s.target)).toEqual(['CDIGEST']);
    expect(teams.sent.map((s) => s.target)).toEqual(['19:digest']);
    ctx.clock.advanceMinutes(1);
    expect(await postDigestNow(ctx)).toBe(2);
  });
});
