// Meetings of a mentor and a mentee: logged by either (from the form or one line of text), confirmed
// or disputed by the other, edited or deleted by the author or a coordinator.
import { confirmRequestMessage, disputedMessage, meetingCard } from './meeting.messages.js';
import { notificationKeyPrefixes, notificationKeys } from '../domain/notifications.js';
import { isUniqueViolation } from './store-errors.js';
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { CANMEDS_ROLE_KEYS, type CanMedsRole } from '../domain/canmeds.js';
import { AppError } from '../domain/errors.js';
import { MEETING_FORMATS, type MeetingFormat } from '../domain/enums.js';
import { formatMinutes } from '../domain/parse/parse-duration.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { meetingFormatLabel } from '../i18n/labels.js';
import { readerLocale } from '../i18n/locale.js';
import { said, t, type Locale, type Said } from '../i18n/translate.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Message } from '../ui/message.js';
import { activePairingsFor, requireEnrolled, today, type PairingSummary } from './access.js';
import type { DbClient } from '../../store/store.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { audit } from './audit.js';
import { cancelNotifications, queueNotification } from './outbox.js';
import { foreignRequest } from './request-ids.js';
import { openReflectionPrompt } from './reflection-prompts.service.js';

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

export interface MeetingInput {
  /** The other member of the pair: needed only when the actor has several active pairings. */
  withPersonId?: string;
  /** Or the pairing itself (a "Log meeting" button carries it). */
  pairingId?: string;
  date: string;
  minutes: number;
  format: MeetingFormat;
  topics: string;
  roles?: CanMedsRole[];
  privateNotes?: string;
  nextSteps?: string;
  nextMeetingDate?: string;
  goalId?: string;
}

export interface MeetingView {
  id: string;
  pairingId: string;
  mentorId: string;
  menteeId: string;
  loggedById: string | null;
  date: string;
  minutes: number;
  format: MeetingFormat;
  topics: string;
  roles: CanMedsRole[];
  privateNotes: string | null;
  nextSteps: string | null;
  nextMeetingDate: string | null;
  goalId: string | null;
  confirmation: 'PENDING' | 'CONFIRMED' | 'DISPUTED';
  disputeNote: string | null;
}

type MeetingRow = Prisma.MeetingGetPayload<object>;

const toView = (m: MeetingRow): MeetingView => ({
  id: m.id,
  pairingId: m.pairingId,
  mentorId: m.mentorId,
  menteeId: m.menteeId,
  loggedById: m.loggedById,
  date: fromDbDate(m.date),
  minutes: m.minutes,
  format: m.format,
  topics: m.topics,
  roles: m.roles,
  privateNotes: m.privateNotes,
  nextSteps: m.nextSteps,
  nextMeetingDate: fromDbDateOrNull(m.nextMeetingDate),
  goalId: m.goalId,
  confirmation: m.confirmation,
  disputeNote: m.disputeNote,
});

/** A pairing the actor can log for: they hold the matching role actively (a withdrawn mentee cannot). */
export interface LoggablePairing extends PairingSummary {
  otherPersonId: string;
  otherName: string;
  actorSide: 'MENTOR' | 'MENTEE';
  /** The language the other member reads (the DM asking them to confirm is written in it). */
  otherLocale: Locale;
}

export async function loggablePairings(ctx: CoreContext, actor: Actor, db: DbClient = ctx.db): Promise<LoggablePairing[]> {
  const pairings = (await activePairingsFor(ctx, actor.personId, db)).filter(
    (p) => (p.mentorId === actor.personId && actor.roles.has('MENTOR')) || (p.menteeId === actor.personId && actor.roles.has('MENTEE')),
  );
  if (pairings.length === 0) return [];
  const otherIds = pairings.map((p) => (p.mentorId === actor.personId ? p.menteeId : p.mentorId));
  const people = await db.person.findMany({ where: { id: { in: otherIds } }, select: { id: true, name: true, language: true, locale: true } });
  const byId = new Map(people.map((p) => [p.id, p]));
  return pairings.map((p) => {
    const actorSide = p.mentorId === actor.personId ? 'MENTOR' : 'MENTEE';
    const otherPersonId = actorSide === 'MENTOR' ? p.menteeId : p.mentorId;
    const other = byId.get(otherPersonId);
    return {
      ...p,
      actorSide,
      otherPersonId,
      otherName: other?.name ?? t(actor.locale, 'meeting.yourPair'),
      otherLocale: readerLocale({ chosen: other?.language, platform: other?.locale, program: ctx.program.locale }),
    };
  });
}

export function noPairingError(ctx: CoreContext): AppError {
  return new AppError('FORBIDDEN', said('meeting.error.noPairing', { program: ctx.program.name }));
}

