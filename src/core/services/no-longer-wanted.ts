// Reminders the planner derives from the state of a pair are re-checked just before they go: between
// queuing and sending (quiet hours, an away period, a platform's Retry-After, a snooze) the state can
// change, e.g. a meeting logged at night makes the morning's "no meeting for 4 weeks" nudge, its
// escalation, or the day-before reminder of a meeting already held pointless. The keys carry what
// the check needs; they are made by planner.service.ts, which this mirrors.
import { keyFacts } from '../domain/notifications.js';
import type { CoreContext } from '../context.js';
import { activePairingWhere, today } from './access.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';

/** Why a queued notification is no longer wanted, or null when it still is (other kinds: always null). */
export async function noLongerWanted(ctx: CoreContext, row: { kind: string; idempotencyKey: string }): Promise<string | null> {
  // The keys are built in domain/notifications.ts, which reads them back here.
  const facts = keyFacts(row.kind, row.idempotencyKey);
  if (facts === null) return null;
  return 'pairingId' in facts ? overdueNoMore(ctx, facts.pairingId, facts.since) : nextMeetingNoMore(ctx, facts.meetingId, facts.meetOn);
}

const pairingEnded = async (ctx: CoreContext, pairingId: string): Promise<boolean> =>
  (await ctx.db.pairing.count({ where: { id: pairingId, ...activePairingWhere(ctx) } })) === 0;

/** A meeting dated after `after` (a disputed one may not have happened, as in the planner). */
async function meetingSince(ctx: CoreContext, pairingId: string, after: Date): Promise<string | null> {
  const later = await ctx.db.meeting.findFirst({
    where: { pairingId, confirmation: { not: 'DISPUTED' }, date: { gt: after } },
    select: { date: true },
    orderBy: { date: 'desc' },
  });
  return later ? fromDbDate(later.date) : null;
}

async function overdueNoMore(ctx: CoreContext, pairingId: string, since: string): Promise<string | null> {
  if (await pairingEnded(ctx, pairingId)) return 'the pairing has ended';
  const met = await meetingSince(ctx, pairingId, toDbDate(since));
  return met ? `the pair has met since (${met})` : null;
}

async function nextMeetingNoMore(ctx: CoreContext, meetingId: string, meetOn: string): Promise<string | null> {
  if (today(ctx) > meetOn) return `the agreed date (${meetOn}) has passed`;
  const meeting = await ctx.db.meeting.findUnique({ where: { id: meetingId }, select: { pairingId: true, date: true, confirmation: true, nextMeetingDate: true } });
  if (!meeting) return 'the meeting that agreed the date was deleted';
  if (fromDbDateOrNull(meeting.nextMeetingDate) !== meetOn) return 'the agreed date was changed';
  if (meeting.confirmation === 'DISPUTED') return 'the meeting that agreed the date is disputed';
  if (await pairingEnded(ctx, meeting.pairingId)) return 'the pairing has ended';
  const met = await meetingSince(ctx, meeting.pairingId, meeting.date);
  return met ? `the pair has met since (${met})` : null;
}
