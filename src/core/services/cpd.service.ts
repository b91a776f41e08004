// CPD activities: logged by any actively enrolled participant, in the language of their CPD system
// (Mainpro+ or MOC), with credits computed by the program's rules unless the user typed their own.
// What an activity must satisfy is in cpd-validation.ts.
import { isUniqueViolation } from './store-errors.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { CanMedsRole } from '../domain/canmeds.js';
import { categoryRule, creditYearOf, ruleSetFor, type CreditUnit } from '../domain/cpd-rules.js';
import type { CpdSystem, LearningOutcome } from '../domain/enums.js';
import { enrollmentCpdSystem } from '../domain/people.js';
import { addDaysLocal, localTime, zonedDateTimeToInstant } from '../domain/time.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { assertCanView, requireEnrolled, requireParticipant } from './access.js';
import { audit } from './audit.js';
import { fromDbDate, toDbDate } from './db-dates.js';
import { cancelPromptsFor, openReflectionPrompt } from './reflection-prompts.service.js';
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
  const existing = await ctx.db.cpdActivity.findUnique({ where: { requestId } });
  if (existing) return sameRequest(ctx, existing, actor);

  const system = input.system ?? (await cpdSystemFor(ctx, actor.personId));
  const data = await validateCpd(ctx, actor.personId, input, system, actor.locale);
  const isMentee = actor.roles.has('MENTEE');
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.cpdActivity.create({
        data: { ...data, date: toDbDate(data.date), programId: ctx.program.id, personId: actor.personId, requestId },
      });
      if (isMentee) {
        await openReflectionPrompt(tx, ctx, {
          menteeId: actor.personId,
          kind: 'FOLLOW_UP',
          cpdActivityId: created.id,
          dueAt: followUpDue(ctx, data.date),
          subject: { date: created.date, title: created.title },
          menteeLocale: actor.locale,
        });
      }
      return created;
    });
    return toView(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await ctx.db.cpdActivity.findUnique({ where: { requestId } });
    if (!again) throw error;
    return sameRequest(ctx, again, actor);
  }
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