/** Picks the pairing a meeting belongs to, or says which field needs the answer. */
export function choosePairing(ctx: CoreContext, pairings: LoggablePairing[], input: { withPersonId?: string; pairingId?: string }): LoggablePairing {
  if (pairings.length === 0) throw noPairingError(ctx);
  if (input.pairingId) {
    const found = pairings.find((p) => p.id === input.pairingId);
    if (!found) throw fieldError(MEETING_FIELDS.with, said('meeting.error.pairingGone'));
    return found;
  }
  if (input.withPersonId) {
    const found = pairings.find((p) => p.otherPersonId === input.withPersonId);
    if (!found) {
      const names = pairings.map((p) => p.otherName).join(', ');
      const msg = said('meeting.error.notPaired', { names });
      throw new AppError('FORBIDDEN', msg, { [MEETING_FIELDS.with]: msg });
    }
    return found;
  }
  if (pairings.length === 1) return pairings[0]!;
  const names = pairings.map((p) => p.otherName).join(', ');
  throw fieldError(MEETING_FIELDS.with, said('meeting.error.whichPair', { count: pairings.length, names }));
}

const fieldError = (field: string, message: Said) => new AppError('BAD_INPUT', message, { [field]: message });

const MAX_TOPICS = 3000;
const MAX_NOTES = 3000;
const MAX_NEXT_STEPS = 2000;

/**
 * A meeting dated before the recorded start of its pairing (pairs often meet before a coordinator
 * records the pairing): accepted when the date falls within both people's enrollments and no other
 * pairing of the mentee covers it; the pairing then starts on that date. Returns the new start, or
 * undefined when nothing moves.
 */
async function earlierPairingStart(
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
function validate(ctx: CoreContext, locale: Locale, input: Omit<MeetingInput, 'withPersonId' | 'pairingId'>): void {
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

async function checkGoal(db: DbClient, goalId: string | undefined, menteeId: string): Promise<void> {
  if (!goalId) return;
  const goal = await db.learningGoal.findFirst({ where: { id: goalId, menteeId }, select: { id: true } });
  if (!goal) throw fieldError(MEETING_FIELDS.goal, said('meeting.error.goalNotInPlan'));
}

const clean = (text: string | undefined): string | null => (text && text.trim() !== '' ? text.trim() : null);


export interface LogMeetingResult {
  meeting: MeetingView;
  /** False when this request id had already saved the meeting (a retry). */
  created: boolean;
  otherName: string;
  /** The meeting was dated before the pairing's recorded start, which moved back to it. */
  pairingStartMoved?: { from: string; to: string };
}

export async function logMeeting(ctx: CoreContext, actor: Actor, input: MeetingInput, requestId: string): Promise<LogMeetingResult> {
  requireEnrolled(ctx, actor);
  const retry = await findRetry(ctx, actor, requestId);
  if (retry) return retry;
  const pairing = choosePairing(ctx, await loggablePairings(ctx, actor), input);
  validate(ctx, actor.locale, input);
  const movedStart = await earlierPairingStart(ctx, ctx.db, input.date, pairing, actor.locale);
  await checkGoal(ctx.db, input.goalId, pairing.menteeId);

  let row: MeetingRow;
  try {
    row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.meeting.create({
        data: {
          programId: ctx.program.id,
          pairingId: pairing.id,
          mentorId: pairing.mentorId,
          menteeId: pairing.menteeId,
          loggedById: actor.personId,
          date: toDbDate(input.date),
          minutes: input.minutes,
          format: input.format,
          topics: input.topics.trim(),
          roles: input.roles ?? [],
          privateNotes: clean(input.privateNotes),
          nextSteps: clean(input.nextSteps),
          nextMeetingDate: input.nextMeetingDate ? toDbDate(input.nextMeetingDate) : null,
          goalId: input.goalId ?? null,
          requestId,
        },
      });
      if (ctx.program.rules.reflectionAfterEveryMeeting) {
        const menteeLocale = pairing.menteeId === actor.personId ? actor.locale : pairing.otherLocale;
        await openReflectionPrompt(tx, ctx, { menteeId: pairing.menteeId, kind: 'AFTER_MEETING', meetingId: created.id, dueAt: ctx.clock.now(), subject: { date: created.date }, menteeLocale });
      }
      await queueNotification(tx, {
        programId: ctx.program.id,
        personId: pairing.otherPersonId,
        kind: 'meeting-confirm',
        idempotencyKey: notificationKeys.meetingConfirm(created.id),
        payload: confirmRequestMessage(pairing.otherLocale, toView(created), actor.name),
        dueAt: ctx.clock.now(),
      });
      await cancelNotifications(tx, { keyPrefix: notificationKeyPrefixes.cadenceNudges(pairing.id) });
      if (movedStart) {
        await tx.pairing.update({ where: { id: pairing.id }, data: { fromDate: toDbDate(movedStart) } });
        await audit(tx, { programId: ctx.program.id, actorId: actor.personId, subjectId: pairing.menteeId, action: 'pairing.start-moved', detail: { pairingId: pairing.id, from: pairing.fromDate, to: movedStart, meetingId: created.id } });
      }
      return created;
    });
  } catch (error) {
    // Two deliveries of one request raced: the other one saved it.
    if (isUniqueViolation(error)) {
      const again = await findRetry(ctx, actor, requestId);
      if (again) return again;
    }
    throw error;
  }
  ctx.wakeOutbox?.();
  return { meeting: toView(row), created: true, otherName: pairing.otherName, ...(movedStart ? { pairingStartMoved: { from: pairing.fromDate, to: movedStart } } : {}) };
}

