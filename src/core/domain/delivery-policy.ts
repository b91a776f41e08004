// What the outbox does with a message for a person, decided in core and pure: send now, hold until a
// time, or drop, each with its reason. The scheduler only carries the decision out (scheduler/deliver.ts).
import type { NotificationKind } from './notifications.js';
import { personTimeZone } from './people.js';
import { addDaysLocal, localDate, nextAllowedSendTime, zonedDateTimeToInstant, type QuietHours } from './time.js';

/**
 * Nudges are recomputed by the planner from the current state and the digest lists what they
 * are about, so during an away period they are DROPPED: coming back to a pile of stale nudges helps
 * nobody. Everything else (reflection prompts and reminders, welcomes, introductions, meeting
 * confirmations, the end-of-program warning) is personal and still useful: it is POSTPONED to the
 * first morning after the away period ends.
 */
export const DROPPED_WHEN_AWAY: ReadonlySet<NotificationKind> = new Set(['cadence-nudge', 'escalation', 'next-meeting', 'cpd-checkin']);

export const awayPolicy = (kind: string): 'drop' | 'postpone' => (DROPPED_WHEN_AWAY.has(kind as NotificationKind) ? 'drop' : 'postpone');

/**
 * Once a participant's end date has passed (their enrollment still ACTIVE, nobody marked it
 * complete yet), the program's nagging stops: reminders, nudges, check-ins and planned prompts are
 * DROPPED. What answers someone's action (a meeting to confirm or its dispute), the coordinators'
 * messages and the welcome or introduction still go.
 */
export const DROPPED_AFTER_END: ReadonlySet<NotificationKind> = new Set(['reflection-prompt', 'reflection-reminder', 'cadence-nudge', 'next-meeting', 'cpd-checkin']);

/** `date` itself when nobody is away then, else the first day after the (chained) away periods covering it. */
export function firstDayBack(date: string, aways: readonly { from: string; until: string }[]): string {
  let day = date;
  for (let moved = true; moved; ) {
    moved = false;
    for (const a of aways) {
      if (a.from <= day && day <= a.until) {
        day = addDaysLocal(a.until, 1);
        moved = true;
      }
    }
  }
  return day;
}

/** Withdrawn or completed in every enrollment: they get nothing (someone never enrolled, e.g. a new coordinator, still does). */
export const noLongerInProgram = (enrollments: readonly { status: string }[]): boolean => enrollments.length > 0 && !enrollments.some((e) => e.status === 'ACTIVE');

/** What delivery knows of a recipient: dates as YYYY-MM-DD, chat accounts oldest first. */
export interface DeliveryRecipient {
  timeZone: string | null;
  accounts: readonly { timeZone: string | null }[];
  /** This program's enrollments (none: someone never enrolled, e.g. a coordinator named in the configuration). */
  enrollments: readonly { status: string; endDate: string | null }[];
  aways: readonly { from: string; until: string }[];
}

export type DeliveryDecision =
  | { action: 'send' }
  | { action: 'hold'; until: Date; reason: string }
  | { action: 'drop'; reason: string };

/**
 * The one decision of whether a message of `kind` may reach the recipient now, in their time zone
 * (personTimeZone): withdrawn or completed → drop; past their end date → drop the program's nagging;
 * away → drop nudges, hold the rest until the first morning back; quiet hours → hold until they end.
 */
export function deliveryDecision(kind: string, recipient: DeliveryRecipient, now: Date, program: { timeZone: string; quietHours: QuietHours }): DeliveryDecision {
  const active = recipient.enrollments.filter((e) => e.status === 'ACTIVE');
  if (noLongerInProgram(recipient.enrollments)) return { action: 'drop', reason: 'the recipient is no longer active in the program' };
  const tz = personTimeZone(recipient, recipient.accounts, program.timeZone);
  const today = localDate(now, tz);
  if (DROPPED_AFTER_END.has(kind as NotificationKind) && active.length > 0 && active.every((e) => e.endDate !== null && e.endDate < today)) {
    return { action: 'drop', reason: 'the recipient’s program has ended (end date passed)' };
  }
  const quiet = program.quietHours;
  const backOn = firstDayBack(today, recipient.aways);
  if (backOn !== today) {
    const reason = `the recipient is away until ${addDaysLocal(backOn, -1)}`;
    if (awayPolicy(kind) === 'drop') return { action: 'drop', reason };
    return { action: 'hold', until: nextAllowedSendTime(zonedDateTimeToInstant(backOn, quiet.end, tz), tz, quiet), reason };
  }
  const allowed = nextAllowedSendTime(now, tz, quiet);
  if (allowed.getTime() > now.getTime()) return { action: 'hold', until: allowed, reason: 'quiet hours' };
  return { action: 'send' };
}
