// CPD activities: logged by any actively enrolled participant, in the language of their CPD system
// (Mainpro+ or MOC), with credits computed by the program's rules unless the user typed their own.
// What an activity must satisfy is in cpd-validation.ts.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { CanMedsRole } from '../domain/canmeds.js';
import { categoryRule, creditYearOf, ruleSetFor, type CreditUnit } from '../domain/cpd-rules.js';
import type { CpdSystem, LearningOutcome } from '../domain/enums.js';
import { enrollmentCpdSystem } from '../domain/people.js';
import { addDaysLocal, localTime, zonedDateTimeToInstant } from '../domain/time.js';
import { Prisma } from '../../generated/prisma/client.js';
import { assertCanView, requireEnrolled, requireParticipant } from './access.js';
import { audit } from './audit.js';
import { fromDbDate, toDbDate } from './db-dates.js';
import { cancelPromptsFor, planPromptOn } from './reflection-prompts.service.js';
import { insertRows } from './one-statement.js';
import { notificationRows } from './outbox.js';
import { foreignRequest } from './request-ids.js';
import { said } from '../i18n/translate.js';
import { validateCpd } from './cpd-validation.js';

/** What a user gives; keys are also the CPD form's field ids, so errors land on the right field. */
export interface CpdInput {
  title: string;
  /** YYYY-MM-DD; default today (program time). */
  date?: string;
  /** Default: the person's enrollment (its CPD system, else the one of its pathway). */
  system?: CpdSystem;
  /** A category key of the system's rule set in force on the date (e.g. CERTIFIED, SECTION_2). */
  category: string;
  /** An activity type key of that category; absent: the category's first type counted as given (hours or items). */
  activityType?: string | null;
  /** For a type counted in hours. */
  hours?: number | null;
  /** For a type counted in items (articles, topics, books...). */
  units?: number | null;
  /** Typed by the user (providers sometimes certify a different number); absent: computed by rule. */
  credits?: number | null;
  provider?: string | null;
  roles?: CanMedsRole[];
  outcome?: LearningOutcome | null;
  reflection?: string | null;
  evidenceUrl?: string | null;
  goalId?: string | null;
}

export interface CpdActivityView {
  id: string;
  personId: string;
  title: string;
  date: string;
  system: CpdSystem;
  category: string;
  categoryLabel: string;
  activityType: string;
  activityTypeLabel: string;
  unit: CreditUnit;
  /** Certified (Mainpro+) or accredited (MOC), per the rule set. */
  certified: boolean;
  hours: number | null;
  units: number | null;
  credits: number;
  /** The rule set in force on the date, and the credit year the activity counts in. */
  ruleSet: string;
  creditYear: string;
  provider: string | null;
  roles: CanMedsRole[];
  outcome: LearningOutcome | null;
  reflection: string | null;
  evidenceUrl: string | null;
  goalId: string | null;
}

type CpdRow = Prisma.CpdActivityGetPayload<object>;

const toView = (r: CpdRow): CpdActivityView => {
  const date = fromDbDate(r.date);
  const set = ruleSetFor(r.system, date);
  const category = categoryRule(set, r.category);
  const type = category?.activityTypes.find((t) => t.key === r.activityType);
  return {
  id: r.id,
  personId: r.personId,
  title: r.title,
  date,
  system: r.system,
  category: r.category,
  categoryLabel: category?.label ?? r.category,
  activityType: r.activityType,
  activityTypeLabel: type?.label ?? r.activityType,
  unit: type?.unit ?? (r.units === null ? 'hour' : 'item'),
  certified: r.certified,
  hours: r.hours === null ? null : r.hours.toNumber(),
  units: r.units === null ? null : r.units.toNumber(),
  credits: r.credits.toNumber(),
  ruleSet: set.id,
  creditYear: creditYearOf(r.system, date).label,
  provider: r.provider,
  roles: r.roles,
  outcome: r.outcome,
  reflection: r.reflection,
  evidenceUrl: r.evidenceUrl,
  goalId: r.goalId,
  };
};

/** The system a person's CPD is logged in: their enrollment's, else their pathway's default, else Mainpro+. */
export async function cpdSystemFor(ctx: CoreContext, personId: string): Promise<CpdSystem> {
  const enrollments = await ctx.db.enrollment.findMany({
    where: { programId: ctx.program.id, personId, status: 'ACTIVE', role: { in: ['MENTEE', 'MENTOR'] } },
    orderBy: { role: 'asc' },
  });
  return systemOfEnrollments(enrollments);
}