/**
 * The meeting this request already saved, when it is the actor's own: a request id that saved someone
 * else's meeting (a replayed or guessed one) is refused, audited, and nothing of that meeting is shown.
 */
async function findRetry(ctx: CoreContext, actor: Actor, requestId: string): Promise<LogMeetingResult | undefined> {
  const existing = await ctx.db.meeting.findUnique({ where: { requestId } });
  if (!existing) return undefined;
  if (existing.programId !== ctx.program.id || existing.loggedById !== actor.personId) throw await foreignRequest(ctx, actor, 'meeting', 'other-record');
  const otherId = existing.loggedById === existing.mentorId ? existing.menteeId : existing.mentorId;
  const other = await ctx.db.person.findUnique({ where: { id: otherId }, select: { name: true } });
  return { meeting: toView(existing), created: false, otherName: other?.name ?? t(actor.locale, 'meeting.yourPair') };
}

/**
 * The meeting-to-confirm message as `viewer` sees it now: its status, and the buttons only for the
 * member who may still confirm or dispute it (requireOtherMember decides, as when they press).
 */
export async function meetingStatusMessage(ctx: CoreContext, viewer: Actor, meetingId: string): Promise<Message> {
  const row = await loadMeeting(ctx, meetingId);
  const member = viewer.personId === row.mentorId || viewer.personId === row.menteeId;
  if (!member && !viewer.roles.has('COORDINATOR')) throw new AppError('FORBIDDEN', said('meeting.error.cannotSee'));
  let canConfirm = row.confirmation !== 'CONFIRMED';
  try {
    requireOtherMember(ctx, viewer, row);
  } catch {
    canConfirm = false;
  }
  const author = row.loggedById ? await ctx.db.person.findUnique({ where: { id: row.loggedById }, select: { name: true } }) : null;
  return meetingCard(viewer.locale, toView(row), { authorName: author?.name ?? t(viewer.locale, 'meeting.someone'), canConfirm });
}

async function loadMeeting(ctx: CoreContext, meetingId: string): Promise<MeetingRow> {
  const row = await ctx.db.meeting.findFirst({ where: { id: meetingId, programId: ctx.program.id } });
  if (!row) throw new AppError('NOT_FOUND', said('meeting.error.gone'));
  return row;
}

function requireAuthorOrCoordinator(ctx: CoreContext, actor: Actor, row: MeetingRow, what: 'edit' | 'delete'): void {
  requireEnrolled(ctx, actor);
  if (row.loggedById === actor.personId || actor.roles.has('COORDINATOR')) return;
  throw new AppError('FORBIDDEN', said('meeting.error.authorOnly', { action: what }));
}

export type MeetingPatch = Partial<Omit<MeetingInput, 'withPersonId' | 'pairingId'>>;

