// Meetings of a mentor and a mentee: logged by either (from the form or one line of text), edited or
// deleted by the author or a coordinator. What a meeting must satisfy is in meeting-validation.ts, the
// other member's confirming or disputing in meeting-confirm.service.ts, what the messages say in
// meeting.messages.ts.
import { confirmRequestMessage } from './meeting.messages.js';
import { notificationKeyPrefixes, notificationKeys } from '../domain/notifications.js';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { CanMedsRole } from '../domain/canmeds.js';
import { AppError } from '../domain/errors.js';
import type { MeetingFormat } from '../domain/enums.js';
import { readerLocale } from '../i18n/locale.js';
import { said, t, type Locale } from '../i18n/translate.js';
import { Prisma } from '../../generated/prisma/client.js';
import { activePairingSql, requireEnrolled, type PairingSummary } from './access.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { auditRow } from './audit.js';
import { cancelNotifications, cancelNotificationsSql, notificationRows, type QueuedNotification } from './outbox.js';
import { insertRows } from './one-statement.js';
import { foreignRequest } from './request-ids.js';
import { planPromptOn } from './reflection-prompts.service.js';
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

export async function loggablePairings(ctx: CoreContext, actor: Actor): Promise<LoggablePairing[]> {
  const [row] = await ctx.db.$queryRaw<{ pairings: PairingRow[] }[]>`SELECT ${pairingsSql(ctx, actor)} AS "pairings"`;
  return loggableOf(ctx, actor, row!.pairings);
}

/** A pairing in force as pairingsSql reads it: with the other member's name and languages. */
interface PairingRow extends PairingSummary {
  otherName: string | null;
  otherLanguage: string | null;
  otherLocale: string | null;
}

/** The actor's pairings in force today (activePairingsFor), oldest first, each with the other member: one JSON value. */
function pairingsSql(ctx: CoreContext, actor: Actor): Prisma.Sql {
  const me = actor.personId;
  return Prisma.sql`(SELECT COALESCE(json_agg(t ORDER BY t."fromDate", t."createdAt"), '[]'::json) FROM (
      SELECT pa."id", pa."mentorId", pa."menteeId", pa."fromDate"::text AS "fromDate", pa."untilDate"::text AS "untilDate", pa."createdAt",
             o."name" AS "otherName", o."language" AS "otherLanguage", o."locale" AS "otherLocale"
        FROM "Pairing" pa LEFT JOIN "Person" o ON o."id" = CASE WHEN pa."mentorId" = ${me} THEN pa."menteeId" ELSE pa."mentorId" END
       WHERE ${activePairingSql(ctx, 'pa')} AND (pa."mentorId" = ${me} OR pa."menteeId" = ${me})) t)`;
}

