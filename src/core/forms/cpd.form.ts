// The CPD activity form: opened by /cpd (empty or prefilled from its arguments), saved by logCpd.
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { canMedsLabel, CANMEDS_ROLE_KEYS, parseCanMedsRole, type CanMedsRole } from '../domain/canmeds.js';
import { isAppError, type ErrorText } from '../domain/errors.js';
import { activityTypeLabelFor, categoryList, cpdCategoryLabelFor, foldWord, nounOf, quantityText, rateText, ruleLabel, ruleSetFor, type CpdRuleSet } from '../domain/cpd-rules.js';
import {
  CPD_SYSTEMS,
  LEARNING_OUTCOMES,
  parseCpdSystem,
  parseLearningOutcome,
  type CpdSystem,
  type LearningOutcome,
  type Pathway,
} from '../domain/enums.js';
import { formatDate, formatHours } from '../i18n/format.js';
import { cpdSystemLabel, outcomeLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { said, t } from '../i18n/translate.js';
import { parseUnits } from '../domain/parse/parse-cpd-args.js';
import { parseUserDate } from '../domain/parse/parse-date.js';
import { parseHours } from '../domain/parse/parse-duration.js';
import { today } from '../services/access.js';
import { cpdSystemOf, logCpd, type CpdActivityView, type CpdInput } from '../services/cpd.service.js';
import { throwFieldErrors, type FieldProblems } from '../services/field-errors.js';
import type { Field, FormValues, FormView } from '../ui/form.js';
import type { Message } from '../ui/message.js';
import type { FormDefinition } from './types.js';
import { identifierWarning, listOf, noIdentifiersNotice, textOf, withIdentifierWarning } from './identifier-check.js';
import { formRequestId, requireOwnRequestId } from '../services/request-ids.js';

interface CpdFormState {
  requestId: string;
}

export const pathwayOf = (actor: Actor): Pathway | undefined =>
  actor.enrollments.find((e) => e.status === 'ACTIVE' && e.pathway !== null)?.pathway ?? undefined;

/** The CanMEDS roles as the actor's pathway names them, in the actor's language. */
export const roleOptions = (actor: Actor) => CANMEDS_ROLE_KEYS.map((r) => ({ value: r, label: canMedsLabel(r, pathwayOf(actor), actor.locale) }));
export const outcomeOptions = (locale: Locale = 'en') => LEARNING_OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(locale, o) }));

export async function buildCpdForm(ctx: CoreContext, actor: Actor, prefill: FormValues, requestId: string): Promise<FormView> {
  const locale = actor.locale;
  const tr = (key: Parameters<typeof t>[1], values?: Parameters<typeof t>[2]) => t(locale, key, values);
  const system = parseCpdSystem(textOf(prefill.system) ?? '') ?? cpdSystemOf(actor);
  // The categories and types offered are those of the rule set in force on the (prefilled) date.
  const prefillDate = textOf(prefill.date);
  const set = ruleSetFor(system, isCalendarDate(prefillDate) ? prefillDate : today(ctx));
  const goals = await ctx.db.learningGoal.findMany({
    where: { programId: ctx.program.id, menteeId: actor.personId, status: 'ON_TRACK' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, title: true },
  });
  const fields: Field[] = [
    { id: 'title', label: tr('cpd.field.title'), kind: 'text', required: true, placeholder: tr('cpd.field.titlePlaceholder'), maxLength: 200, initial: textOf(prefill.title) },
    { id: 'date', label: tr('cpd.field.date'), kind: 'date', required: true, initial: textOf(prefill.date) ?? today(ctx) },
    { id: 'system', label: tr('cpd.field.system'), kind: 'choice', required: true, options: CPD_SYSTEMS.map((s) => ({ value: s, label: cpdSystemLabel(locale, s) })), initial: system },
    {
      id: 'category',
      label: system === 'MOC' ? tr('cpd.field.section') : tr('cpd.field.category'),
      kind: 'choice',
      required: system !== 'MOC',
      hint: system === 'MOC' ? tr('cpd.field.sectionHint') : tr('cpd.field.categoryHint'),
      options: set.categories.map((c) => ({ value: c.key, label: ruleLabel(locale, c) })),
      initial: textOf(prefill.category),
    },
    { id: 'activityType', label: tr('cpd.field.activityType'), kind: 'choice', required: system === 'MOC', options: activityTypeOptions(set, locale), initial: textOf(prefill.activityType) },
    { id: 'hours', label: tr('cpd.field.hours'), kind: 'number', required: false, hint: tr('cpd.field.hoursHint'), initial: textOf(prefill.hours) },
    { id: 'units', label: tr('cpd.field.units'), kind: 'number', required: false, hint: tr('cpd.field.unitsHint'), initial: textOf(prefill.units) },
    { id: 'credits', label: tr('cpd.field.credits'), kind: 'number', required: false, hint: tr('cpd.field.creditsHint', { system }), initial: textOf(prefill.credits) },
    { id: 'provider', label: tr('cpd.field.provider'), kind: 'text', required: false, maxLength: 200, initial: textOf(prefill.provider) },
    { id: 'roles', label: tr('cpd.field.roles'), kind: 'multiChoice', required: false, options: roleOptions(actor), initial: listOf(prefill.roles) },
    { id: 'outcome', label: tr('cpd.field.outcome'), kind: 'choice', required: false, options: outcomeOptions(locale), initial: textOf(prefill.outcome) },
    { id: 'reflection', label: tr('cpd.field.reflection'), kind: 'longText', required: false, hint: tr('cpd.field.reflectionHint'), maxLength: 4000, initial: textOf(prefill.reflection) },
    { id: 'evidenceUrl', label: tr('cpd.field.evidenceUrl'), kind: 'text', required: false, placeholder: 'https://…', initial: textOf(prefill.evidenceUrl) },
  ];
  if (goals.length) {
    fields.push({ id: 'goalId', label: tr('cpd.field.goal'), kind: 'choice', required: false, options: goals.map((g) => ({ value: g.id, label: g.title })), initial: textOf(prefill.goalId) });
  }
  const state: CpdFormState = { requestId: formRequestId(ctx, 'cpd', actor.personId, requestId) };
  return { formId: 'cpd', title: tr('cpd.form.title'), submitLabel: tr('cpd.form.submit'), notice: noIdentifiersNotice(locale), fields: fields.map(dropEmptyInitial), state: JSON.stringify(state) };
}

