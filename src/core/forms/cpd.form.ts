// The CPD activity form: opened by /cpd (empty or prefilled from its arguments), saved by logCpd.
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { canMedsLabel, CANMEDS_ROLE_KEYS, parseCanMedsRole, type CanMedsRole } from '../domain/canmeds.js';
import { isAppError } from '../domain/errors.js';
import { quantityText, rateText, ruleSetFor, type CpdRuleSet } from '../domain/cpd-rules.js';
import {
  CPD_SYSTEM_LABELS,
  CPD_SYSTEMS,
  LEARNING_OUTCOME_LABELS,
  LEARNING_OUTCOMES,
  parseCpdSystem,
  parseLearningOutcome,
  type CpdSystem,
  type LearningOutcome,
  type Pathway,
} from '../domain/enums.js';
import { normalizeWord } from '../domain/normalize.js';
import { parseUnits } from '../domain/parse/parse-cpd-args.js';
import { parseUserDate } from '../domain/parse/parse-date.js';
import { parseHours } from '../domain/parse/parse-duration.js';
import { today } from '../services/access.js';
import { cpdSystemFor, logCpd, type CpdActivityView, type CpdInput } from '../services/cpd.service.js';
import { throwIfErrors } from '../services/reflection.service.js';
import type { Field, FormValues, FormView } from '../ui/form.js';
import type { Message } from '../ui/message.js';
import type { FormDefinition } from './types.js';
import { identifierWarning, listOf, NO_IDENTIFIERS_NOTICE, textOf, withIdentifierWarning } from './identifier-check.js';
import { formRequestId, requireOwnRequestId } from '../services/request-ids.js';

interface CpdFormState {
  requestId: string;
}

export const pathwayOf = (actor: Actor): Pathway | undefined =>
  actor.enrollments.find((e) => e.status === 'ACTIVE' && e.pathway !== null)?.pathway ?? undefined;

export const roleOptions = (actor: Actor) => CANMEDS_ROLE_KEYS.map((r) => ({ value: r, label: canMedsLabel(r, pathwayOf(actor)) }));
export const outcomeOptions = () => LEARNING_OUTCOMES.map((o) => ({ value: o, label: LEARNING_OUTCOME_LABELS[o] }));

