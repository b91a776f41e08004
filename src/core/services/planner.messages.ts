// What the planner's reminders say (planner.service.ts decides when they go): the overdue nudge and its
// escalation, the day-before reminder, the monthly CPD check-in, the end-of-program warning. Each is
// written in its recipient's language (planner.service.ts works it out per person).
import type { CoreContext } from '../context.js';
import { cpdPace } from '../domain/credits.js';
import type { CpdSystem } from '../domain/enums.js';
import { cpdTargetFor } from '../domain/program-rules.js';
import { addDaysLocal } from '../domain/time.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { cpdSystemLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { render, translator, type Said } from '../i18n/translate.js';
import type { Message } from '../ui/message.js';
import { snoozeButtons } from '../ui/snooze.js';
import { toDbDate } from './db-dates.js';
import type { MenteeProgress } from './progress.types.js';
import { toCents } from '../domain/credits.js';

export function cadenceMessage(locale: Locale, pairingId: string, notificationId: string, other: string, last: string | null, days: number): Message {
  const tr = translator(locale);
  const text = last ? tr('planner.cadence.since', { days, other, last: formatDate(locale, last) }) : tr('planner.cadence.never', { days, other });
  return {
    text,
    blocks: [
      { type: 'text', text },
      {
        type: 'actions',
        buttons: [{ label: tr('planner.cadence.logMeeting'), action: 'meeting.log', value: pairingId, style: 'primary' }, ...snoozeButtons(notificationId, locale)],
      },
    ],
  };
}

export function escalationMessage(locale: Locale, mentor: string, mentee: string, last: string | null, days: number): Message {
  const tr = translator(locale);
  const text = tr('planner.escalation.text', { mentor, mentee, days, hasLast: last ? 'yes' : 'no', last: last ? formatDate(locale, last) : '' });
  return {
    text,
    blocks: [
      { type: 'header', text: tr('planner.escalation.header') },
      { type: 'text', text },
      { type: 'context', text: tr('planner.escalation.context') },
    ],
  };
}

export function nextMeetingMessage(locale: Locale, other: string, date: string, inDays: number): Message {
  const text = translator(locale)('planner.nextMeeting', { other, inDays, date: formatDate(locale, date) });
  return { text, blocks: [{ type: 'text', text }] };
}

export function cpdCheckInMessage(
  locale: Locale,
  notificationId: string,
  row: MenteeProgress | undefined,
  system: CpdSystem,
  e: { startDate: string; endDate: string | null },
  today: string,
  ctx: CoreContext,
): Message {
  const tr = translator(locale);
  const n = (x: number) => formatNumber(locale, x);
  const target = row?.cpd.target ?? cpdTargetFor(system, ctx.program.rules);
  const credits = row?.cpd.credits ?? 0;
  const pace =
    row?.cpd ??
    cpdPace({ creditsSoFar: credits, target, start: toDbDate(e.startDate), end: toDbDate(e.endDate ?? addDaysLocal(e.startDate, 365)), now: toDbDate(today) });
  const expected = toCents(pace.expected);
  const status = pace.behind ? tr('planner.cpd.behind', { credits: n(toCents(expected - credits)) }) : tr('planner.cpd.onPace');
  const text = tr('planner.cpd.text', { credits: n(credits), target: n(target), expected: n(expected), status });
  return {
    text,
    blocks: [
      { type: 'header', text: tr('planner.cpd.header') },
      { type: 'progress', label: tr('planner.cpd.progressLabel'), value: credits, max: target, note: tr('planner.cpd.expectedNote', { expected: n(expected) }) },
      { type: 'text', text: status },
      ...(row?.cpd.creditYears ?? [])
        .filter((y) => y.from <= today && today <= y.to)
        .map((y) => ({
          type: 'context' as const,
          text: tr('planner.cpd.creditYear', { year: y.label, credits: n(y.credits), minimum: n(y.minimum), system: cpdSystemLabel(locale, system) }),
        })),
      { type: 'context', text: tr('planner.cpd.logWith') },
      { type: 'actions', buttons: snoozeButtons(notificationId, locale) },
    ],
  };
}

export function endingMessage(locale: Locale, endDate: string, inDays: number, missing: readonly Said[]): Message {
  const tr = translator(locale);
  const values = { endDate: formatDate(locale, endDate), inDays, n: missing.length };
  const text = missing.length > 0 ? tr('planner.ending.missing', values) : tr('planner.ending.complete', values);
  const blocks: Message['blocks'] = [{ type: 'header', text: tr('planner.ending.header') }, { type: 'text', text }];
  if (missing.length > 0) blocks.push({ type: 'list', title: tr('planner.ending.listTitle'), items: missing.map((m) => render(locale, m)) });
  return { text, blocks };
}
