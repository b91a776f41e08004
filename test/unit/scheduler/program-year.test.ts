// A whole program year on PGlite with a test clock: which notifications go to whom, and when
// (Winnipeg wall-clock time, across both 2026 DST changes), with quiet hours, an away period and a
// withdrawal. Ticks happen every day at 08:00 local and on Mondays at 09:00 too, as the every-minute
// cron would then; a tick at 07:59 on check-in and DST days finds nothing due.
import { describe, expect, it } from 'vitest';
import { addDaysLocal, dayOfWeek, localDate, localTime, zonedDateTimeToInstant } from '../../../src/core/domain/time.js';
import { toDbDate } from '../../../src/core/services/db-dates.js';
import { queueNotification } from '../../../src/core/services/outbox.js';
import { message } from '../../../src/core/ui/message.js';
import { createScheduler } from '../../../src/scheduler/index.js';
import { addPairing, addPerson, makeContext } from '../../support/fixtures.js';
import { recordingMessenger } from '../../support/recording-messenger.js';
import { useTestStore } from '../../support/stores.js';

const TZ = 'America/Winnipeg';
const at = (date: string, time: string) => zonedDateTimeToInstant(date, time, TZ);

describe('a program year of reminders on pglite', () => {
  const store = useTestStore('pglite');

  it('sends exactly the planned notifications to the right people at the right local times', async () => {
    const ctx = await makeContext(store().prisma, { now: at('2026-01-05', '07:00').toISOString() });
    const { clock, db } = ctx;
    const slack = recordingMessenger('SLACK', clock);
    const teams = recordingMessenger('TEAMS', clock);
    const scheduler = createScheduler({ ctx, messengers: [slack, teams], logger: ctx.logger, instanceId: 'year' });

    const cora = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'], slack: { teamId: 'T1', userId: 'UCORA' } });
    const max = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'], teams: { tenantId: 'tenant-1', userId: 'aad-max', conversationRef: { conversation: { id: 'a:max' } } } });
    const mia = await addPerson(ctx, { name: 'Mia Mentee', start: '2026-01-05', end: '2026-12-31', slack: { teamId: 'T1', userId: 'UMIA' } });
    const wes = await addPerson(ctx, { name: 'Wes Mentee', start: '2026-01-05', slack: { teamId: 'T1', userId: 'UWES' } });
    const miaPair = await addPairing(ctx, max, mia, '2026-01-05');
    await addPairing(ctx, max, wes, '2026-01-05');
    await db.programChannel.create({ data: { programId: ctx.program.id, platform: 'SLACK', workspaceId: 'T1', channelId: 'CDIGEST' } });
    await db.away.create({ data: { programId: ctx.program.id, personId: mia.personId, fromDate: toDbDate('2026-07-01'), untilDate: toDbDate('2026-07-31') } });
    const names = new Map([cora, max, mia, wes].map((p) => [p.personId, p.name.split(' ')[0]!]));

    // Meetings of Max and Mia, logged at noon on the day: [date, agreed next meeting].
    const meetings = new Map<string, string | null>([
      ['2026-01-20', '2026-02-16'],
      ['2026-02-16', null],
      ['2026-04-20', '2026-05-17'],
      ['2026-05-17', null],
      ['2026-06-13', null],
      ['2026-08-20', null],
      ['2026-09-16', null],
      ['2026-10-13', null],
      ['2026-11-09', null],
      ['2026-12-06', null],
    ]);
    const events = new Map<string, () => Promise<void>>([
      // Wes withdraws; a reminder already queued for him is never sent.
      [
        '2026-03-10',
        async () => {
          await db.enrollment.updateMany({ where: { personId: wes.personId }, data: { status: 'WITHDRAWN', statusAt: clock.now() } });
          await queueNotification(db, { programId: ctx.program.id, personId: wes.personId, kind: 'reflection-reminder', idempotencyKey: 'test:wes-after-withdrawal', payload: message('late'), dueAt: at('2026-03-12', '10:00') });
        },
      ],
      // Core queues a confirmation request at 21:30 (quiet hours): it waits for 08:00.
      [
        '2026-06-03',
        async () => {
          clock.set(at('2026-06-03', '21:30'));
          await queueNotification(db, { programId: ctx.program.id, personId: max.personId, kind: 'meeting-confirm', idempotencyKey: 'test:late-evening', payload: message('confirm?'), dueAt: clock.now() });
          expect(await scheduler.tick()).toMatchObject({ delivered: 0 });
        },
      ],
      // During Mia's away period: a personal reminder is postponed to her first morning back, a nudge is dropped.
      [
        '2026-07-09',
        async () => {
          await queueNotification(db, { programId: ctx.program.id, personId: mia.personId, kind: 'reflection-reminder', idempotencyKey: 'test:while-away', payload: message('reflect'), dueAt: at('2026-07-10', '10:00') });
          await queueNotification(db, { programId: ctx.program.id, personId: mia.personId, kind: 'cadence-nudge', idempotencyKey: 'test:nudge-while-away', payload: message('meet?'), dueAt: at('2026-07-10', '10:00') });
        },
      ],
    ]);

    for (let day = '2026-01-05'; day <= '2027-01-04'; day = addDaysLocal(day, 1)) {
      // A minute early nothing is due yet (checked on the 1st and on both DST days).
      if (day.endsWith('-01') || day === '2026-03-08' || day === '2026-11-01') {
        clock.set(at(day, '07:59'));
        expect(await scheduler.tick()).toMatchObject({ planned: 0, delivered: 0 });
      }
      clock.set(at(day, '08:00'));
      await scheduler.tick();
      if (dayOfWeek(day) === 1) {
        clock.set(at(day, '09:00'));
        await scheduler.tick();
      }
      clock.set(at(day, '12:00'));
      if (meetings.has(day)) {
        const next = meetings.get(day);
        await db.meeting.create({
          data: {
            programId: ctx.program.id, pairingId: miaPair, mentorId: max.personId, menteeId: mia.personId, loggedById: max.personId,
            date: toDbDate(day), minutes: 45, format: 'VIDEO', topics: 'practice', nextMeetingDate: next ? toDbDate(next) : null, confirmation: 'CONFIRMED',
          },
        });
      }
      await events.get(day)?.();
    }
    await scheduler.stop();

    const rows = await db.notification.findMany({ where: { status: 'SENT' } });
    const byMessageId = new Map(rows.map((r) => [r.platformMessageId, r]));
    const sends = [...slack.sent, ...teams.sent];
    // Every recorded send is one SENT row, and the other way round: exactly once.
    expect(sends).toHaveLength(rows.length);
    expect(new Set(sends.map((s) => s.messageId)).size).toBe(sends.length);

    const line = (s: (typeof sends)[number]) => {
      const row = byMessageId.get(s.messageId)!;
      const instant = new Date(s.at);
      expect(row.sentAt?.toISOString()).toBe(s.at);
      return `${localDate(instant, TZ)} ${localTime(instant, TZ)} ${row.kind} ${row.personId ? names.get(row.personId) : s.target}`;
    };
    const direct = sends.filter((s) => s.direct).map(line).sort();
    expect(direct).toEqual(
      [
        '2026-02-01 08:00 cpd-checkin Mia',
        '2026-02-01 08:00 cpd-checkin Wes',
        '2026-02-02 08:00 cadence-nudge Max',
        '2026-02-02 08:00 cadence-nudge Wes',
        '2026-02-15 08:00 next-meeting Max',
        '2026-02-15 08:00 next-meeting Mia',
        '2026-03-01 08:00 cpd-checkin Mia',
        '2026-03-01 08:00 cpd-checkin Wes',
        '2026-03-02 08:00 cadence-nudge Max',
        '2026-03-02 08:00 cadence-nudge Wes',
        '2026-03-02 08:00 escalation Cora',
        '2026-03-16 08:00 cadence-nudge Max',
        '2026-03-16 08:00 cadence-nudge Mia',
        '2026-04-01 08:00 cpd-checkin Mia',
        '2026-04-13 08:00 cadence-nudge Max',
        '2026-04-13 08:00 cadence-nudge Mia',
        '2026-04-13 08:00 escalation Cora',
        '2026-05-01 08:00 cpd-checkin Mia',
        '2026-05-16 08:00 next-meeting Max',
        '2026-05-16 08:00 next-meeting Mia',
        '2026-06-01 08:00 cpd-checkin Mia',
        '2026-06-04 08:00 meeting-confirm Max',
        '2026-08-01 08:00 cpd-checkin Mia',
        '2026-08-01 08:00 reflection-reminder Mia',
        '2026-08-11 08:00 cadence-nudge Max',
        '2026-08-11 08:00 cadence-nudge Mia',
        '2026-09-01 08:00 cpd-checkin Mia',
        '2026-10-01 08:00 cpd-checkin Mia',
        '2026-11-01 08:00 cpd-checkin Mia',
        '2026-12-01 08:00 cpd-checkin Mia',
        '2026-12-01 08:00 ending Mia',
      ].sort(),
    );

    // The digest: every Monday at 09:00 Winnipeg time, whatever the UTC offset of the season.
    const digests = sends.filter((s) => !s.direct);
    const mondays: string[] = [];
    for (let day = '2026-01-05'; day <= '2027-01-04'; day = addDaysLocal(day, 7)) mondays.push(day);
    expect(mondays.every((d) => dayOfWeek(d) === 1)).toBe(true);
    expect(digests.map(line)).toEqual(mondays.map((d) => `${d} 09:00 digest CDIGEST`));
    // DST: 09:00 CST is 15:00 UTC, 09:00 CDT is 14:00 UTC.
    expect(digests.find((s) => s.at.startsWith('2026-03-02'))?.at).toBe('2026-03-02T15:00:00.000Z');
    expect(digests.find((s) => s.at.startsWith('2026-03-09'))?.at).toBe('2026-03-09T14:00:00.000Z');
    expect(digests.find((s) => s.at.startsWith('2026-10-26'))?.at).toBe('2026-10-26T14:00:00.000Z');
    expect(digests.find((s) => s.at.startsWith('2026-11-02'))?.at).toBe('2026-11-02T15:00:00.000Z');

    // Platforms: Max on Teams, everyone else and the channel on Slack; Slack DM channels remembered.
    expect(teams.sent.every((s) => s.target === 'aad-max')).toBe(true);
    expect(slack.sent.some((s) => s.target === 'aad-max')).toBe(false);
    const miaAccount = await db.chatAccount.findFirstOrThrow({ where: { personId: mia.personId } });
    expect(miaAccount.dmChannelId).toBe('D-UMIA');

    // What was not sent, and why.
    const notSent = await db.notification.findMany({ where: { status: { not: 'SENT' } }, orderBy: { idempotencyKey: 'asc' } });
    expect(notSent.map((n) => [n.idempotencyKey, n.status])).toEqual([
      ['test:nudge-while-away', 'CANCELLED'],
      ['test:wes-after-withdrawal', 'CANCELLED'],
    ]);
    // The nudge carries the "Log a meeting" button for its pair.
    const nudge = rows.find((r) => r.kind === 'cadence-nudge' && r.personId === mia.personId)!;
    const buttons = (nudge.payload as { blocks: { type: string; buttons?: { action: string; value: string }[] }[] }).blocks.flatMap((b) => b.buttons ?? []);
    expect(buttons).toContainEqual(expect.objectContaining({ action: 'meeting.log', value: miaPair }));
  }, 300_000);
});
