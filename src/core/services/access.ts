// Authorization, in one place (DOMAIN.md, Privacy): a mentee sees their own records, a mentor the
// records of their own mentees (current or past), a coordinator everything in the program.
// Every view of someone else's records leaves an audit event. Adapters never decide any of this.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { Role } from '../domain/enums.js';
import { said, type Said } from '../i18n/translate.js';
import { localDate } from '../domain/time.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { DbClient } from '../../store/store.js';
import { audit } from './audit.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';


/** How the actor stands to the person whose records they look at. */
export type ViewerRelation = 'self' | 'mentor' | 'coordinator';

export interface PairingSummary {
  id: string;
  mentorId: string;
  menteeId: string;
  fromDate: string;
  /** The first day the pairing no longer holds (exclusive); null while it lasts. */
  untilDate: string | null;
}

export const today = (ctx: CoreContext): string => localDate(ctx.clock.now(), ctx.program.timeZone);

/**
 * Prisma filter for pairings in force on `date` (default today, program time). `untilDate` is
 * exclusive: unpairing sets it to the day of the unpairing, so the pair is over from that day.
 */
export function activePairingWhere(ctx: CoreContext, date: string = today(ctx)): Prisma.PairingWhereInput {
  return { programId: ctx.program.id, OR: [{ untilDate: null }, { untilDate: { gt: toDbDate(date) } }] };
}

/** activePairingWhere in SQL, for a statement that reads pairings beside other things (`pairing`: the table's alias). */
export function activePairingSql(ctx: CoreContext, pairing: string, date: string = today(ctx)): Prisma.Sql {
  const p = Prisma.raw(`"${pairing.replace(/"/g, '')}"`);
  return Prisma.sql`${p}."programId" = ${ctx.program.id} AND (${p}."untilDate" IS NULL OR ${p}."untilDate" > ${date}::date)`;
}

const toSummary = (p: { id: string; mentorId: string; menteeId: string; fromDate: Date; untilDate: Date | null }): PairingSummary => ({
  id: p.id,
  mentorId: p.mentorId,
  menteeId: p.menteeId,
  fromDate: fromDbDate(p.fromDate),
  untilDate: fromDbDateOrNull(p.untilDate),
});

/** Pairings in force today in which the person is mentor or mentee, oldest first. */
export async function activePairingsFor(ctx: CoreContext, personId: string, db: DbClient = ctx.db): Promise<PairingSummary[]> {
  const rows = await db.pairing.findMany({
    where: { AND: [activePairingWhere(ctx), { OR: [{ mentorId: personId }, { menteeId: personId }] }] },
    orderBy: [{ fromDate: 'asc' }, { createdAt: 'asc' }],
  });
  return rows.map(toSummary);
}

/** True when the two were ever paired in this program, mentor to mentee (past pairings count). */
export async function isMentorOf(ctx: CoreContext, mentorId: string, menteeId: string, db: DbClient = ctx.db): Promise<boolean> {
  const found = await db.pairing.findFirst({ where: { programId: ctx.program.id, mentorId, menteeId }, select: { id: true } });
  return found !== null;
}

/**
 * What the actor tried, completing "Only mentors in the program can …": catalogue text (an infinitive
 * phrase in each language). TRANSITIONAL: a plain string is English only, until every caller passes Said.
 */
export type WhatFor = Said | string;

/** Throws FORBIDDEN unless the actor holds `role` now. */
export function requireRole(actor: Actor, role: Role, whatFor: WhatFor): void {
  if (actor.roles.has(role)) return;
  throw new AppError('FORBIDDEN', said('access.onlyRole', { role, whatFor }));
}

/**
 * Someone with no active enrollment (withdrawn, completed) may not read or change anything any more.
 * Defence in depth: dispatch refuses them before any service runs; every service still guards itself.
 */
export function requireEnrolled(ctx: CoreContext, actor: Actor): void {
  if (actor.roles.size > 0) return;
  throw new AppError('NOT_ENROLLED', said('access.notEnrolledAnyMore', { program: ctx.program.name }));
}

export function requireCoordinator(actor: Actor, whatFor: WhatFor = said('access.whatFor.doThat')): void {
  requireRole(actor, 'COORDINATOR', whatFor);
}

/** Mentees and mentors taking part (not a coordinator alone): who logs CPD and keeps a record of learning. */
export function requireParticipant(ctx: CoreContext, actor: Actor, whatFor: WhatFor): void {
  requireEnrolled(ctx, actor);
  if (actor.roles.has('MENTEE') || actor.roles.has('MENTOR')) return;
  throw new AppError('FORBIDDEN', said('access.onlyParticipants', { whatFor }));
}

export interface ViewOptions {
  /** The audit action, e.g. 'progress.view', 'meetings.view'. Default 'records.view'. */
  action?: string;
  detail?: Record<string, unknown>;
  db?: DbClient;
}

/**
 * Lets the actor see the subject's records or throws a clear FORBIDDEN. Anything but looking at
 * one's own records is audited. Returns how the actor stands to the subject, so the caller can
 * apply the finer rules (private reflections only when shared: see `canReadReflection`).
 */
export async function assertCanView(ctx: CoreContext, actor: Actor, subjectPersonId: string, options: ViewOptions = {}): Promise<ViewerRelation> {
  if (subjectPersonId === actor.personId) return 'self';
  const db = options.db ?? ctx.db;
  let relation: ViewerRelation | undefined;
  if (actor.roles.has('COORDINATOR')) {
    const enrolled = await db.enrollment.findFirst({ where: { programId: ctx.program.id, personId: subjectPersonId }, select: { id: true } });
    if (!enrolled) throw new AppError('NOT_FOUND', said('access.notInProgram', { program: ctx.program.name }));
    relation = 'coordinator';
  } else if (actor.roles.has('MENTOR') && (await isMentorOf(ctx, actor.personId, subjectPersonId, db))) {
    relation = 'mentor';
  }
  if (!relation) throw cannotViewError(actor);
  await audit(db, {
    programId: ctx.program.id,
    actorId: actor.personId,
    subjectId: subjectPersonId,
    action: options.action ?? 'records.view',
    detail: { as: relation, ...options.detail },
  });
  return relation;
}

/**
 * Why someone who is not a coordinator cannot see another person's records. The same words whether that
 * person is in the store or not: the answer must not tell an address or a mention apart (an oracle).
 */
export function cannotViewError(actor: Actor): AppError {
  return new AppError('FORBIDDEN', said('access.cannotView', { mentor: actor.roles.has('MENTOR') ? 'yes' : 'no' }));
}

/** Private meeting notes: only the two members of the pair and coordinators. */
export function canSeeMeetingNotes(actor: Actor, meeting: { mentorId: string; menteeId: string }): boolean {
  return actor.personId === meeting.mentorId || actor.personId === meeting.menteeId || actor.roles.has('COORDINATOR');
}

/** A reflection's answers: the mentee, coordinators, and the mentor only when the mentee shared it. */
export function canReadReflection(relation: ViewerRelation, reflection: { shared: boolean }): boolean {
  return relation !== 'mentor' || reflection.shared;
}
