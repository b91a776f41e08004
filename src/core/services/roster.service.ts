// The roster: who is in the program in which role, who mentors whom, who is away, and the digest
// channel. Everything here but away periods is for coordinators.
import { notificationKeyPrefixes, notificationKeys } from '../domain/notifications.js';
import { isCalendarDate } from '../domain/time.js';
import type { Actor, Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError, badInput } from '../domain/errors.js';
import type { Platform } from '../domain/enums.js';
import { defaultCpdSystem, PATHWAY_LABELS, ROLE_LABELS, type CpdSystem, type Pathway, type Role } from '../domain/enums.js';
import { parsePersonRef, type PersonRef } from '../domain/parse/parse-person.js';
import { addDaysLocal, addMonthsLocal } from '../domain/time.js';
import type { Message } from '../ui/message.js';
import { activePairingWhere, requireCoordinator, requireEnrolled, today, type DbClient, type PairingSummary } from './access.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './dates.js';
import { resolvePersonRef, type PersonRefWhere } from './identity.service.js';
import { cancelNotifications, queueNotification, queueNotifications } from './outbox.js';
import { erasePersonRecords } from './person-erase.js';
import { audit } from './audit.js';

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

function checkDate(value: string | undefined, field: string): void {
  if (value !== undefined && !isCalendarDate(value)) throw badInput(field, `The ${field} date must be a day that exists, written like 2026-01-05; you gave "${value}".`);
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
  if (input.personRef === undefined) throw badInput('person', 'Say who to enroll: mention them (@name) or give their email, e.g. jane.doe@example.org.');
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
  requireCoordinator(actor, 'enroll people');
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
  if (end !== undefined && end < start) throw badInput('end', `The end date ${end} is before the start date ${start}, e.g. from 2026-01-05 until 2027-01-04.`);

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
    include: { person: { select: { name: true } } },
  });
  const enrollment = summarize(row);
  if (!existing) {
    await queueNotification(db, {
      programId: ctx.program.id,
      personId: person.id,
      kind: 'welcome',
      idempotencyKey: notificationKeys.welcome(row.id),
      payload: welcomeMessage(ctx, enrollment),
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

// Said once for both platforms, with no command in it: each adapter writes the commands around it in
// its own syntax (Teams drops the slash), so naming one here in either form would read wrong on the other.
const HOW_TO_TYPE = 'Type a command as shown here: in Slack it starts with a slash, in Teams it is the word alone, typed to the bot.';

function welcomeMessage(ctx: CoreContext, e: EnrollmentSummary): Message {
  const what: Record<Role, string> = {
    MENTEE: 'Log each meeting with your mentor with /meeting, CPD activities with /cpd, and answer reflection prompts when I send them. /progress shows where you stand.',
    MENTOR: 'Log each meeting with your mentee with /meeting; I will nudge you when a meeting is overdue. /progress shows how your mentees are doing.',
    COORDINATOR: 'You can enroll and pair people with /mentorship, and you will get the weekly digest. /mentorship help lists everything.',
  };
  const facts = [
    { label: 'Role', value: ROLE_LABELS[e.role] },
    ...(e.pathway ? [{ label: 'Pathway', value: PATHWAY_LABELS[e.pathway] }] : []),
    { label: 'From', value: e.startDate },
    ...(e.endDate ? [{ label: 'Until', value: e.endDate }] : []),
  ];
  const text = `Welcome to ${ctx.program.name}, ${e.personName}: you are enrolled as ${ROLE_LABELS[e.role].toLowerCase()}.`;
  return {
    text,
    blocks: [
      { type: 'header', text: `Welcome to ${ctx.program.name}` },
      { type: 'text', text },
      { type: 'facts', facts },
      { type: 'text', text: what[e.role] },
      { type: 'context', text: `${HOW_TO_TYPE} Records here are about you as a physician: never enter patient identifiers.` },
    ],
  };
}

async function requireActiveEnrollment(ctx: CoreContext, db: DbClient, personId: string, role: Role, field: string): Promise<string> {
  const row = await db.enrollment.findUnique({
    where: { programId_personId_role: { programId: ctx.program.id, personId, role } },
    include: { person: { select: { name: true } } },
  });
  if (!row || row.status !== 'ACTIVE') {
    const who = row?.person.name ?? (await db.person.findUnique({ where: { id: personId }, select: { name: true } }))?.name ?? 'That person';
    throw badInput(field, `${who} is not an active ${ROLE_LABELS[role].toLowerCase()} in ${ctx.program.name}. Enroll them first, e.g. /mentorship enroll jane.doe@example.org as ${role.toLowerCase()}.`);
  }
  return row.person.name;
}

export interface PairResult {
  pairing: PairingSummary;
  mentorName: string;
  menteeName: string;
}

/** Opens no transaction of its own, so `db` may be one in progress (the roster import). */
export async function pair(ctx: CoreContext, actor: Actor, mentorId: string, menteeId: string, from?: string, db: DbClient = ctx.db): Promise<PairResult> {
  requireCoordinator(actor, 'pair mentors and mentees');
  checkDate(from, 'from');
  if (mentorId === menteeId) throw badInput('mentee', 'A person cannot mentor themselves: name two different people, e.g. /mentorship pair @dr.smith with @jane.');
  const mentorName = await requireActiveEnrollment(ctx, db, mentorId, 'MENTOR', 'mentor');
  const menteeName = await requireActiveEnrollment(ctx, db, menteeId, 'MENTEE', 'mentee');
  const existing = await db.pairing.findFirst({ where: { AND: [activePairingWhere(ctx), { mentorId, menteeId }] } });
  if (existing) throw new AppError('CONFLICT', `${mentorName} already mentors ${menteeName} (since ${fromDbDate(existing.fromDate)}).`);
  const fromDate = from ?? today(ctx);
  const row = await db.pairing.create({ data: { programId: ctx.program.id, mentorId, menteeId, fromDate: toDbDate(fromDate) } });
  const pairing: PairingSummary = { id: row.id, mentorId, menteeId, fromDate, untilDate: null };
  // One introduction addressed to both: a group DM when they share a Slack workspace, else one DM each
  // (the scheduler then queues `intro:<pairingId>:<personId>` per person). The mentee's quiet hours decide.
  await queueNotifications(db, [
    {
      programId: ctx.program.id,
      personId: menteeId,
      alsoTo: [mentorId],
      kind: 'introduction',
      idempotencyKey: notificationKeys.introduction(row.id),
      payload: introMessage(ctx, pairing, mentorName, menteeName),
      dueAt: ctx.clock.now(),
    },
  ]);
  ctx.wakeOutbox?.();
  return { pairing, mentorName, menteeName };
}

function introMessage(ctx: CoreContext, pairing: PairingSummary, mentorName: string, menteeName: string): Message {
  const text = `${menteeName}, meet your mentor ${mentorName}; ${mentorName}, meet your mentee ${menteeName}. You are paired in ${ctx.program.name} from ${pairing.fromDate}.`;
  const cadence = ctx.program.rules.cadenceDays;
  return {
    text,
    blocks: [
      { type: 'header', text: 'Meet your mentorship partner' },
      { type: 'facts', facts: [{ label: 'Mentor', value: mentorName }, { label: 'Mentee', value: menteeName }, { label: 'From', value: pairing.fromDate }] },
      { type: 'text', text },
      {
        type: 'text',
        text: `Plan to meet at least every ${cadence} days. After each meeting, either of you logs it with /meeting (e.g. /meeting today 45m video Discussed billing) or the button below; the other is asked to confirm it.`,
      },
      { type: 'actions', buttons: [{ label: 'Log meeting', action: 'meeting.log', value: pairing.id, style: 'primary' }] },
      { type: 'context', text: HOW_TO_TYPE },
    ],
  };
}

/** Ends the pairing from today and cancels the reminders planned for it. `db` may be a transaction in progress. */
export async function unpair(ctx: CoreContext, actor: Actor, mentorId: string, menteeId: string, db: DbClient = ctx.db): Promise<PairingSummary> {
  requireCoordinator(actor, 'end pairings');
  const existing = await db.pairing.findFirst({ where: { AND: [activePairingWhere(ctx), { mentorId, menteeId }] } });
  if (!existing) throw new AppError('NOT_FOUND', 'Those two are not paired right now, so there is nothing to end. /mentorship status lists the pairs.');
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
  requireCoordinator(actor, 'withdraw or complete enrollments');
  const found = await ctx.db.enrollment.findFirst({ where: { id: enrollmentId, programId: ctx.program.id } });
  if (!found) throw new AppError('NOT_FOUND', 'That enrollment is not in this program. /mentorship status lists the participants.');
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

export interface AwayPeriod {
  id: string;
  from: string;
  until: string;
}

/** Pauses reminders for the actor between two dates (inclusive). Repeating the same period adds nothing. */
export async function setAway(ctx: CoreContext, actor: Actor, from: string, until: string): Promise<AwayPeriod> {
  requireEnrolled(ctx, actor);
  checkDate(from, 'from');
  checkDate(until, 'until');
  if (until < from) throw badInput('until', `The end date ${until} is before the start date ${from}, e.g. /away 2026-12-20 2027-01-05.`);
  if (until < today(ctx)) throw badInput('until', `${until} has already passed: give dates from today on, e.g. /away 2026-12-20 2027-01-05.`);
  const same = await ctx.db.away.findFirst({
    where: { programId: ctx.program.id, personId: actor.personId, fromDate: toDbDate(from), untilDate: toDbDate(until) },
  });
  const row =
    same ??
    (await ctx.db.away.create({ data: { programId: ctx.program.id, personId: actor.personId, fromDate: toDbDate(from), untilDate: toDbDate(until) } }));
  return { id: row.id, from, until };
}

/** Away periods that have not ended yet, soonest first. */
export async function listAways(ctx: CoreContext, personId: string): Promise<AwayPeriod[]> {
  const rows = await ctx.db.away.findMany({
    where: { programId: ctx.program.id, personId, untilDate: { gte: toDbDate(today(ctx)) } },
    orderBy: { fromDate: 'asc' },
  });
  return rows.map((r) => ({ id: r.id, from: fromDbDate(r.fromDate), until: fromDbDate(r.untilDate) }));
}

/** "I'm back": removes current and future away periods; past ones stay as history. Returns how many. */
export async function clearAway(ctx: CoreContext, actor: Actor): Promise<number> {
  const result = await ctx.db.away.deleteMany({
    where: { programId: ctx.program.id, personId: actor.personId, untilDate: { gte: toDbDate(today(ctx)) } },
  });
  return result.count;
}

/** Erases a participant and everything about them (the schema cascades); the audit trail keeps the ids. */
export async function eraseParticipant(ctx: CoreContext, actor: Actor, personId: string): Promise<{ name: string }> {
  requireCoordinator(actor, 'erase participants');
  if (personId === actor.personId) throw new AppError('FORBIDDEN', 'You cannot erase yourself: ask another coordinator to do it.');
  const person = await ctx.db.person.findFirst({
    where: { id: personId, enrollments: { some: { programId: ctx.program.id } } },
    select: { id: true, name: true },
  });
  if (!person) throw new AppError('NOT_FOUND', `That person is not in ${ctx.program.name}, so there is nothing to erase.`);
  await erasePersonRecords(ctx, actor, personId, { action: 'person.erase' });
  return { name: person.name };
}

/** Makes the conversation the command was typed in the program's digest channel. */
export async function setDigestChannel(ctx: CoreContext, actor: Actor, conversation: Conversation): Promise<{ id: string; created: boolean }> {
  requireCoordinator(actor, 'choose the digest channel');
  if (conversation.isDirect || !conversation.channelId) {
    throw new AppError('BAD_INPUT', 'Run this in the channel where the digest should go (a private channel for coordinators), not in a direct message.');
  }
  await requirePrivateChannel(conversation);
  const key = {
    programId: ctx.program.id,
    platform: conversation.platform,
    workspaceId: conversation.workspaceId,
    channelId: conversation.channelId,
    purpose: 'digest',
  };
  const existing = await ctx.db.programChannel.findUnique({ where: { programId_platform_workspaceId_channelId_purpose: key }, select: { id: true } });
  const conversationRef = (conversation.reference ?? undefined) as object | undefined;
  const row = await ctx.db.programChannel.upsert({
    where: { programId_platform_workspaceId_channelId_purpose: key },
    create: { ...key, conversationRef },
    update: conversationRef === undefined ? {} : { conversationRef },
  });
  return { id: row.id, created: !existing };
}

/**
 * The digest names physicians who are behind: it goes only to a channel the platform says is private.
 * A public channel, a group DM or group chat, or one the platform would not describe is refused, with why.
 */
async function requirePrivateChannel(conversation: Conversation): Promise<void> {
  const privacy = conversation.privacy ? await conversation.privacy() : { kind: 'unknown' as const, reason: 'this platform cannot say who can read it' };
  const command = conversation.platform === 'SLACK' ? '/mentorship channel' : 'mentorship channel';
  switch (privacy.kind) {
    case 'private-channel':
      return;
    case 'public-channel':
      throw new AppError(
        'FORBIDDEN',
        `This channel is not private${privacy.detail ? ` (${privacy.detail})` : ''}: anyone who can join it would read the weekly digest, which names physicians who are behind. Type ${command} in a private channel of coordinators.`,
      );
    case 'group-chat':
      throw new AppError('FORBIDDEN', `A group ${conversation.platform === 'SLACK' ? 'DM' : 'chat'} is not a channel: whoever is added to it later reads every digest posted before. Type ${command} in a private channel of coordinators.`);
    case 'direct':
      throw new AppError('BAD_INPUT', 'Run this in the channel where the digest should go (a private channel for coordinators), not in a direct message.');
    case 'unknown':
      throw new AppError('FORBIDDEN', `I could not check that this channel is private (${privacy.reason}), so the digest will not go there. Add the bot to the channel, then type ${command} again.`);
  }
}

/** `/mentorship channel off`: this channel no longer gets the digest. */
export async function removeDigestChannel(ctx: CoreContext, actor: Actor, conversation: Conversation): Promise<{ removed: boolean }> {
  requireCoordinator(actor, 'choose the digest channel');
  if (conversation.isDirect || !conversation.channelId) {
    throw new AppError('BAD_INPUT', 'Run this in the digest channel you want to stop, not in a direct message. /mentorship status lists the digest channels.');
  }
  const { count } = await ctx.db.programChannel.deleteMany({
    where: { programId: ctx.program.id, platform: conversation.platform, workspaceId: conversation.workspaceId, channelId: conversation.channelId, purpose: 'digest' },
  });
  if (count > 0) {
    await audit(ctx.db, { programId: ctx.program.id, actorId: actor.personId, action: 'digest-channel.remove', detail: { platform: conversation.platform, channelId: conversation.channelId } });
  }
  return { removed: count > 0 };
}

/** The program's digest channels, oldest first (for /mentorship status). */
export async function digestChannels(ctx: CoreContext): Promise<{ id: string; platform: Platform; channelId: string; createdAt: Date }[]> {
  return ctx.db.programChannel.findMany({
    where: { programId: ctx.program.id, purpose: 'digest' },
    select: { id: true, platform: true, channelId: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}
