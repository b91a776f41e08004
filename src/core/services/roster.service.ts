// The roster, for coordinators: who is in the program in which role (enrolling, withdrawing,
// completing, erasing) and who mentors whom (pairing, unpairing). What the welcome and the introduction
// say is in roster.messages.ts. Away periods (away.service.ts, set by anyone for themselves) and the
// digest channel (digest-channel.service.ts) are other jobs and live apart.
import { notificationKeyPrefixes, notificationKeys } from '../domain/notifications.js';
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError, badInput } from '../domain/errors.js';
import { defaultCpdSystem, type CpdSystem, type Pathway, type Role } from '../domain/enums.js';
import { formatDate } from '../i18n/format.js';
import { roleLabel } from '../i18n/labels.js';
import { readerLocale, type Locale } from '../i18n/locale.js';
import { said } from '../i18n/translate.js';
import { parsePersonRef, type PersonRef } from '../domain/parse/parse-person.js';
import { addDaysLocal, addMonthsLocal } from '../domain/time.js';
import { activePairingWhere, requireCoordinator, today, type PairingSummary } from './access.js';
import type { DbClient } from '../../store/store.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { resolvePersonRef, type PersonRefWhere } from './person-ref.service.js';
import { cancelNotifications, queueNotification, queueNotifications } from './outbox.js';
import { erasePersonRecords } from './person-erase.js';
import { introMessage, welcomeMessage } from './roster.messages.js';

export interface EnrollInput {
  /** Someone already known (typed reference or person id), or a new person by name and email. */
  personRef?: string | PersonRef;
  personId?: string;
  person?: { name: string; email: string };
  role: Role;
  pathway?: Pathway;
  cpdSystem?: CpdSystem;
  /** YYYY-MM-DD; default today. */
  start?: string;
  /** YYYY-MM-DD; mentees default to the program's length from the start. */
  end?: string;
  /** Where the command was typed, to resolve a mention (and describe someone never seen). */
  platformHint?: PersonRefWhere;
}

export interface EnrollmentSummary {
  id: string;
  personId: string;
  personName: string;
  role: Role;
  pathway: Pathway | null;
  cpdSystem: CpdSystem | null;
  startDate: string;
  endDate: string | null;
  status: 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN';
}

export interface EnrollResult {
  enrollment: EnrollmentSummary;
  /** False when an enrollment in that role existed and was updated. */
  created: boolean;
  personCreated: boolean;
}

/** A YYYY-MM-DD that is a real day, or a BAD_INPUT naming the field (away.service.ts checks its dates the same way). */
export function checkDate(value: string | undefined, field: string): void {
  if (value !== undefined && !isCalendarDate(value)) throw badInput(field, said('mentorship.roster.badDate', { field, value }));
}

/** Start plus the program's length, less a day: 2026-01-05 + 12 months → 2027-01-04. */
export function defaultEndDate(start: string, months: number): string {
  return addDaysLocal(addMonthsLocal(start, months), -1);
}

