// What a meeting must satisfy before it is saved, whether logged or edited (meeting.service.ts saves
// it): the form's field ids, the limits, the dates allowed, the goal belonging to the mentee. Apart so
// the service reads as the steps of logging and editing, and every path checks by the same rules.
import type { CoreContext } from '../context.js';
import { CANMEDS_ROLE_KEYS } from '../domain/canmeds.js';
import { AppError } from '../domain/errors.js';
import { MEETING_FORMATS } from '../domain/enums.js';
import { formatMinutes } from '../domain/parse/parse-duration.js';
import { isCalendarDate } from '../domain/time.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { meetingFormatLabel } from '../i18n/labels.js';
import { said, type Locale, type Said } from '../i18n/translate.js';
import type { DbClient } from '../../store/store.js';
import { today } from './access.js';
import { fromDbDate, toDbDate } from './db-dates.js';
import type { MeetingInput } from './meeting.service.js';

/** The meeting form's field ids: validation errors are keyed by these. */
export const MEETING_FIELDS = {
  with: 'with',
  date: 'date',
  duration: 'duration',
  format: 'format',
  topics: 'topics',
  roles: 'roles',
  notes: 'notes',
  nextSteps: 'next_steps',
  nextMeeting: 'next_meeting',
  goal: 'goal',
} as const;

export const fieldError = (field: string, message: Said) => new AppError('BAD_INPUT', message, { [field]: message });

const MAX_TOPICS = 3000;
const MAX_NOTES = 3000;
const MAX_NEXT_STEPS = 2000;

/**
 * A meeting dated before the recorded start of its pairing (pairs often meet before a coordinator
 * records the pairing): accepted when the date falls within both people's enrollments and no other
 * pairing of the mentee covers it; the pairing then starts on that date. Returns the new start, or
 * undefined when nothing moves.
 */
export async function earlierPairingStart(
  ctx: CoreContext,
  db: DbClient,
  date: string,
  pairing: { id: string; mentorId: string; menteeId: string; fromDate: string },
  locale: Locale,
): Promise<string | undefined> {
  if (!isCalendarDate(date) || date >= pairing.fromDate) return undefined;
  const enrollments = await db.enrollment.findMany({
    where: { programId: ctx.program.id, OR: [{ personId: pairing.mentorId, role: 'MENTOR' }, { personId: pairing.menteeId, role: 'MENTEE' }] },
    include: { person: { select: { name: true } } },
  });
  for (const [personId, role] of [[pairing.mentorId, 'MENTOR'], [pairing.menteeId, 'MENTEE']] as const) {
    const e = enrollments.find((x) => x.personId === personId && x.role === role);
    const start = e ? fromDbDate(e.startDate) : undefined;
    const end = e?.endDate ? fromDbDate(e.endDate) : null;
    if (!e || !start || date < start || (end !== null && date > end)) {
      throw fieldError(
        MEETING_FIELDS.date,
        said('meeting.error.outsideEnrollment', {
          date: formatDate(locale, date),
          who: e?.person.name ?? said('meeting.error.oneOfYou'),
          role,
          span: e && start ? (end ? 'closed' : 'open') : 'none',
          start: start ? formatDate(locale, start) : '',
          end: end ? formatDate(locale, end) : '',
          from: formatDate(locale, pairing.fromDate),
        }),
      );
    }
  }
  const other = await db.pairing.findFirst({
    where: {
      programId: ctx.program.id,
      menteeId: pairing.menteeId,
      id: { not: pairing.id },
      fromDate: { lte: toDbDate(date) },
      OR: [{ untilDate: null }, { untilDate: { gt: toDbDate(date) } }],
    },
    include: { mentor: { select: { name: true } } },
  });
  if (other) {
    throw fieldError(
      MEETING_FIELDS.date,
      said('meeting.error.otherPairing', {
        date: formatDate(locale, date),
        mentor: other.mentor.name,
        otherFrom: formatDate(locale, fromDbDate(other.fromDate)),
        from: formatDate(locale, pairing.fromDate),
      }),
    );
  }
  return date;
}

