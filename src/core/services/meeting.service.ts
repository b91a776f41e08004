// Meetings of a mentor and a mentee: logged by either (from the form or one line of text), edited or
// deleted by the author or a coordinator. What a meeting must satisfy is in meeting-validation.ts, the
// other member's confirming or disputing in meeting-confirm.service.ts, what the messages say in
// meeting.messages.ts.
import { confirmRequestMessage } from './meeting.messages.js';
import { notificationKeyPrefixes, notificationKeys } from '../domain/notifications.js';
import { isUniqueViolation } from './store-errors.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { CanMedsRole } from '../domain/canmeds.js';
import { AppError } from '../domain/errors.js';
import type { MeetingFormat } from '../domain/enums.js';
import { readerLocale } from '../i18n/locale.js';
import { said, t, type Locale } from '../i18n/translate.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { activePairingsFor, requireEnrolled, type PairingSummary } from './access.js';
import type { DbClient } from '../../store/store.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { audit } from './audit.js';
import { cancelNotifications, queueNotification } from './outbox.js';
import { foreignRequest } from './request-ids.js';
import { openReflectionPrompt } from './reflection-prompts.service.js';
import { checkGoal, clean, earlierPairingStart, fieldError, MEETING_FIELDS, validateMeeting } from './meeting-validation.js';

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

export type MeetingRow = Prisma.MeetingGetPayload<object>;

export const toView = (m: MeetingRow): MeetingView => ({
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
  validateMeeting(ctx, actor.locale, input);
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


export async function loadMeeting(ctx: CoreContext, meetingId: string): Promise<MeetingRow> {
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
  validateMeeting(ctx, actor.locale, { ...merged, ...(patch.privateNotes !== undefined ? { privateNotes: patch.privateNotes } : {}), ...(patch.nextSteps !== undefined ? { nextSteps: patch.nextSteps } : {}) });
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