export async function buildCpdForm(ctx: CoreContext, actor: Actor, prefill: FormValues, requestId: string): Promise<FormView> {
  const system = parseCpdSystem(textOf(prefill.system) ?? '') ?? (await cpdSystemFor(ctx, actor.personId));
  // The categories and types offered are those of the rule set in force on the (prefilled) date.
  const prefillDate = textOf(prefill.date);
  const set = ruleSetFor(system, isCalendarDate(prefillDate) ? prefillDate : today(ctx));
  const goals = await ctx.db.learningGoal.findMany({
    where: { programId: ctx.program.id, menteeId: actor.personId, status: 'ON_TRACK' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, title: true },
  });
  const fields: Field[] = [
    { id: 'title', label: 'Title', kind: 'text', required: true, placeholder: 'Journal club: sepsis', maxLength: 200, initial: textOf(prefill.title) },
    { id: 'date', label: 'Date', kind: 'date', required: true, initial: textOf(prefill.date) ?? today(ctx) },
    { id: 'system', label: 'CPD system', kind: 'choice', required: true, options: CPD_SYSTEMS.map((s) => ({ value: s, label: CPD_SYSTEM_LABELS[s] })), initial: system },
    {
      id: 'category',
      label: system === 'MOC' ? 'Section' : 'Category',
      kind: 'choice',
      required: system !== 'MOC',
      hint: system === 'MOC' ? 'Leave it to the activity type, or pick the section.' : 'Certified and Certified Assessment activities carry a Mainpro+ certificate.',
      options: set.categories.map((c) => ({ value: c.key, label: c.label })),
      initial: textOf(prefill.category),
    },
    { id: 'activityType', label: 'Activity type', kind: 'choice', required: system === 'MOC', options: activityTypeOptions(set), initial: textOf(prefill.activityType) },
    { id: 'hours', label: 'Hours', kind: 'number', required: false, hint: 'For an activity counted in hours: e.g. 1.5 (or 90m, 1h30)', initial: textOf(prefill.hours) },
    { id: 'units', label: 'Number of items', kind: 'number', required: false, hint: 'For an activity counted one by one: articles read, topics scanned, books, courses...', initial: textOf(prefill.units) },
    { id: 'credits', label: 'Credits', kind: 'number', required: false, hint: `Leave blank to compute them by the ${CPD_SYSTEM_LABELS[system]} rules; type a number if the provider's certificate gives a different one.`, initial: textOf(prefill.credits) },
    { id: 'provider', label: 'Provider', kind: 'text', required: false, maxLength: 200, initial: textOf(prefill.provider) },
    { id: 'roles', label: 'CanMEDS roles', kind: 'multiChoice', required: false, options: roleOptions(actor), initial: listOf(prefill.roles) },
    { id: 'outcome', label: 'Outcome', kind: 'choice', required: false, options: outcomeOptions(), initial: textOf(prefill.outcome) },
    { id: 'reflection', label: 'Reflection', kind: 'longText', required: false, hint: 'What did you learn, and how will you use it? No patient identifiers.', maxLength: 4000, initial: textOf(prefill.reflection) },
    { id: 'evidenceUrl', label: 'Evidence link', kind: 'text', required: false, placeholder: 'https://…', initial: textOf(prefill.evidenceUrl) },
  ];
  if (goals.length) {
    fields.push({ id: 'goalId', label: 'Learning goal', kind: 'choice', required: false, options: goals.map((g) => ({ value: g.id, label: g.title })), initial: textOf(prefill.goalId) });
  }
  const state: CpdFormState = { requestId: formRequestId(ctx, 'cpd', actor.personId, requestId) };
  return { formId: 'cpd', title: 'Log a CPD activity', submitLabel: 'Save', notice: NO_IDENTIFIERS_NOTICE, fields: fields.map(dropEmptyInitial), state: JSON.stringify(state) };
}

/** Each type once (Mainpro+ offers the same types in every category), with its unit and rate. */
function activityTypeOptions(set: CpdRuleSet): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const c of set.categories) {
    for (const t of c.activityTypes) {
      if (seen.has(t.key)) continue;
      const where = set.system === 'MOC' ? `${c.label.split(':')[0]}: ` : '';
      seen.set(t.key, `${where}${t.label} (${rateText(t)})`);
    }
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}

