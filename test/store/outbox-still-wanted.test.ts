// What changed between queuing and sending, on PGlite and PostgreSQL: a reminder the planner derived
// from a pair's state is re-checked just before it goes (a meeting logged during the night, a pairing
// ended), and nobody past their end date gets anything even while their enrollment is still ACTIVE.
import type { NotificationKind } from '../../src/core/domain/notifications.js';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.js';
import type { Actor } from '../../src/core/actor.js';
import { zonedDateTimeToInstant } from '../../src/core/domain/time.js';
import { toDbDate } from '../../src/core/services/db-dates.js';
import { queueNotification } from '../../src/core/services/outbox.js';
import { planNotifications } from '../../src/core/services/planner.service.js';
import { message } from '../../src/core/ui/message.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { addPairing, addPerson, makeContext } from '../support/fixtures.js';
import { recordingMessenger } from '../support/recording-messenger.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';

const TZ = 'America/Winnipeg';
const at = (date: string, time: string) => zonedDateTimeToInstant(date, time, TZ);

describe.each(STORE_KINDS)('reminders re-checked at delivery on %s', (kind) => {
  const store = useTestStore(kind);

  async function setup(now: Date) {
    // The monthly CPD check-in on the 28th: none falls on the days these tests look at.
    const ctx = await makeContext(store().prisma, { now: now.toISOString(), rules: { cpdCheckInDayOfMonth: 28 } });
    const slack = recordingMessenger('SLACK', ctx.clock);
    const scheduler = createScheduler({ ctx, messengers: [slack], logger: ctx.logger, instanceId: `still-${kind}` });
    const cora = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'], slack: { teamId: 'T1', userId: 'UCORA' } });
    const max = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'UMAX' } });
    const mia = await addPerson(ctx, { name: 'Mia Mentee', start: '2026-01-05', end: '2026-12-31', slack: { teamId: 'T1', userId: 'UMIA' } });
    const pairingId = await addPairing(ctx, max, mia, '2026-01-05');
    const who = (personId: string | null) => (personId === cora.personId ? 'Cora' : personId === max.personId ? 'Max' : 'Mia');
    const statuses = async () => (await ctx.db.notification.findMany()).map((n) => `${n.kind} ${who(n.personId)} ${n.status}`).sort();
    return { ctx, slack, scheduler, cora, max, mia, pairingId, statuses };
  }

  const meet = (ctx: CoreContext, pairingId: string, mentor: Actor, mentee: Actor, date: string, next: string | null = null) =>
    ctx.db.meeting.create({
      data: {
        programId: ctx.program.id, pairingId, mentorId: mentor.personId, menteeId: mentee.personId, loggedById: mentor.personId,
        date: toDbDate(date), minutes: 45, format: 'VIDEO', topics: 'billing', nextMeetingDate: next ? toDbDate(next) : null,
      },
    });

  it('drops the overdue nudges and the escalation when the pair meets before they go', async () => {
    // Nine weeks without a meeting: both are nudged and the coordinator is told (twice the cadence).
    const { ctx, slack, scheduler, max, mia, pairingId, statuses } = await setup(at('2026-03-09', '08:00'));
    expect(await planNotifications(ctx)).toBe(3);
    // They met this morning and the mentor logged it directly in the store (no service cancelled anything).
    await meet(ctx, pairingId, max, mia, '2026-03-09');
    expect(await scheduler.tick()).toMatchObject({ delivered: 0 });
    expect(slack.sent).toHaveLength(0);
    expect(await statuses()).toEqual(['cadence-nudge Max CANCELLED', 'cadence-nudge Mia CANCELLED', 'escalation Cora CANCELLED']);
    await scheduler.stop();
  });

  it('still sends them when nothing changed, and drops them once the pairing has ended', async () => {
    const { ctx, slack, scheduler, pairingId, statuses } = await setup(at('2026-03-09', '08:00'));
    expect(await planNotifications(ctx)).toBe(3);
    // Quiet hours are over for everyone: all three go.
    expect(await scheduler.tick()).toMatchObject({ delivered: 3 });
    expect(slack.sent.map((s) => s.target).sort()).toEqual(['UCORA', 'UMAX', 'UMIA']);

    // Four weeks on, still no meeting (new keys), but the coordinator ended the pairing as of today.
    ctx.clock.set(at('2026-04-06', '08:00'));
    expect(await planNotifications(ctx)).toBe(3);
    await ctx.db.pairing.update({ where: { id: pairingId }, data: { untilDate: toDbDate('2026-04-06') } });
    expect(await scheduler.tick()).toMatchObject({ delivered: 0 });
    expect(slack.sent).toHaveLength(3);
    expect(await statuses()).toEqual([
      'cadence-nudge Max CANCELLED', 'cadence-nudge Max SENT', 'cadence-nudge Mia CANCELLED', 'cadence-nudge Mia SENT', 'escalation Cora CANCELLED', 'escalation Cora SENT',
    ]);
    await scheduler.stop();
  });

  it('drops the day-before reminder of an agreed meeting when the pair has met since', async () => {
    const { ctx, slack, scheduler, max, mia, pairingId, statuses } = await setup(at('2026-05-19', '08:00'));
    await meet(ctx, pairingId, max, mia, '2026-05-01', '2026-05-20');
    expect(await planNotifications(ctx)).toBe(2);
    // Planned at 08:00, but both are in Vancouver: their morning is two hours later, and by then they have met.
    await ctx.db.person.updateMany({ where: { id: { in: [max.personId, mia.personId] } }, data: { timeZone: 'America/Vancouver' } });
    expect(await scheduler.tick()).toMatchObject({ delivered: 0 });
    expect(await statuses()).toEqual(['next-meeting Max PENDING', 'next-meeting Mia PENDING']);
    await meet(ctx, pairingId, max, mia, '2026-05-19');
    ctx.clock.set(at('2026-05-19', '12:00'));
    expect(await scheduler.tick()).toMatchObject({ delivered: 0 });
    expect(slack.sent).toHaveLength(0);
    expect(await statuses()).toEqual(['next-meeting Max CANCELLED', 'next-meeting Mia CANCELLED']);
    await scheduler.stop();
  });

  it('sends the day-before reminder when the agreement stands', async () => {
    const { ctx, slack, scheduler, max, mia, pairingId } = await setup(at('2026-05-19', '08:00'));
    await meet(ctx, pairingId, max, mia, '2026-05-01', '2026-05-20');
    expect(await planNotifications(ctx)).toBe(2);
    expect(await scheduler.tick()).toMatchObject({ delivered: 2 });
    expect(slack.sent.map((s) => s.target).sort()).toEqual(['UMAX', 'UMIA']);
    await scheduler.stop();
  });

  it('drops the day-before reminder when the agreed date was changed, and reminds of the new date instead', async () => {
    const { ctx, slack, scheduler, max, mia, pairingId, statuses } = await setup(at('2026-05-19', '08:00'));
    const meeting = await meet(ctx, pairingId, max, mia, '2026-05-01', '2026-05-20');
    expect(await planNotifications(ctx)).toBe(2);
    // Before they go, the mentor moves the meeting a week later.
    await ctx.db.meeting.update({ where: { id: meeting.id }, data: { nextMeetingDate: toDbDate('2026-05-27') } });
    expect(await scheduler.tick()).toMatchObject({ delivered: 0 });
    expect(await statuses()).toEqual(['next-meeting Max CANCELLED', 'next-meeting Mia CANCELLED']);
    ctx.clock.set(at('2026-05-26', '08:00'));
    expect(await scheduler.tick()).toMatchObject({ planned: 2, delivered: 2 });
    expect(slack.sent.map((s) => s.message.text).join(' ')).toMatch(/2026-05-27|May 27/);
    await scheduler.stop();
  });

  it('drops a day-before reminder held until after the agreed date', async () => {
    const { ctx, slack, scheduler, max, mia, pairingId, statuses } = await setup(at('2026-05-19', '08:00'));
    await meet(ctx, pairingId, max, mia, '2026-05-01', '2026-05-20');
    expect(await planNotifications(ctx)).toBe(2);
    // Slack was down (a 429 with a long Retry-After, say) until the day after the meeting.
    ctx.clock.set(at('2026-05-21', '09:00'));
    await scheduler.tick();
    expect(slack.sent).toHaveLength(0);
    expect(await statuses()).toEqual(['next-meeting Max CANCELLED', 'next-meeting Mia CANCELLED']);
    await scheduler.stop();
  });

  it('stops the reminders of a participant past their end date (enrollment still ACTIVE), but not what answers an action', async () => {
    const { ctx, slack, scheduler, cora, mia, statuses } = await setup(at('2027-01-04', '10:00'));
    // Queued on the last day of the program; the first delivery attempt is after it.
    const queue = (personId: string, kind: NotificationKind) =>
      queueNotification(ctx.db, { programId: ctx.program.id, personId, kind, idempotencyKey: `late:${kind}:${personId}`, payload: message(kind), dueAt: at('2026-12-31', '21:00') });
    await queue(mia.personId, 'reflection-reminder');
    await queue(mia.personId, 'cpd-checkin');
    await queue(mia.personId, 'meeting-confirm');
    await queue(cora.personId, 'reflection-reminder');
    expect(await scheduler.tick()).toMatchObject({ delivered: 2 });
    expect(slack.sent.map((s) => `${s.target} ${s.message.text}`).sort()).toEqual(['UCORA reflection-reminder', 'UMIA meeting-confirm']);
    expect(await statuses()).toEqual(['cpd-checkin Mia CANCELLED', 'meeting-confirm Mia SENT', 'reflection-reminder Cora SENT', 'reflection-reminder Mia CANCELLED']);
    await scheduler.stop();
  });
});