/** Each type once (Mainpro+ offers the same types in every category), with its unit and rate. */
function activityTypeOptions(set: CpdRuleSet, locale: Locale): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const c of set.categories) {
    for (const type of c.activityTypes) {
      if (seen.has(type.key)) continue;
      const values = { type: ruleLabel(locale, type), rate: rateText(type, locale) };
      // MOC types are listed under their section's short name ("Section 2"), Mainpro+ types alone.
      const section = ruleLabel(locale, c).split(':')[0]!.trim();
      seen.set(type.key, set.system === 'MOC' ? t(locale, 'cpd.field.typeOptionInSection', { ...values, section }) : t(locale, 'cpd.field.typeOption', values));
    }
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}

/** A category or type as typed (key, label in either language, or alias) -> its key in the set. */
function keyOf(text: string, entries: readonly { key: string; label: string; labelKey: Parameters<typeof t>[1]; aliases: readonly string[] }[]): string | undefined {
  const w = foldWord(text);
  return entries.find((e) => [e.key, e.label, t('fr', e.labelKey), ...e.aliases].some((a) => foldWord(a) === w))?.key;
}

export function dropEmptyInitial(field: Field): Field {
  if (field.initial === undefined || (Array.isArray(field.initial) && field.initial.length === 0)) {
    const { initial: _initial, ...rest } = field;
    return rest;
  }
  return field;
}