/** A category or type as typed (key, label or alias) -> its key in the set. */
function keyOf(text: string, entries: readonly { key: string; label: string; aliases: readonly string[] }[]): string | undefined {
  const w = normalizeWord(text);
  return entries.find((e) => [e.key, e.label, ...e.aliases].some((a) => normalizeWord(a) === w))?.key;
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
export function collect<T>(errors: Record<string, string>, convert: () => T): T | undefined {
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

/** Form values → service input; throws field-named errors for what cannot be read. */
export function cpdInputFromValues(ctx: CoreContext, values: FormValues, defaultSystem: CpdSystem): CpdInput {
  const errors: Record<string, string> = {};
  const text = (id: string) => textOf(values[id])?.trim() || undefined;
  const date = collect(errors, () => (text('date') ? parseUserDate(text('date')!, { today: today(ctx), field: 'date' }) : undefined));
  let system: CpdSystem | undefined;
  if (text('system')) {
    system = parseCpdSystem(text('system')!);
    if (!system) errors.system = 'Choose a CPD system: Mainpro+ or MOC.';
  }
  const set = ruleSetFor(system ?? defaultSystem, date ?? today(ctx));
  const noun = set.system === 'MOC' ? 'section' : 'category';
  let category = text('category') ? keyOf(text('category')!, set.categories) : undefined;
  if (text('category') && !category) errors.category = `Choose a ${noun}: ${set.categories.map((c) => c.label).join(', ')}.`;
  let activityType: string | undefined;
  if (text('activityType')) {
    activityType = keyOf(text('activityType')!, set.categories.flatMap((c) => c.activityTypes));
    if (!activityType) errors.activityType = 'Pick an activity type from the list.';
  }
  if (!category && !errors.category && activityType) {
    // A MOC activity type belongs to one section; a Mainpro+ type to every category.
    const owners = set.categories.filter((c) => c.activityTypes.some((t) => t.key === activityType));
    if (owners.length === 1) category = owners[0]!.key;
  }
  if (!category && !errors.category) errors.category = `Choose a ${noun}: ${set.categories.map((c) => c.label).join(', ')}.`;
  let hours: number | undefined;
  if (text('hours')) hours = collect(errors, () => parseHours(text('hours')!, { field: 'hours', maxHours: ctx.program.rules.maxCpdHours }));
  let units: number | undefined;
  if (text('units')) units = collect(errors, () => parseUnits(text('units')!, 'units'));
  if (!text('hours') && !text('units')) errors.hours = 'Give the hours (e.g. 1.5), or the number of items for an activity counted one by one (e.g. 4 articles).';
  let credits: number | undefined;
  if (text('credits')) {
    credits = Number(text('credits')!.replace(',', '.'));
    if (!Number.isFinite(credits)) errors.credits = `"${text('credits')}" is not a number: write credits like 1.5, or leave it blank to compute them.`;
  }
  const { roles, unknown } = parseRoles(listOf(values.roles));
  if (unknown.length) errors.roles = `Unknown CanMEDS role(s): ${unknown.join(', ')}. Pick from the list.`;
  let outcome: LearningOutcome | undefined;
  if (text('outcome')) {
    outcome = parseLearningOutcome(text('outcome')!);
    if (!outcome) errors.outcome = 'Pick an outcome from the list, e.g. Expanded knowledge.';
  }
  throwIfErrors(errors);
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

function unitNameOf(activity: CpdActivityView): readonly [string, string] {
  const type = ruleSetFor(activity.system, activity.date).categories.flatMap((c) => c.activityTypes).find((t) => t.key === activity.activityType);
  return type?.unitName ?? ['item', 'items'];
}

export function cpdSavedMessage(activity: CpdActivityView, followUp: boolean): Message {
  const amount = activity.unit === 'hour' ? `${activity.hours} h` : quantityText({ unitName: unitNameOf(activity) }, activity.units ?? 0);
  const what = `${amount} ${CPD_SYSTEM_LABELS[activity.system]} ${activity.categoryLabel}, ${activity.activityTypeLabel}`;
  const text = `Logged "${activity.title}" on ${activity.date}: ${what}, ${activity.credits} credits (credit year ${activity.creditYear}).`;
  return {
    text,
    blocks: [
      { type: 'text', text },
      ...(followUp ? [{ type: 'context' as const, text: 'In a few weeks I will ask you one follow-up question: what changed in your practice?' }] : []),
    ],
  };
}

export const cpdForm: FormDefinition = {
  id: 'cpd',
  async submit({ ctx, actor, values, state }) {
    const parsed = parseState<CpdFormState>(state, ['requestId']);
    if (!parsed) return { kind: 'done', message: { text: 'This form has expired. Type /cpd to open a fresh one.', blocks: [{ type: 'text', text: 'This form has expired. Type /cpd to open a fresh one.' }] } };
    await requireOwnRequestId(ctx, actor, 'cpd', parsed.requestId);
    const view = await buildCpdForm(ctx, actor, values, parsed.requestId);
    const warning = identifierWarning(values, view.fields);
    if (warning) return { kind: 'update', view: withIdentifierWarning(view, warning) };
    const activity = await logCpd(ctx, actor, cpdInputFromValues(ctx, values, await cpdSystemFor(ctx, actor.personId)), parsed.requestId);
    return { kind: 'done', message: cpdSavedMessage(activity, actor.roles.has('MENTEE')) };
  },
};
