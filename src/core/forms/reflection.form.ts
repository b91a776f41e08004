// The reflection form: one long answer per question of the prompt (as it was asked), CanMEDS roles,
// outcome, share with mentor, save as draft. Opened by /reflect and by the prompt's "Answer now" button.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { CANMEDS_ROLE_KEYS, canMedsLabel } from '../domain/canmeds.js';
import type { ErrorText } from '../domain/errors.js';
import { LEARNING_OUTCOMES, parseLearningOutcome, type LearningOutcome } from '../domain/enums.js';
import { outcomeLabel } from '../i18n/labels.js';
import { said, t } from '../i18n/translate.js';
import { aboutText, getPromptForAnswer, saveReflection, throwIfErrors } from '../services/reflection.service.js';
import { questionText, reflectionTitle } from '../services/reflection-prompts.service.js';
import type { Field, FormValues, FormView } from '../ui/form.js';
import { message } from '../ui/message.js';
import type { FormDefinition } from './types.js';
import { dropEmptyInitial, parseRoles, parseState, pathwayOf } from './cpd.form.js';
import { checkbox, identifierWarning, isTicked, listOf, textOf, withIdentifierWarning } from './identifier-check.js';

interface ReflectionFormState {
  promptId: string;
}

export const SHARE_FIELD = 'share_with_mentor';
export const DRAFT_FIELD = 'save_as_draft';

/** `prefill` overrides what the prompt holds (a draft's answers), e.g. when the form comes back with a warning. */
export async function buildReflectionForm(ctx: CoreContext, actor: Actor, prefill: FormValues, promptId: string): Promise<FormView> {
  const prompt = await getPromptForAnswer(ctx, actor, promptId);
  const { locale } = actor;
  const has = (id: string) => Object.prototype.hasOwnProperty.call(prefill, id);
  const pathway = pathwayOf(actor);
  const roleOptions = CANMEDS_ROLE_KEYS.map((r) => ({ value: r, label: canMedsLabel(r, pathway, locale) }));
  const outcomeOptions = LEARNING_OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(locale, o) }));
  const fields: Field[] = prompt.questions.map((q) => ({
    id: q.id,
    label: questionText(locale, q),
    kind: 'longText',
    // Never required by the form itself, so a draft can be saved half-way; saveReflection enforces it.
    required: false,
    ...(q.required ? { hint: t(locale, 'reflection.form.requiredHint') } : {}),
    maxLength: 4000,
    initial: has(q.id) ? textOf(prefill[q.id]) : prompt.answers[q.id],
  }));
  fields.push(
    { id: 'roles', label: t(locale, 'reflection.form.roles'), kind: 'multiChoice', required: false, options: roleOptions, initial: has('roles') ? listOf(prefill.roles) : prompt.roles },
    { id: 'outcome', label: t(locale, 'reflection.form.outcome'), kind: 'choice', required: false, options: outcomeOptions, initial: has('outcome') ? textOf(prefill.outcome) : (prompt.outcome ?? undefined) },
    checkbox(SHARE_FIELD, t(locale, 'reflection.form.share'), has(SHARE_FIELD) ? isTicked(prefill[SHARE_FIELD]) : prompt.shared, t(locale, 'reflection.form.shareHint')),
    checkbox(DRAFT_FIELD, t(locale, 'reflection.form.draft'), isTicked(prefill[DRAFT_FIELD])),
  );
  const state: ReflectionFormState = { promptId };
  return {
    formId: 'reflection',
    title: reflectionTitle(locale, prompt.kind),
    submitLabel: t(locale, 'reflection.form.save'),
    notice: t(locale, 'reflection.form.notice', { about: aboutText(locale, prompt.about) }),
    fields: fields.map(dropEmptyInitial),
    state: JSON.stringify(state),
  };
}

export const reflectionForm: FormDefinition = {
  id: 'reflection',
  async submit({ ctx, actor, values, state }) {
    const parsed = parseState<ReflectionFormState>(state, ['promptId']);
    if (!parsed) return { kind: 'done', message: message(t(actor.locale, 'reflection.form.expired')) };
    const view = await buildReflectionForm(ctx, actor, values, parsed.promptId);
    const warning = identifierWarning(values, view.fields, actor.locale);
    if (warning) return { kind: 'update', view: withIdentifierWarning(view, warning) };

    const errors: Record<string, ErrorText> = {};
    const { roles, unknown } = parseRoles(listOf(values.roles));
    if (unknown.length) errors.roles = said('reflection.form.unknownRoles', { roles: unknown.join(', ') });
    let outcome: LearningOutcome | null = null;
    const outcomeText = textOf(values.outcome)?.trim();
    if (outcomeText) {
      outcome = parseLearningOutcome(outcomeText) ?? null;
      if (!outcome) errors.outcome = said('reflection.form.pickOutcome');
    }
    throwIfErrors(errors);
    const questionIds = view.fields.filter((f) => f.kind === 'longText').map((f) => f.id);
    const answers = Object.fromEntries(questionIds.map((id) => [id, textOf(values[id])]));
    const draft = isTicked(values[DRAFT_FIELD]);
    const shared = isTicked(values[SHARE_FIELD]);
    const saved = await saveReflection(ctx, actor, parsed.promptId, { answers, roles, outcome, shared, draft });
    const text =
      saved.status === 'DRAFT'
        ? t(actor.locale, 'reflection.form.draftSaved')
        : t(actor.locale, saved.shared ? 'reflection.form.savedShared' : 'reflection.form.savedPrivate');
    return { kind: 'done', message: message(text) };
  },
};
