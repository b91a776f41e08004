// CPD activities: logged by any actively enrolled participant, in the language of their CPD system
// (Mainpro+ or MOC), with credits computed by the program's rules unless the user typed their own.
import { isUniqueViolation } from './store-errors.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { CANMEDS_ROLE_KEYS, type CanMedsRole } from '../domain/canmeds.js';
import { computeCredits } from '../domain/credits.js';
import { categoryList, categoryRule, creditYearOf, nounOf, quantityText, ruleLabel, ruleSetFor, rateText, unitPluralText, type CpdActivityTypeRule, type CreditUnit } from '../domain/cpd-rules.js';
import {
  CPD_SYSTEMS,
  LEARNING_OUTCOMES,
  type CpdSystem,
  type LearningOutcome,
} from '../domain/enums.js';
import { enrollmentCpdSystem } from '../domain/people.js';
import { MAX_CPD_UNITS } from '../domain/parse/parse-cpd-args.js';
import { addDaysLocal, addMonthsLocal, isCalendarDate, localTime, zonedDateTimeToInstant } from '../domain/time.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { assertCanView, requireEnrolled, requireParticipant, today } from './access.js';
import { audit } from './audit.js';
import { fromDbDate, toDbDate } from './db-dates.js';
import { cancelPromptsFor, openReflectionPrompt } from './reflection-prompts.service.js';
import { foreignRequest } from './request-ids.js';
import { throwFieldErrors, type FieldProblems } from './field-errors.js';
import { formatDate } from '../i18n/format.js';
import { cpdSystemLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { said } from '../i18n/translate.js';
import { toCents } from '../domain/credits.js';


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

const MAX_TITLE = 200;
const MAX_TEXT = 4000;
const MAX_CREDITS = 1000;

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

/** A checked input: the stored fields of an activity, before the store gives it an id. */
type Normalized = Omit<CpdActivityView, 'id' | 'personId' | 'categoryLabel' | 'activityTypeLabel' | 'unit' | 'ruleSet' | 'creditYear'>;

/** The activity type a category's input names: the one given, else the first counted as given (hours or items). */
function typeOf(types: readonly CpdActivityTypeRule[], given: string | null | undefined, byItems: boolean): CpdActivityTypeRule | undefined {
  if (given) return types.find((t) => t.key === given);
  return types.find((t) => (t.unit === 'hour') !== byItems) ?? types[0];
}

/**
 * Credits of a capped type (MOC Section 1 unaccredited) already counted for this person within a
 * cycle's length of the date, before or after it: the bot does not know when a physician's cycle
 * started, and an activity logged late (dated before others) must not lift the total past the cap.
 */
async function cappedSoFar(ctx: CoreContext, personId: string, system: CpdSystem, activityType: string, date: string, cycleYears: number, exceptId?: string): Promise<number> {
  const sum = await ctx.db.cpdActivity.aggregate({
    where: {
      programId: ctx.program.id,
      personId,
      system,
      activityType,
      date: { gt: toDbDate(addMonthsLocal(date, -12 * cycleYears)), lt: toDbDate(addMonthsLocal(date, 12 * cycleYears)) },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    _sum: { credits: true },
  });
  return Number(sum._sum.credits ?? 0);
}

/**
 * Checks every field at once and names each bad one, with what was expected and an example, in the
 * words of `locale` (the reader's: lists of categories and dates are written for them).
 */
async function validate(ctx: CoreContext, personId: string, input: CpdInput, system: CpdSystem, locale: Locale, exceptId?: string): Promise<Normalized> {
  const errors: FieldProblems = {};
  const rules = ctx.program.rules;
  const todayDate = today(ctx);

  const title = (input.title ?? '').trim();
  if (title === '') errors.title = said('cpd.error.title');
  else if (title.length > MAX_TITLE) errors.title = said('cpd.error.titleTooLong', { max: MAX_TITLE, length: title.length });

  const date = input.date ?? todayDate;
  let dateOk = true;
  if (!isCalendarDate(date)) {
    errors.date = said('cpd.error.notADate', { date, today: todayDate });
    dateOk = false;
  } else if (date > todayDate) {
    errors.date = said('cpd.error.future', { date: formatDate(locale, date), today: formatDate(locale, todayDate) });
  }

  let type: CpdActivityTypeRule | undefined;
  const systemOk = CPD_SYSTEMS.includes(system);
  if (!systemOk) errors.system = said('cpd.error.unknownSystem', { system });
  else {
    // The rule set in force on the activity's date decides its categories, types and rates.
    const set = ruleSetFor(system, dateOk ? date : todayDate);
    const category = categoryRule(set, input.category);
    if (!category) errors.category = said('cpd.error.systemCategory', { system: cpdSystemLabel(locale, system), noun: nounOf(set), categories: categoryList(set, locale) });
    else {
      type = typeOf(category.activityTypes, input.activityType, input.hours == null && input.units != null);
      if (!type) {
        const types = category.activityTypes.map((ty) => ruleLabel(locale, ty)).join(', ');
        errors.activityType = said('cpd.error.noSuchType', { category: ruleLabel(locale, category), type: String(input.activityType), types });
      }
    }
  }

  let hours: number | null = null;
  let units: number | null = null;
  if (type?.unit === 'hour') {
    hours = input.hours ?? null;
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
      errors.hours = said('cpd.error.hoursPositive', { type: ruleLabel(locale, type), rate: rateText(type, locale) });
    } else if (hours > rules.maxCpdHours) {
      errors.hours = said('cpd.error.hoursTooMany', { hours, max: rules.maxCpdHours });
    }
  } else if (type) {
    units = input.units ?? null;
    if (typeof units !== 'number' || !Number.isFinite(units) || units <= 0) {
      errors.units = said('cpd.error.unitsMissing', { units: unitPluralText(type, locale), type: ruleLabel(locale, type), rate: rateText(type, locale) });
    } else if (units > MAX_CPD_UNITS) {
      errors.units = said('cpd.error.unitsTooMany', { amount: quantityText(type, units, locale), max: MAX_CPD_UNITS });
    }
  }

  let credits: number | undefined;
  if (input.credits !== undefined && input.credits !== null) {
    if (!Number.isFinite(input.credits) || input.credits < 0 || input.credits > MAX_CREDITS) {
      errors.credits = said('cpd.error.creditsRange', { max: MAX_CREDITS });
    } else credits = toCents(input.credits);
  }

  const roles = input.roles ?? [];
  const badRoles = roles.filter((r) => !CANMEDS_ROLE_KEYS.includes(r));
  if (badRoles.length) errors.roles = said('cpd.error.unknownRoles', { roles: badRoles.join(', ') });
  const outcome = input.outcome ?? null;
  if (outcome !== null && !LEARNING_OUTCOMES.includes(outcome)) errors.outcome = said('cpd.error.unknownOutcome', { outcome });

  const provider = input.provider?.trim() || null;
  if (provider && provider.length > MAX_TITLE) errors.provider = said('cpd.error.providerTooLong', { max: MAX_TITLE });
  const reflection = input.reflection?.trim() || null;
  if (reflection && reflection.length > MAX_TEXT) errors.reflection = said('cpd.error.reflectionTooLong', { max: MAX_TEXT, length: reflection.length });

  const evidenceUrl = input.evidenceUrl?.trim() || null;
  if (evidenceUrl && !isHttpUrl(evidenceUrl)) errors.evidenceUrl = said('cpd.error.evidenceUrl');

  const goalId = input.goalId || null;
  if (goalId) {
    const goal = await ctx.db.learningGoal.findFirst({ where: { id: goalId, programId: ctx.program.id, menteeId: personId }, select: { id: true } });
    if (!goal) errors.goalId = said('cpd.error.goalNotInPlan');
  }
  throwFieldErrors(errors);

  const kind = type!;
  if (credits === undefined) {
    const set = ruleSetFor(system, date);
    const soFar = kind.capPerCycle === undefined ? 0 : await cappedSoFar(ctx, personId, system, kind.key, date, set.cycleYears, exceptId);
    const computed = computeCredits({ system, date, category: input.category, activityType: kind.key, amount: (hours ?? units)!, cappedSoFar: soFar }, rules.credits);
    credits = computed?.credits ?? 0;
  }
  return {
    title,
    date,
    system,
    category: input.category,
    activityType: kind.key,
    certified: kind.certified,
    hours,
    units,
    credits,
    provider,
    roles,
    outcome,
    reflection,
    evidenceUrl,
    goalId,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
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
  const data = await validate(ctx, actor.personId, input, system, actor.locale);
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
  const data = await validate(ctx, row.personId, merged, merged.system ?? current.system, actor.locale, row.id);
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