export async function editMeeting(ctx: CoreContext, actor: Actor, meetingId: string, patch: MeetingPatch): Promise<MeetingView> {
  const row = await loadMeeting(ctx, meetingId);
  requireAuthorOrCoordinator(ctx, actor, row, 'edit');
  const current = toView(row);
  const merged = {
    date: patch.date ?? current.date,
    minutes: patch.minutes ?? current.minutes,
    format: patch.format ?? current.format,
    topics: patch.topics ?? current.topics,
    roles: patch.roles ?? current.roles,
    nextMeetingDate: patch.nextMeetingDate ?? current.nextMeetingDate ?? undefined,
  };
  const pairing = await ctx.db.pairing.findUniqueOrThrow({ where: { id: row.pairingId }, select: { id: true, mentorId: true, menteeId: true, fromDate: true } });
  validate(ctx, actor.locale, { ...merged, ...(patch.privateNotes !== undefined ? { privateNotes: patch.privateNotes } : {}), ...(patch.nextSteps !== undefined ? { nextSteps: patch.nextSteps } : {}) });
  const movedStart = await earlierPairingStart(ctx, ctx.db, merged.date, { ...pairing, fromDate: fromDbDate(pairing.fromDate) }, actor.locale);
  if (movedStart) await ctx.db.pairing.update({ where: { id: pairing.id }, data: { fromDate: toDbDate(movedStart) } });
  await checkGoal(ctx.db, patch.goalId, row.menteeId);
  const updated = await ctx.db.meeting.update({
    where: { id: meetingId },
    data: {
      date: toDbDate(merged.date),
      minutes: merged.minutes,
      format: merged.format,
      topics: merged.topics.trim(),
      roles: merged.roles,
      ...(patch.privateNotes !== undefined ? { privateNotes: clean(patch.privateNotes) } : {}),
      ...(patch.nextSteps !== undefined ? { nextSteps: clean(patch.nextSteps) } : {}),
      nextMeetingDate: merged.nextMeetingDate ? toDbDate(merged.nextMeetingDate) : null,
      ...(patch.goalId !== undefined ? { goalId: patch.goalId || null } : {}),
    },
  });
  return toView(updated);
}

export async function deleteMeeting(ctx: CoreContext, actor: Actor, meetingId: string): Promise<MeetingView> {
  const row = await loadMeeting(ctx, meetingId);
  requireAuthorOrCoordinator(ctx, actor, row, 'delete');
  await ctx.db.$transaction(async (tx) => {
    const prompts = await tx.reflectionPrompt.findMany({ where: { meetingId }, select: { id: true } });
    for (const p of prompts) {
      await cancelNotifications(tx, { keyPrefix: notificationKeys.reflectionPrompt(p.id) });
      await cancelNotifications(tx, { keyPrefix: notificationKeyPrefixes.reflectionReminders(p.id) });
    }
    await cancelNotifications(tx, { keyPrefix: notificationKeys.meetingConfirm(meetingId) });
    // The meeting's reflection prompts go with it (the schema cascades).
    await tx.meeting.delete({ where: { id: meetingId } });
  });
  return toView(row);
}

export interface ConfirmResult {
  meeting: MeetingView;
  /** False when the meeting already had this answer (a second press of the button). */
  changed: boolean;
}

function requireOtherMember(ctx: CoreContext, actor: Actor, row: MeetingRow): void {
  requireEnrolled(ctx, actor);
  const members = [row.mentorId, row.menteeId];
  if (!members.includes(actor.personId)) {
    throw new AppError('FORBIDDEN', said('meeting.error.notMember'));
  }
  if (row.loggedById === actor.personId) {
    throw new AppError('FORBIDDEN', said('meeting.error.ownMeeting'));
  }
}

export async function confirmMeeting(ctx: CoreContext, actor: Actor, meetingId: string): Promise<ConfirmResult> {
  const row = await loadMeeting(ctx, meetingId);
  requireOtherMember(ctx, actor, row);
  if (row.confirmation === 'CONFIRMED') return { meeting: toView(row), changed: false };
  const updated = await ctx.db.meeting.update({
    where: { id: meetingId },
    data: { confirmation: 'CONFIRMED', confirmedAt: ctx.clock.now(), disputeNote: null },
  });
  return { meeting: toView(updated), changed: true };
}

export async function disputeMeeting(ctx: CoreContext, actor: Actor, meetingId: string, note?: string): Promise<ConfirmResult> {
  const row = await loadMeeting(ctx, meetingId);
  requireOtherMember(ctx, actor, row);
  const disputeNote = clean(note);
  if (row.confirmation === 'DISPUTED' && (disputeNote === null || disputeNote === row.disputeNote)) return { meeting: toView(row), changed: false };
  const updated = await ctx.db.$transaction(async (tx) => {
    const saved = await tx.meeting.update({
      where: { id: meetingId },
      data: { confirmation: 'DISPUTED', confirmedAt: null, disputeNote: disputeNote ?? row.disputeNote },
    });
    if (row.loggedById) {
      // The author reads the note in their own language.
      const author = await tx.person.findUnique({ where: { id: row.loggedById }, select: { language: true, locale: true } });
      const authorLocale = readerLocale({ chosen: author?.language, platform: author?.locale, program: ctx.program.locale });
      await queueNotification(tx, {
        programId: ctx.program.id,
        personId: row.loggedById,
        kind: 'meeting-disputed',
        idempotencyKey: notificationKeys.meetingDisputed(meetingId),
        payload: disputedMessage(authorLocale, toView(saved), actor.name),
        dueAt: ctx.clock.now(),
      });
    }
    return saved;
  });
  ctx.wakeOutbox?.();
  return { meeting: toView(updated), changed: true };
}