/** cpdSystemFor the actor, from the enrollments their resolving already read: no statement. */
export function cpdSystemOf(actor: Actor): CpdSystem {
  const order = { MENTEE: 0, MENTOR: 1 } as const;
  const taking = actor.enrollments.filter((e): e is typeof e & { role: 'MENTEE' | 'MENTOR' } => e.status === 'ACTIVE' && (e.role === 'MENTEE' || e.role === 'MENTOR'));
  return systemOfEnrollments(taking.sort((a, b) => order[a.role] - order[b.role]));
}

/** Of a person's active participant enrollments, mentee first: the system their CPD counts in. */
function systemOfEnrollments(enrollments: readonly Pick<Prisma.EnrollmentGetPayload<object>, 'cpdSystem' | 'pathway'>[]): CpdSystem {
  // The recorded system of any enrollment wins over a pathway's default (a mentor's MOC over their mentee enrollment's pathway).
  const recorded = enrollments.find((e) => e.cpdSystem !== null) ?? enrollments.find((e) => e.pathway !== null);
  return enrollmentCpdSystem(recorded ?? { cpdSystem: null, pathway: null });
}

/**
 * Logs an activity for the actor. A retry with the same request id returns the first record.
 * A mentee gets a follow-up reflection prompt rules.followUpReflectionDays after the activity
 * (never in the past: an old activity logged late is followed up now).
 */
export async function logCpd(ctx: CoreContext, actor: Actor, input: CpdInput, requestId: string): Promise<CpdActivityView> {
  requireParticipant(ctx, actor, 'log CPD activities');
  const system = input.system ?? cpdSystemOf(actor);
  let data: Awaited<ReturnType<typeof validateCpd>>;
  try {
    data = await validateCpd(ctx, actor.personId, input, system, actor.locale);
  } catch (error) {
    // A retry is answered with what its request saved, whatever today's checks say of the input.
    const saved = await ctx.db.cpdActivity.findUnique({ where: { requestId } });
    if (saved) return sameRequest(ctx, saved, actor);
    throw error;
  }
  const saved = await saveActivity(ctx, actor, data, requestId);
  if (saved) return toView(saved);
  // This request id saved an activity already (a retry), or a second delivery of it just did.
  const existing = await ctx.db.cpdActivity.findUnique({ where: { requestId } });
  if (!existing) throw new Error('a CPD activity was saved under this request id and is gone');
  return sameRequest(ctx, existing, actor);
}

/**
 * Writes the activity and, for a mentee, its follow-up reflection prompt with the prompt's DMs, in ONE
 * statement (one-statement.ts): nothing when the request id saved an activity already (undefined then).
 */
async function saveActivity(ctx: CoreContext, actor: Actor, data: Awaited<ReturnType<typeof validateCpd>>, requestId: string): Promise<CpdRow | undefined> {
  const now = ctx.clock.now();
  const { hours, units, credits, ...fields } = data;
  const row = { id: randomUUID(), programId: ctx.program.id, personId: actor.personId, ...fields, date: toDbDate(data.date), hours, units, credits, legacyCategory: null, requestId, createdAt: now, updatedAt: now };
  const steps = [Prisma.sql`activity AS (${insertRows('CpdActivity', [row], { onConflict: Prisma.sql`("requestId") DO NOTHING`, returning: Prisma.sql`"hours"::text AS "hours", "units"::text AS "units", "credits"::text AS "credits"` })})`];
  const due = followUpDue(ctx, data.date);
  if (actor.roles.has('MENTEE')) {
    const planned = planPromptOn(ctx, { menteeId: actor.personId, kind: 'FOLLOW_UP', cpdActivityId: row.id, dueAt: due, subject: { date: row.date, title: row.title }, menteeLocale: actor.locale });
    steps.push(
      Prisma.sql`prompt AS (${insertRows('ReflectionPrompt', [{ ...planned.prompt, createdAt: now, updatedAt: now }], { when: Prisma.sql`EXISTS (SELECT 1 FROM activity)`, returning: Prisma.sql`"id"` })})`,
      Prisma.sql`dms AS (${insertRows('Notification', notificationRows(planned.notifications, now), { when: Prisma.sql`EXISTS (SELECT 1 FROM prompt)` })})`,
    );
  }
  const [stored] = await ctx.db.$queryRaw<{ hours: string | null; units: string | null; credits: string }[]>`WITH ${Prisma.join(steps, ', ')} SELECT * FROM activity`;
  if (!stored) return undefined;
  if (actor.roles.has('MENTEE') && due.getTime() <= now.getTime()) ctx.wakeOutbox?.();
  // The amounts as the column keeps them (two decimals), as a read of the row would give them.
  const decimal = (value: string | null) => (value === null ? null : new Prisma.Decimal(value));
  return { ...row, hours: decimal(stored.hours), units: decimal(stored.units), credits: new Prisma.Decimal(stored.credits) };
}