async function personIdFor(ctx: CoreContext, db: DbClient, input: EnrollInput): Promise<{ id: string; created: boolean }> {
  if (input.personId) return { id: input.personId, created: false };
  if (input.person) {
    const email = input.person.email.trim().toLowerCase();
    const name = input.person.name.trim() || email.split('@')[0]!;
    const existing = await db.person.findUnique({ where: { email }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
    const created = await db.person.upsert({ where: { email }, create: { email, name }, update: {} });
    return { id: created.id, created: true };
  }
  if (input.personRef === undefined) throw badInput('person', said('mentorship.roster.whoToEnroll'));
  const ref = typeof input.personRef === 'string' ? (parsePersonRef(input.personRef) ?? input.personRef) : input.personRef;
  // An email we have never seen is a new person; the name is filled in when they first talk to the bot.
  const email = typeof ref !== 'string' && ref.kind === 'email' ? ref.email : undefined;
  if (email) {
    const existing = await db.person.findUnique({ where: { email }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
    const created = await db.person.upsert({ where: { email }, create: { email, name: email.split('@')[0]! }, update: {} });
    return { id: created.id, created: true };
  }
  // A mention of someone never seen is created from the platform's directory (real name, email, time zone).
  return resolvePersonRef(ctx, ref, input.platformHint, { create: true });
}

/**
 * Opens no transaction of its own, so `db` may be one in progress (the roster import). A person
 * named by `personRef` is still looked up through `ctx.db`: give `personId` or `person` inside one.
 */
export async function enroll(ctx: CoreContext, actor: Actor, input: EnrollInput, db: DbClient = ctx.db): Promise<EnrollResult> {
  requireCoordinator(actor, said('access.whatFor.enroll'));
  checkDate(input.start, 'start');
  checkDate(input.end, 'end');
  const person = await personIdFor(ctx, db, input);
  const existing = await db.enrollment.findUnique({
    where: { programId_personId_role: { programId: ctx.program.id, personId: person.id, role: input.role } },
  });
  const start = input.start ?? (existing ? fromDbDate(existing.startDate) : today(ctx));
  const pathway = input.role === 'COORDINATOR' ? null : (input.pathway ?? existing?.pathway ?? null);
  const cpdSystem = input.role === 'COORDINATOR' ? null : (input.cpdSystem ?? (pathway ? defaultCpdSystem(pathway) : (existing?.cpdSystem ?? null)));
  const end =
    input.end ??
    (input.start === undefined && existing?.endDate ? fromDbDate(existing.endDate) : undefined) ??
    (input.role === 'MENTEE' ? defaultEndDate(start, ctx.program.rules.programLengthMonths) : undefined);
  if (end !== undefined && end < start) {
    throw badInput('end', said('mentorship.roster.endBeforeStart', { end: formatDate(actor.locale, end), start: formatDate(actor.locale, start) }));
  }

  const data = {
    pathway,
    cpdSystem,
    startDate: toDbDate(start),
    endDate: end ? toDbDate(end) : null,
    status: 'ACTIVE' as const,
    statusAt: ctx.clock.now(),
  };
  const row = await db.enrollment.upsert({
    where: { programId_personId_role: { programId: ctx.program.id, personId: person.id, role: input.role } },
    create: { programId: ctx.program.id, personId: person.id, role: input.role, ...data },
    update: data,
    include: { person: { select: { name: true, language: true, locale: true } } },
  });
  const enrollment = summarize(row);
  if (!existing) {
    await queueNotification(db, {
      programId: ctx.program.id,
      personId: person.id,
      kind: 'welcome',
      idempotencyKey: notificationKeys.welcome(row.id),
      payload: welcomeMessage(ctx, enrollment, personLocale(ctx, row.person)),
      dueAt: ctx.clock.now(),
    });
    ctx.wakeOutbox?.();
  }
  return { enrollment, created: !existing, personCreated: person.created };
}

function summarize(row: {
  id: string;
  personId: string;
  role: Role;
  pathway: Pathway | null;
  cpdSystem: CpdSystem | null;
  startDate: Date;
  endDate: Date | null;
  status: 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN';
  person: { name: string };
}): EnrollmentSummary {
  return {
    id: row.id,
    personId: row.personId,
    personName: row.person.name,
    role: row.role,
    pathway: row.pathway,
    cpdSystem: row.cpdSystem,
    startDate: fromDbDate(row.startDate),
    endDate: fromDbDateOrNull(row.endDate),
    status: row.status,
  };
}

/** The language of a message to someone else: their own choice, else their platform's, else the program's. */
export const personLocale = (ctx: CoreContext, person: { language: string | null; locale: string | null }): Locale =>
  readerLocale({ chosen: person.language, platform: person.locale, program: ctx.program.locale });

async function requireActiveEnrollment(ctx: CoreContext, db: DbClient, personId: string, role: Role, field: string, locale: Locale): Promise<Reader> {
  const row = await db.enrollment.findUnique({
    where: { programId_personId_role: { programId: ctx.program.id, personId, role } },
    include: { person: { select: { name: true, language: true, locale: true } } },
  });
  if (!row || row.status !== 'ACTIVE') {
    const who = row?.person.name ?? (await db.person.findUnique({ where: { id: personId }, select: { name: true } }))?.name;
    throw badInput(field, said('mentorship.roster.notActive', { known: who ? 'yes' : 'no', who: who ?? '', role: roleLabel(locale, role).toLowerCase(), program: ctx.program.name }));
  }
  return { name: row.person.name, locale: personLocale(ctx, row.person) };
}

interface Reader {
  name: string;
  locale: Locale;
}

export interface PairResult {
  pairing: PairingSummary;
  mentorName: string;
  menteeName: string;
}

/** Opens no transaction of its own, so `db` may be one in progress (the roster import). */
export async function pair(ctx: CoreContext, actor: Actor, mentorId: string, menteeId: string, from?: string, db: DbClient = ctx.db): Promise<PairResult> {
  requireCoordinator(actor, said('access.whatFor.pair'));
  checkDate(from, 'from');
  if (mentorId === menteeId) throw badInput('mentee', said('mentorship.roster.selfMentor'));
  const mentor = await requireActiveEnrollment(ctx, db, mentorId, 'MENTOR', 'mentor', actor.locale);
  const mentee = await requireActiveEnrollment(ctx, db, menteeId, 'MENTEE', 'mentee', actor.locale);
  const [mentorName, menteeName] = [mentor.name, mentee.name];
  const existing = await db.pairing.findFirst({ where: { AND: [activePairingWhere(ctx), { mentorId, menteeId }] } });
  if (existing) {
    throw new AppError('CONFLICT', said('mentorship.roster.alreadyPaired', { mentor: mentorName, mentee: menteeName, since: formatDate(actor.locale, fromDbDate(existing.fromDate)) }));
  }
  const fromDate = from ?? today(ctx);
  const row = await db.pairing.create({ data: { programId: ctx.program.id, mentorId, menteeId, fromDate: toDbDate(fromDate) } });
  const pairing: PairingSummary = { id: row.id, mentorId, menteeId, fromDate, untilDate: null };
  // One introduction addressed to both: a group DM when they share a Slack workspace, else one DM each
  // (the scheduler then queues `intro:<pairingId>:<personId>` per person). The mentee's quiet hours decide.
  // Two who read different languages get one each, in their own, under those same per-person keys.
  const intro = { programId: ctx.program.id, kind: 'introduction' as const, dueAt: ctx.clock.now() };
  const key = notificationKeys.introduction(row.id);
  await queueNotifications(
    db,
    mentor.locale === mentee.locale
      ? [{ ...intro, personId: menteeId, alsoTo: [mentorId], idempotencyKey: key, payload: introMessage(ctx, pairing, mentorName, menteeName, mentee.locale) }]
      : [
          { ...intro, personId: menteeId, idempotencyKey: notificationKeys.eachRecipient(key, menteeId), payload: introMessage(ctx, pairing, mentorName, menteeName, mentee.locale) },
          { ...intro, personId: mentorId, idempotencyKey: notificationKeys.eachRecipient(key, mentorId), payload: introMessage(ctx, pairing, mentorName, menteeName, mentor.locale) },
        ],
  );
  ctx.wakeOutbox?.();
  return { pairing, mentorName, menteeName };
}

/** Ends the pairing from today and cancels the reminders planned for it. `db` may be a transaction in progress. */
export async function unpair(ctx: CoreContext, actor: Actor, mentorId: string, menteeId: string, db: DbClient = ctx.db): Promise<PairingSummary> {
  requireCoordinator(actor, said('access.whatFor.unpair'));
  const existing = await db.pairing.findFirst({ where: { AND: [activePairingWhere(ctx), { mentorId, menteeId }] } });
  if (!existing) throw new AppError('NOT_FOUND', said('mentorship.roster.notPaired'));
  const until = today(ctx);
  await endPairings(ctx, db, [existing.id], until);
  return { id: existing.id, mentorId, menteeId, fromDate: fromDbDate(existing.fromDate), untilDate: until };
}

async function endPairings(ctx: CoreContext, db: DbClient, ids: string[], until: string): Promise<void> {
  if (ids.length === 0) return;
  await db.pairing.updateMany({ where: { id: { in: ids } }, data: { untilDate: toDbDate(until) } });
  for (const id of ids) {
    await cancelNotifications(db, { keyPrefix: notificationKeyPrefixes.cadenceNudges(id) });
    // The introduction (`intro:<id>`) and the per-person DMs it may have been split into (`intro:<id>:<personId>`).
    await cancelNotifications(db, { keyPrefix: notificationKeys.introduction(id) });
  }
}

/** Withdraws or completes an enrollment: the person's pairings in that role end, their pending reminders stop. */
export async function setEnrollmentStatus(
  ctx: CoreContext,
  actor: Actor,
  enrollmentId: string,
  status: 'WITHDRAWN' | 'COMPLETED',
): Promise<EnrollmentSummary> {
  requireCoordinator(actor, said('access.whatFor.setStatus'));
  const found = await ctx.db.enrollment.findFirst({ where: { id: enrollmentId, programId: ctx.program.id } });
  if (!found) throw new AppError('NOT_FOUND', said('mentorship.roster.noSuchEnrollment'));
  return ctx.db.$transaction(async (tx) => {
    const row = await tx.enrollment.update({
      where: { id: enrollmentId },
      data: { status, statusAt: ctx.clock.now() },
      include: { person: { select: { name: true } } },
    });
    const side = row.role === 'MENTOR' ? { mentorId: row.personId } : row.role === 'MENTEE' ? { menteeId: row.personId } : undefined;
    if (side) {
      const pairings = await tx.pairing.findMany({ where: { AND: [activePairingWhere(ctx), side] }, select: { id: true } });
      await endPairings(ctx, tx, pairings.map((p) => p.id), today(ctx));
    }
    const stillActive = await tx.enrollment.count({ where: { programId: ctx.program.id, personId: row.personId, status: 'ACTIVE' } });
    // Someone who keeps another role (a mentor who is also a coordinator) still gets that role's messages.
    if (stillActive === 0) {
      await tx.notification.updateMany({ where: { programId: ctx.program.id, personId: row.personId, status: 'PENDING' }, data: { status: 'CANCELLED' } });
    } else {
      await cancelNotifications(tx, { keyPrefix: notificationKeys.welcome(row.id) });
    }
    return summarize(row);
  });
}

/** Erases a participant and everything about them (the schema cascades); the audit trail keeps the ids. */
export async function eraseParticipant(ctx: CoreContext, actor: Actor, personId: string): Promise<{ name: string }> {
  requireCoordinator(actor, said('access.whatFor.erase'));
  if (personId === actor.personId) throw new AppError('FORBIDDEN', said('mentorship.erase.self'));
  const person = await ctx.db.person.findFirst({
    where: { id: personId, enrollments: { some: { programId: ctx.program.id } } },
    select: { id: true, name: true },
  });
  if (!person) throw new AppError('NOT_FOUND', said('mentorship.erase.notInProgram', { program: ctx.program.name }));
  await erasePersonRecords(ctx, actor, personId, { action: 'person.erase' });
  return { name: person.name };
}