/** Every rule a user would expect, each error keyed by the form field it concerns (dates written for `locale`). */
export function validateMeeting(ctx: CoreContext, locale: Locale, input: Omit<MeetingInput, 'withPersonId' | 'pairingId'>): void {
  const errors: Record<string, Said> = {};
  const { rules } = ctx.program;
  const now = today(ctx);
  const number = (n: number) => formatNumber(locale, n);
  if (!isCalendarDate(input.date)) errors[MEETING_FIELDS.date] = said('meeting.error.dateInvalid', { given: input.date });
  else if (input.date > now) {
    errors[MEETING_FIELDS.date] = said('meeting.error.dateFuture', { date: formatDate(locale, input.date), today: formatDate(locale, now), timeZone: ctx.program.timeZone });
  }

  if (!Number.isInteger(input.minutes) || input.minutes < rules.minMeetingMinutes || input.minutes > rules.maxMeetingMinutes) {
    errors[MEETING_FIELDS.duration] = said('meeting.error.durationRange', { min: formatMinutes(rules.minMeetingMinutes), max: formatMinutes(rules.maxMeetingMinutes) });
  }
  if (!(MEETING_FORMATS as readonly string[]).includes(input.format)) {
    errors[MEETING_FIELDS.format] = said('meeting.error.formatInvalid', { formats: MEETING_FORMATS.map((f) => meetingFormatLabel(locale, f)).join(', ') });
  }
  if (input.topics.trim() === '') errors[MEETING_FIELDS.topics] = said('meeting.error.topicsMissing');
  // The same limits whichever way the meeting came in (the form, one line of text, a client's own data).
  else if (input.topics.trim().length > MAX_TOPICS) errors[MEETING_FIELDS.topics] = said('meeting.error.topicsTooLongHas', { max: number(MAX_TOPICS), length: number(input.topics.trim().length) });
  for (const [field, text, max] of [[MEETING_FIELDS.notes, input.privateNotes, MAX_NOTES], [MEETING_FIELDS.nextSteps, input.nextSteps, MAX_NEXT_STEPS]] as const) {
    if (text !== undefined && text.trim().length > max) errors[field] = said('meeting.error.textTooLongHas', { max: number(max), length: number(text.trim().length) });
  }
  const unknownRoles = (input.roles ?? []).filter((r) => !CANMEDS_ROLE_KEYS.includes(r));
  if (unknownRoles.length > 0) errors[MEETING_FIELDS.roles] = said('meeting.error.rolesUnknown', { roles: unknownRoles.join(', ') });
  if (input.nextMeetingDate !== undefined) {
    if (!isCalendarDate(input.nextMeetingDate)) errors[MEETING_FIELDS.nextMeeting] = said('meeting.error.nextMeetingInvalid', { given: input.nextMeetingDate });
    else if (isCalendarDate(input.date) && input.nextMeetingDate <= input.date) {
      errors[MEETING_FIELDS.nextMeeting] = said('meeting.error.nextMeetingNotAfter', { next: formatDate(locale, input.nextMeetingDate), date: formatDate(locale, input.date) });
    }
  }
  const problems = Object.values(errors);
  if (problems.length > 0) throw new AppError('BAD_INPUT', allOf(problems), errors);
}

/** Several problems as one text, each its own sentence, in order. */
const allOf = (problems: Said[]): Said => problems.reduceRight((rest, first) => said('meeting.error.several', { first, rest }));

export async function checkGoal(db: DbClient, goalId: string | undefined, menteeId: string): Promise<void> {
  if (!goalId) return;
  const goal = await db.learningGoal.findFirst({ where: { id: goalId, menteeId }, select: { id: true } });
  if (!goal) throw fieldError(MEETING_FIELDS.goal, said('meeting.error.goalNotInPlan'));
}

export const clean = (text: string | undefined): string | null => (text && text.trim() !== '' ? text.trim() : null);
