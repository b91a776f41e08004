// What the planner's reminders say (planner.service.ts decides when they go): the overdue nudge and its
// escalation, the day-before reminder, the monthly CPD check-in, the end-of-program warning.
import type { CoreContext } from '../context.js';
import { cpdPace } from '../domain/credits.js';
import type { CpdSystem } from '../domain/enums.js';
import { cpdTargetFor } from '../domain/program-rules.js';
import { addDaysLocal } from '../domain/time.js';
import type { Message } from '../ui/message.js';
import { snoozeButtons } from '../ui/snooze.js';
import { toDbDate } from './dates.js';
import { formatNumber, type MenteeProgress } from './progress.service.js';

export function cadenceMessage(pairingId: string, notificationId: string, other: string, last: string | null, days: number): Message {
  const text = last
    ? `It has been ${days} days since your last mentorship meeting with ${other} (${last}). Time to plan the next one?`
    : `You and ${other} have not logged a meeting yet (${days} days since you were paired). Time to plan the first one?`;
  return {
    text,
    blocks: [
      { type: 'text', text },
      {
        type: 'actions',
        buttons: [
          { label: 'Log a meeting', action: 'meeting.log', value: pairingId, style: 'primary' },
          ...snoozeButtons(notificationId),
        ],
      },
    ],
  };
}

export function escalationMessage(mentor: string, mentee: string, last: string | null, days: number): Message {
  const text = `${mentor} (mentor) and ${mentee} (mentee) have had no meeting for ${days} days${last ? ` (last: ${last})` : ' (none logged yet)'}.`;
  return {
    text,
    blocks: [
      { type: 'header', text: 'A pair is overdue' },
      { type: 'text', text },
      { type: 'context', text: 'Both have been nudged. The weekly digest lists every overdue pair.' },
    ],
  };
}

export function nextMeetingMessage(other: string, date: string, inDays: number): Message {
  const when = inDays === 0 ? 'today' : inDays === 1 ? 'tomorrow' : `in ${inDays} days`;
  const text = `Reminder: you agreed to meet ${other} ${when} (${date}).`;
  return { text, blocks: [{ type: 'text', text }] };
}

export function cpdCheckInMessage(
  notificationId: string,
  row: MenteeProgress | undefined,
  system: CpdSystem,
  e: { startDate: string; endDate: string | null },
  today: string,
  ctx: CoreContext,
): Message {
  const target = row?.cpd.target ?? cpdTargetFor(system, ctx.program.rules);
  const credits = row?.cpd.credits ?? 0;
  const pace =
    row?.cpd ??
    cpdPace({ creditsSoFar: credits, target, start: toDbDate(e.startDate), end: toDbDate(e.endDate ?? addDaysLocal(e.startDate, 365)), now: toDbDate(today) });
  const expected = Math.round(pace.expected * 100) / 100;
  const status = pace.behind
    ? `You are ${formatNumber(Math.round((expected - credits) * 100) / 100)} credits behind the pace for your target.`
    : 'You are on pace for your target. Well done!';
  const text = `Monthly CPD check-in: ${formatNumber(credits)} of ${formatNumber(target)} credits so far (about ${formatNumber(expected)} expected by now). ${status}`;
  return {
    text,
    blocks: [
      { type: 'header', text: 'Monthly CPD check-in' },
      { type: 'progress', label: 'CPD credits', value: credits, max: target, note: `about ${formatNumber(expected)} expected by now` },
      { type: 'text', text: status },
      ...(row?.cpd.creditYears ?? [])
        .filter((y) => y.from <= today && today <= y.to)
        .map((y) => ({ type: 'context' as const, text: `Credit year ${y.label}: ${formatNumber(y.credits)} of the ${formatNumber(y.minimum)} credits ${system === 'MOC' ? 'MOC' : 'Mainpro+'} asks for each year.` })),
      { type: 'context', text: 'Log an activity with /cpd.' },
      { type: 'actions', buttons: snoozeButtons(notificationId) },
    ],
  };
}

export function endingMessage(endDate: string, inDays: number, missing: string[]): Message {
  const text =
    missing.length > 0
      ? `Your mentorship year ends on ${endDate} (in ${inDays} days). Still missing for completion: ${missing.length} item${missing.length === 1 ? '' : 's'}.`
      : `Your mentorship year ends on ${endDate} (in ${inDays} days). Nothing is missing for completion: well done!`;
  const blocks: Message['blocks'] = [{ type: 'header', text: 'Your program ends soon' }, { type: 'text', text }];
  if (missing.length > 0) blocks.push({ type: 'list', title: 'Still missing', items: missing });
  return { text, blocks };
}
