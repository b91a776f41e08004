// The learning-plan goal form: title, CanMEDS roles, target date, and (for a mentor or coordinator)
// whose plan it goes in. Opened by `/goals add`.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { addGoal, planOwnersFor } from '../services/goal.service.js';
import { throwFieldErrors } from '../services/field-errors.js';
import { formatDate } from '../i18n/format.js';
import { said, t } from '../i18n/translate.js';
import type { Field, FormValues, FormView } from '../ui/form.js';
import { message } from '../ui/message.js';
import type { FormDefinition } from './types.js';
import { formRequestId, requireOwnRequestId } from '../services/request-ids.js';
import { dropEmptyInitial, parseRoles, parseState, roleOptions } from './cpd.form.js';
import { identifierWarning, listOf, noIdentifiersNotice, textOf, withIdentifierWarning } from './identifier-check.js';

interface GoalFormState {
  requestId: string;
}

export async function buildGoalForm(ctx: CoreContext, actor: Actor, prefill: FormValues, requestId: string): Promise<FormView> {
  const locale = actor.locale;
  const fields: Field[] = [
    { id: 'title', label: t(locale, 'goals.field.title'), kind: 'text', required: true, maxLength: 200, placeholder: t(locale, 'goals.field.titlePlaceholder'), initial: textOf(prefill.title) },
    { id: 'roles', label: t(locale, 'goals.field.roles'), kind: 'multiChoice', required: false, options: roleOptions(actor), initial: listOf(prefill.roles) },
    { id: 'targetDate', label: t(locale, 'goals.field.targetDate'), kind: 'date', required: false, initial: textOf(prefill.targetDate) },
  ];
  // A mentor or coordinator picks whose plan; a mentee alone adds to their own.
  if (actor.roles.has('MENTOR') || actor.roles.has('COORDINATOR')) {
    const owners = await planOwnersFor(ctx, actor);
    fields.unshift({
      id: 'menteeId',
      label: t(locale, 'goals.field.mentee'),
      kind: 'person',
      required: true,
      options: owners.map((o) => ({ value: o.personId, label: o.personId === actor.personId ? t(locale, 'goals.field.me', { name: o.name }) : o.name })),
      initial: textOf(prefill.menteeId) ?? (owners.length === 1 ? owners[0]!.personId : undefined),
    });
  }
  const state: GoalFormState = { requestId: formRequestId(ctx, 'goal', actor.personId, requestId) };
  return { formId: 'goal', title: t(locale, 'goals.form.title'), submitLabel: t(locale, 'goals.form.submit'), notice: noIdentifiersNotice(locale), fields: fields.map(dropEmptyInitial), state: JSON.stringify(state) };
}

export const goalForm: FormDefinition = {
  id: 'goal',
  async submit({ ctx, actor, values, state }) {
    const parsed = parseState<GoalFormState>(state, ['requestId']);
    if (!parsed) return { kind: 'done', message: message(t(actor.locale, 'goals.form.expired')) };
    await requireOwnRequestId(ctx, actor, 'goal', parsed.requestId);
    const view = await buildGoalForm(ctx, actor, values, parsed.requestId);
    const warning = identifierWarning(values, view.fields, actor.locale);
    if (warning) return { kind: 'update', view: withIdentifierWarning(view, warning) };
    const { roles, unknown } = parseRoles(listOf(values.roles));
    throwFieldErrors(unknown.length ? { roles: said('goals.error.rolesFromList', { roles: unknown.join(', ') }) } : {});
    const menteeId = textOf(values.menteeId)?.trim() || undefined;
    const goal = await addGoal(
      ctx,
      actor,
      { title: textOf(values.title) ?? '', roles, targetDate: textOf(values.targetDate)?.trim() || null, ...(menteeId ? { menteeId } : {}) },
      parsed.requestId,
    );
    const added = goal.targetDate
      ? t(actor.locale, 'goals.addedBy', { title: goal.title, date: formatDate(actor.locale, goal.targetDate) })
      : t(actor.locale, 'goals.added', { title: goal.title });
    return { kind: 'done', message: message(added) };
  },
};