export function parseState<T extends object>(state: string, keys: (keyof T)[]): T | undefined {
  try {
    const parsed: unknown = JSON.parse(state);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    return keys.every((k) => typeof (parsed as Record<string, unknown>)[k as string] === 'string') ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs each conversion, gathering every field's error before throwing them together. */
export function collect<T>(errors: Record<string, ErrorText>, convert: () => T): T | undefined {
  try {
    return convert();
  } catch (error) {
    if (isAppError(error) && Object.keys(error.fieldErrors).length) {
      Object.assign(errors, error.fieldErrors);
      return undefined;
    }
    throw error;
  }
}

export function parseRoles(values: string[]): { roles: CanMedsRole[]; unknown: string[] } {
  const roles: CanMedsRole[] = [];
  const unknown: string[] = [];
  for (const v of values) {
    const role = parseCanMedsRole(v);
    if (role) {
      if (!roles.includes(role)) roles.push(role);
    } else unknown.push(v);
  }
  return { roles, unknown };
}

/** Form values → service input; throws field-named errors, in the reader's words, for what cannot be read. */
export function cpdInputFromValues(ctx: CoreContext, values: FormValues, defaultSystem: CpdSystem, locale: Locale = 'en'): CpdInput {
  const errors: FieldProblems = {};
  const text = (id: string) => textOf(values[id])?.trim() || undefined;
  const date = collect(errors, () => (text('date') ? parseUserDate(text('date')!, { today: today(ctx), field: 'date' }) : undefined));
  let system: CpdSystem | undefined;
  if (text('system')) {
    system = parseCpdSystem(text('system')!);
    if (!system) errors.system = said('cpd.error.system');
  }
  const set = ruleSetFor(system ?? defaultSystem, date ?? today(ctx));
  const chooseCategory = said('cpd.error.chooseCategory', { noun: nounOf(set), categories: categoryList(set, locale) });
  let category = text('category') ? keyOf(text('category')!, set.categories) : undefined;
  if (text('category') && !category) errors.category = chooseCategory;
  let activityType: string | undefined;
  if (text('activityType')) {
    activityType = keyOf(text('activityType')!, set.categories.flatMap((c) => c.activityTypes));
    if (!activityType) errors.activityType = said('cpd.error.activityTypeFromList');
  }
  if (!category && !errors.category && activityType) {
    // A MOC activity type belongs to one section; a Mainpro+ type to every category.
    const owners = set.categories.filter((c) => c.activityTypes.some((ty) => ty.key === activityType));
    if (owners.length === 1) category = owners[0]!.key;
  }
  if (!category && !errors.category) errors.category = chooseCategory;
  let hours: number | undefined;
  if (text('hours')) hours = collect(errors, () => parseHours(text('hours')!, { field: 'hours', maxHours: ctx.program.rules.maxCpdHours }));
  let units: number | undefined;
  if (text('units')) units = collect(errors, () => parseUnits(text('units')!, 'units'));
  if (!text('hours') && !text('units')) errors.hours = said('cpd.error.amountMissing');
  let credits: number | undefined;
  if (text('credits')) {
    credits = Number(text('credits')!.replace(',', '.'));
    if (!Number.isFinite(credits)) errors.credits = said('cpd.error.creditsNotNumber', { text: text('credits')! });
  }
  const { roles, unknown } = parseRoles(listOf(values.roles));
  if (unknown.length) errors.roles = said('cpd.error.rolesFromList', { roles: unknown.join(', ') });
  let outcome: LearningOutcome | undefined;
  if (text('outcome')) {
    outcome = parseLearningOutcome(text('outcome')!);
    if (!outcome) errors.outcome = said('cpd.error.outcomeFromList');
  }
  throwFieldErrors(errors);
  return {
    title: text('title') ?? '',
    ...(date ? { date } : {}),
    ...(system ? { system } : {}),
    category: category!,
    ...(activityType ? { activityType } : {}),
    ...(hours !== undefined ? { hours } : {}),
    ...(units !== undefined ? { units } : {}),
    ...(credits !== undefined ? { credits } : {}),
    provider: text('provider') ?? null,
    roles,
    outcome: outcome ?? null,
    reflection: text('reflection') ?? null,
    evidenceUrl: text('evidenceUrl') ?? null,
    goalId: text('goalId') ?? null,
  };
}

function amountText(activity: CpdActivityView, locale: Locale): string {
  if (activity.unit === 'hour') return formatHours(locale, activity.hours ?? 0);
  const type = ruleSetFor(activity.system, activity.date).categories.flatMap((c) => c.activityTypes).find((ty) => ty.key === activity.activityType);
  return quantityText(type ?? { unitName: ['item', 'items'] }, activity.units ?? 0, locale);
}

/** What the person is told once an activity is saved, in their language. */
export function cpdSavedMessage(activity: CpdActivityView, followUp: boolean, locale: Locale = 'en'): Message {
  const text = t(locale, 'cpd.saved', {
    title: activity.title,
    date: formatDate(locale, activity.date),
    amount: amountText(activity, locale),
    system: cpdSystemLabel(locale, activity.system),
    category: cpdCategoryLabelFor(activity.system, activity.date, activity.category, locale),
    type: activityTypeLabelFor(activity.system, activity.date, activity.category, activity.activityType, locale),
    credits: activity.credits,
    year: activity.creditYear,
  });
  return {
    text,
    blocks: [
      { type: 'text', text },
      ...(followUp ? [{ type: 'context' as const, text: t(locale, 'cpd.followUpNotice') }] : []),
    ],
  };
}

export const cpdForm: FormDefinition = {
  id: 'cpd',
  async submit({ ctx, actor, values, state }) {
    const parsed = parseState<CpdFormState>(state, ['requestId']);
    if (!parsed) {
      const expired = t(actor.locale, 'cpd.form.expired');
      return { kind: 'done', message: { text: expired, blocks: [{ type: 'text', text: expired }] } };
    }
    await requireOwnRequestId(ctx, actor, 'cpd', parsed.requestId);
    const view = await buildCpdForm(ctx, actor, values, parsed.requestId);
    const warning = identifierWarning(values, view.fields, actor.locale);
    if (warning) return { kind: 'update', view: withIdentifierWarning(view, warning) };
    const activity = await logCpd(ctx, actor, cpdInputFromValues(ctx, values, cpdSystemOf(actor), actor.locale), parsed.requestId);
    return { kind: 'done', message: cpdSavedMessage(activity, actor.roles.has('MENTEE'), actor.locale) };
  },
};
