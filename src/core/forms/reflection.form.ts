// The reflection form: one long answer per question of the prompt (as it was asked), CanMEDS roles,
// outcome, share with mentor, save as draft. Opened by /reflect and by the prompt's "Answer now" button.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { parseLearningOutcome, type LearningOutcome } from '../domain/enums.js';
import { getPromptForAnswer, saveReflection, throwIfErrors } from '../services/reflection.service.js';
import type { Field, FormValues, FormView } from '../ui/form.js';
import { message } from '../ui/message.js';
import type { FormDefinition } from './types.js';
import { dropEmptyInitial, outcomeOptions, parseRoles, parseState, roleOptions } from './cpd.form.js';
import { checkbox, identifierWarning, isTicked, listOf, NO_IDENTIFIERS_NOTICE, textOf, withIdentifierWarning } from './identifier-check.js';

interface ReflectionFormState {
  promptId: string;
}

export const SHARE_FIELD = 'share_with_mentor';
export const DRAFT_FIELD = 'save_as_draft';

/** `prefill` overrides what the prompt holds (a draft's answers), e.g. when the form comes back with a warning. */
export async function buildReflectionForm(ctx: CoreContext, actor: Actor, prefill: FormValues, promptId: string): Promise<FormView> {
  const prompt = await getPromptForAnswer(ctx, actor, promptId);
  const has = (id: string) => Object.prototype.hasOwnProperty.call(prefill, id);
  const fields: Field[] = prompt.questions.map((q) => ({
    id: q.id,
    label: q.text,
    kind: 'longText',
    // Never required by the form itself, so a draft can be saved half-way; saveReflection enforces it.
    required: false,
    ...(q.required ? { hint: 'Needed to finish (not for a draft).' } : {}),
    maxLength: 4000,
    initial: has(q.id) ? textOf(prefill[q.id]) : prompt.answers[q.id],
  }));
  fields.push(
    { id: 'roles', label: 'CanMEDS roles it touches', kind: 'multiChoice', required: false, options: roleOptions(actor), initial: has('roles') ? listOf(prefill.roles) : prompt.roles },
    { id: 'outcome', label: 'Outcome', kind: 'choice', required: false, options: outcomeOptions(), initial: has('outcome') ? textOf(prefill.outcome) : (prompt.outcome ?? undefined) },
    checkbox(SHARE_FIELD, 'Share with my mentor', has(SHARE_FIELD) ? isTicked(prefill[SHARE_FIELD]) : prompt.shared, 'Unshared reflections are seen only by you and the program coordinators.'),
    checkbox(DRAFT_FIELD, 'Save as a draft (finish later)', isTicked(prefill[DRAFT_FIELD])),
  );
  const state: ReflectionFormState = { promptId };
  return {
    formId: 'reflection',
    title: prompt.kind === 'FOLLOW_UP' ? 'Follow-up reflection' : 'Reflection',
    submitLabel: 'Save',
    notice: `About ${prompt.about}. ${NO_IDENTIFIERS_NOTICE}`,
    fields: fields.map(dropEmptyInitial),
    state: JSON.stringify(state),
  };
}

export const reflectionForm: FormDefinition = {
  id: 'reflection',
  async submit({ ctx, actor, values, state }) {
    const parsed = parseState<ReflectionFormState>(state, ['promptId']);
    if (!parsed) return { kind: 'done', message: message('This form has expired. Type /reflect to open your reflection again.') };
    const view = await buildReflectionForm(ctx, actor, values, parsed.promptId);
    const warning = identifierWarning(values, view.fields);
    if (warning) return { kind: 'update', view: withIdentifierWarning(view, warning) };

    const errors: Record<string, string> = {};
    const { roles, unknown } = parseRoles(listOf(values.roles));
    if (unknown.length) errors.roles = `Unknown CanMEDS role(s): ${unknown.join(', ')}. Pick from the list.`;
    let outcome: LearningOutcome | null = null;
    const outcomeText = textOf(values.outcome)?.trim();
    if (outcomeText) {
      outcome = parseLearningOutcome(outcomeText) ?? null;
      if (!outcome) errors.outcome = 'Pick an outcome from the list, e.g. Expanded knowledge.';
    }
    throwIfErrors(errors);
    const questionIds = view.fields.filter((f) => f.kind === 'longText').map((f) => f.id);
    const answers = Object.fromEntries(questionIds.map((id) => [id, textOf(values[id])]));
    const draft = isTicked(values[DRAFT_FIELD]);
    const shared = isTicked(values[SHARE_FIELD]);
    const saved = await saveReflection(ctx, actor, parsed.promptId, { answers, roles, outcome, shared, draft });
    const text =
      saved.status === 'DRAFT'
        ? 'Draft saved. Type /reflect when you want to finish it.'
        : `Thank you: your reflection is saved${saved.shared ? ' and shared with your mentor' : ' (private: only you and the coordinators see it)'}.`;
    return { kind: 'done', message: message(text) };
  },
};