/** rules.followUpReflectionDays after the activity, at the local time of logging; not before now. */
export function followUpDue(ctx: CoreContext, activityDate: string): Date {
  const now = ctx.clock.now();
  const tz = ctx.program.timeZone;
  const due = zonedDateTimeToInstant(addDaysLocal(activityDate, ctx.program.rules.followUpReflectionDays), localTime(now, tz), tz);
  return due.getTime() < now.getTime() ? now : due;
}

async function sameRequest(ctx: CoreContext, row: CpdRow, actor: Actor): Promise<CpdActivityView> {
  if (row.personId !== actor.personId || row.programId !== ctx.program.id) throw await foreignRequest(ctx, actor, 'cpd', 'other-record');
  return toView(row);
}

async function loadForChange(ctx: CoreContext, actor: Actor, id: string, verb: 'edit' | 'delete'): Promise<CpdRow> {
  requireEnrolled(ctx, actor);
  const row = await ctx.db.cpdActivity.findFirst({ where: { id, programId: ctx.program.id } });
  if (!row) throw new AppError('NOT_FOUND', said('cpd.error.gone'));
  if (row.personId !== actor.personId && !actor.roles.has('COORDINATOR')) {
    throw new AppError('FORBIDDEN', said('cpd.error.notYours', { verb }));
  }
  return row;
}

/**
 * Changes some fields. Credits: a number given is kept as typed; `null` recomputes them; left out,
 * they are recomputed only when the amount, system, category, activity type or date change.
 */
export async function editCpd(ctx: CoreContext, actor: Actor, id: string, patch: Partial<CpdInput>): Promise<CpdActivityView> {
  const row = await loadForChange(ctx, actor, id, 'edit');
  const current = toView(row);
  // The date picks the rule set, so a new date can mean new rates.
  const creditInputsChanged = (['hours', 'units', 'system', 'category', 'activityType', 'date'] as const).some((k) => patch[k] !== undefined && patch[k] !== current[k]);
  const credits = patch.credits !== undefined ? patch.credits : creditInputsChanged ? null : current.credits;
  // A new category without a type takes that category's first type, not the old one.
  const activityType = patch.activityType !== undefined ? patch.activityType : patch.category !== undefined && patch.category !== current.category ? null : current.activityType;
  // An amount given in items replaces one in hours, and the other way round.
  const amount = patch.units != null && patch.hours === undefined ? { hours: null } : patch.hours != null && patch.units === undefined ? { units: null } : {};
  const merged: CpdInput = { ...current, ...patch, ...amount, activityType, credits };
  const data = await validateCpd(ctx, row.personId, merged, merged.system ?? current.system, actor.locale, row.id);
  const updated = await ctx.db.cpdActivity.update({ where: { id: row.id }, data: { ...data, date: toDbDate(data.date) } });
  if (row.personId !== actor.personId) {
    await audit(ctx.db, { programId: ctx.program.id, actorId: actor.personId, subjectId: row.personId, action: 'cpd.edit', detail: { cpdActivityId: row.id } });
  }
  return toView(updated);
}

/** Deletes the activity and withdraws its follow-up reflection (and the DMs still queued for it). */
export async function deleteCpd(ctx: CoreContext, actor: Actor, id: string): Promise<void> {
  const row = await loadForChange(ctx, actor, id, 'delete');
  await ctx.db.$transaction(async (tx) => {
    await cancelPromptsFor(tx, { cpdActivityId: row.id });
    await tx.cpdActivity.delete({ where: { id: row.id } });
    if (row.personId !== actor.personId) {
      await audit(tx, { programId: ctx.program.id, actorId: actor.personId, subjectId: row.personId, action: 'cpd.delete', detail: { cpdActivityId: row.id, title: row.title } });
    }
  });
}

/** A person's CPD log, newest first: one's own, or (audited) a mentee's for their mentor or a coordinator. */
export async function listCpd(ctx: CoreContext, actor: Actor, personId: string = actor.personId): Promise<CpdActivityView[]> {
  requireEnrolled(ctx, actor);
  await assertCanView(ctx, actor, personId, { action: 'cpd.view' });
  const rows = await ctx.db.cpdActivity.findMany({
    where: { programId: ctx.program.id, personId },
    orderBy: [{ date: 'desc' }, { createdAt: 'desc' }],
  });
  return rows.map(toView);
}