/** The pairings the actor may log for: they hold the matching role actively (a withdrawn mentee cannot). */
function loggableOf(ctx: CoreContext, actor: Actor, rows: PairingRow[]): LoggablePairing[] {
  return rows
    .filter((p) => (p.mentorId === actor.personId && actor.roles.has('MENTOR')) || (p.menteeId === actor.personId && actor.roles.has('MENTEE')))
    .map(({ otherName, otherLanguage, otherLocale, ...p }) => {
      const actorSide = p.mentorId === actor.personId ? 'MENTOR' : 'MENTEE';
      return {
        id: p.id,
        mentorId: p.mentorId,
        menteeId: p.menteeId,
        fromDate: p.fromDate,
        untilDate: p.untilDate,
        actorSide,
        otherPersonId: actorSide === 'MENTOR' ? p.menteeId : p.mentorId,
        otherName: otherName ?? t(actor.locale, 'meeting.yourPair'),
        otherLocale: readerLocale({ chosen: otherLanguage, platform: otherLocale, program: ctx.program.locale }),
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
  // One statement: the pairings to choose from, and whether this request id saved a meeting already.
  const [read] = await ctx.db.$queryRaw<{ pairings: PairingRow[]; saved: boolean }[]>`
    SELECT ${pairingsSql(ctx, actor)} AS "pairings", EXISTS (SELECT 1 FROM "Meeting" WHERE "requestId" = ${requestId}) AS "saved"`;
  const retry = read!.saved ? await findRetry(ctx, actor, requestId) : undefined;
  if (retry) return retry;
  const pairing = choosePairing(ctx, loggableOf(ctx, actor, read!.pairings), input);
  validateMeeting(ctx, actor.locale, input);
  const movedStart = await earlierPairingStart(ctx, ctx.db, input.date, pairing, actor.locale);
  await checkGoal(ctx.db, input.goalId, pairing.menteeId);

  const now = ctx.clock.now();
  const row: MeetingRow = {
    id: randomUUID(),
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
    confirmation: 'PENDING',
    confirmedAt: null,
    disputeNote: null,
    requestId,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await saveMeeting(ctx, actor, pairing, row, movedStart))) {
    // Two deliveries of one request raced: the other one saved it.
    const again = await findRetry(ctx, actor, requestId);
    if (again) return again;
    throw new Error('a meeting was saved under this request id and is gone');
  }
  ctx.wakeOutbox?.();
  return { meeting: toView(row), created: true, otherName: pairing.otherName, ...(movedStart ? { pairingStartMoved: { from: pairing.fromDate, to: movedStart } } : {}) };
}

/**
 * Writes the meeting with everything that goes with it, in ONE statement (one-statement.ts): the
 * mentee's reflection prompt and its DMs, the other member's request to confirm, the cancelling of
 * the pair's cadence nudges, and a pairing start moved back (audited). All of it only when the meeting
 * went in: false when this request id had saved one already.
 */
async function saveMeeting(ctx: CoreContext, actor: Actor, pairing: LoggablePairing, row: MeetingRow, movedStart: string | undefined): Promise<boolean> {
  const now = row.createdAt;
  const inserted = Prisma.sql`EXISTS (SELECT 1 FROM meeting)`;
  const steps = [Prisma.sql`meeting AS (${insertRows('Meeting', [row], { onConflict: Prisma.sql`("requestId") DO NOTHING`, returning: Prisma.sql`"id"` })})`];
  if (ctx.program.rules.reflectionAfterEveryMeeting) {
    const menteeLocale = pairing.menteeId === actor.personId ? actor.locale : pairing.otherLocale;
    const planned = planPromptOn(ctx, { menteeId: pairing.menteeId, kind: 'AFTER_MEETING', meetingId: row.id, dueAt: now, subject: { date: row.date }, menteeLocale });
    steps.push(
      Prisma.sql`prompt AS (${insertRows('ReflectionPrompt', [{ ...planned.prompt, createdAt: now, updatedAt: now }], { when: inserted, returning: Prisma.sql`"id"` })})`,
      Prisma.sql`prompt_dms AS (${insertRows('Notification', notificationRows(planned.notifications, now), { when: Prisma.sql`EXISTS (SELECT 1 FROM prompt)` })})`,
    );
  }
  const confirm: QueuedNotification = {
    programId: ctx.program.id,
    personId: pairing.otherPersonId,
    kind: 'meeting-confirm',
    idempotencyKey: notificationKeys.meetingConfirm(row.id),
    payload: confirmRequestMessage(pairing.otherLocale, toView(row), actor.name),
    dueAt: now,
  };
  steps.push(
    Prisma.sql`confirm AS (${insertRows('Notification', notificationRows([confirm], now), { when: inserted })})`,
    Prisma.sql`nudges AS (${cancelNotificationsSql({ keyPrefix: notificationKeyPrefixes.cadenceNudges(pairing.id) }, now, inserted)})`,
  );
  if (movedStart) {
    const moved = auditRow({ programId: ctx.program.id, actorId: actor.personId, subjectId: pairing.menteeId, action: 'pairing.start-moved', detail: { pairingId: pairing.id, from: pairing.fromDate, to: movedStart, meetingId: row.id } }, now);
    steps.push(
      Prisma.sql`moved AS (UPDATE "Pairing" SET "fromDate" = ${movedStart}::date, "updatedAt" = ${now.toISOString()}::timestamp WHERE "id" = ${pairing.id} AND ${inserted})`,
      Prisma.sql`moved_audit AS (${insertRows('AuditEvent', [moved], { when: inserted })})`,
    );
  }
  const saved = await ctx.db.$queryRaw<{ id: string }[]>`WITH ${Prisma.join(steps, ', ')} SELECT "id" FROM meeting`;
  return saved.length > 0;
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
