// What a CPD activity must satisfy before it is saved, logged or edited (cpd.service.ts saves it):
// every field checked at once in the reader's words, the activity type and rule set its date picks,
// and the credits the rules give when the user typed none. Apart so the service reads as the steps.
import type { CoreContext } from '../context.js';
import { CANMEDS_ROLE_KEYS } from '../domain/canmeds.js';
import { computeCredits, toCents } from '../domain/credits.js';
import { categoryList, categoryRule, nounOf, quantityText, ruleLabel, ruleSetFor, rateText, unitPluralText, type CpdActivityTypeRule } from '../domain/cpd-rules.js';
import { CPD_SYSTEMS, LEARNING_OUTCOMES, type CpdSystem } from '../domain/enums.js';
import { MAX_CPD_UNITS } from '../domain/parse/parse-cpd-args.js';
import { addMonthsLocal, isCalendarDate } from '../domain/time.js';
import { formatDate } from '../i18n/format.js';
import { cpdSystemLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { said } from '../i18n/translate.js';
import { today } from './access.js';
import { toDbDate } from './db-dates.js';
import { throwFieldErrors, type FieldProblems } from './field-errors.js';
import type { CpdActivityView, CpdInput } from './cpd.service.js';

const MAX_TITLE = 200;
const MAX_TEXT = 4000;
const MAX_CREDITS = 1000;

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
export async function validateCpd(ctx: CoreContext, personId: string, input: CpdInput, system: CpdSystem, locale: Locale, exceptId?: string): Promise<Normalized> {
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
