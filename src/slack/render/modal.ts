// Neutral FormView → Slack modal, and FormOutcome → the view_submission answer. block_id and
// action_id are the field id, so submitted values and core's field errors line up with the fields.
import { isCalendarDate } from '../../core/domain/time.js';
import type { types } from '@slack/bolt';
import type { Field, FieldOption, FormOutcome, FormView } from '../../core/ui/form.js';
import { LIMITS, chunkMrkdwn, plain, truncate } from './text.js';

type KnownBlock = types.KnownBlock;
type InputBlock = types.InputBlock;
type PlainTextOption = types.PlainTextOption;

export const CALLBACK_PREFIX = 'form:';
export const callbackIdFor = (formId: string) => `${CALLBACK_PREFIX}${formId}`;
export const formIdFrom = (callbackId: string) => callbackId.slice(CALLBACK_PREFIX.length);

export function renderModal(view: FormView): types.ModalView {
  const notice: KnownBlock[] = view.notice
    ? chunkMrkdwn(view.notice, LIMITS.sectionText).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }))
    : [];
  const inputs = view.fields.map(renderField);
  // Inputs must all be shown: the notice is what gives way when the budget is tight.
  const blocks = [...notice.slice(0, Math.max(0, LIMITS.viewBlocks - inputs.length)), ...inputs].slice(0, LIMITS.viewBlocks);
  return {
    type: 'modal',
    callback_id: truncate(callbackIdFor(view.formId), LIMITS.callbackId),
    title: plain(view.title, LIMITS.modalTitle),
    submit: plain(view.submitLabel, LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    // Core promises state within Slack's limit; it is carried, never read or cut.
    private_metadata: view.state,
    blocks,
  };
}

function renderField(field: Field): InputBlock {
  return {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: plain(field.label, LIMITS.label),
    ...(field.hint ? { hint: plain(field.hint, LIMITS.hint) } : {}),
    element: renderElement(field),
  };
}

function renderElement(field: Field): InputBlock['element'] {
  const action_id = field.id;
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, LIMITS.placeholder) } : {};
  const single = typeof field.initial === 'string' && field.initial !== '' ? field.initial : undefined;
  switch (field.kind) {
    case 'text':
    case 'longText':
      return {
        type: 'plain_text_input',
        action_id,
        multiline: field.kind === 'longText',
        max_length: Math.min(field.maxLength ?? LIMITS.inputMaxLength, LIMITS.inputMaxLength),
        ...(single ? { initial_value: truncate(single, Math.min(field.maxLength ?? LIMITS.inputMaxLength, LIMITS.inputMaxLength)) } : {}),
        ...placeholder,
      };
    case 'duration':
      // Typed freely ("45m", "1h30"); core parses it. The initial value is in minutes.
      return { type: 'plain_text_input', action_id, max_length: 20, ...(single ? { initial_value: minutesAsText(single) } : {}), ...placeholder };
    case 'number':
      // Not number_input: core accepts "1.5", "1,5" or "90m" for hours and explains its own errors.
      return { type: 'plain_text_input', action_id, max_length: 20, ...(single ? { initial_value: single } : {}), ...placeholder };
    case 'date':
      return { type: 'datepicker', action_id, ...(isCalendarDate(single) ? { initial_date: single } : {}), ...placeholder };
    case 'choice':
    case 'person': {
      const options = selectOptions(field.options);
      const initial = options.find((o) => o.value === single);
      return { type: 'static_select', action_id, options, ...(initial ? { initial_option: initial } : {}), ...placeholder };
    }
    case 'multiChoice': {
      const options = selectOptions(field.options);
      const wanted = new Set(Array.isArray(field.initial) ? field.initial : single ? [single] : []);
      const initial = options.filter((o) => wanted.has(o.value!));
      return { type: 'multi_static_select', action_id, options, ...(initial.length ? { initial_options: initial } : {}), ...placeholder };
    }
    case 'checkbox': {
      const options: PlainTextOption[] = field.options?.length
        ? selectOptions(field.options).slice(0, LIMITS.checkboxOptions)
        : [{ text: plain(field.label, LIMITS.optionText), value: 'true' }];
      const wanted = new Set(Array.isArray(field.initial) ? field.initial : single ? [single] : []);
      const initial = options.filter((o) => wanted.has(o.value!));
      return { type: 'checkboxes', action_id, options, ...(initial.length ? { initial_options: initial } : {}) };
    }
  }
}

function selectOptions(options: FieldOption[] = []): PlainTextOption[] {
  const list = options.slice(0, LIMITS.options).map((o) => ({ text: plain(o.label, LIMITS.optionText), value: truncate(o.value, LIMITS.optionValue) }));
  // Slack rejects a select without options; an empty list only happens when core offers nothing to pick.
  return list.length ? list : [{ text: plain('(nothing to choose)', LIMITS.optionText), value: '_none' }];
}

/** 45 → "45m", 90 → "1h30", 120 → "2h"; anything else is shown as given. */
export function minutesAsText(initial: string): string {
  if (!/^\d+$/.test(initial)) return initial;
  const minutes = Number(initial);
  if (minutes < 60) return `${minutes}m`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h}h${String(m).padStart(2, '0')}` : `${h}h`;
}

/** What Slack expects in the HTTP answer to a view_submission, for each outcome core gives. */
export type SubmissionAnswer =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: types.ModalView }
  | { response_action: 'clear' };

export function submissionAnswer(outcome: FormOutcome, shown: { blockIds: string[] }): SubmissionAnswer {
  switch (outcome.kind) {
    case 'errors':
      return { response_action: 'errors', errors: errorsByBlock(outcome.errors, shown.blockIds) };
    case 'update':
      return { response_action: 'update', view: renderModal(outcome.view) };
    case 'done':
      return { response_action: 'clear' };
  }
}

/**
 * Slack only shows errors on input blocks of the view; an error about something else (the form as a
 * whole) is shown on the first field rather than lost.
 */
export function errorsByBlock(errors: Record<string, string>, blockIds: string[]): Record<string, string> {
  const known = new Set(blockIds);
  const out: Record<string, string> = {};
  const stray: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    if (known.has(field)) out[field] = truncate(message, LIMITS.field);
    else stray.push(message);
  }
  const first = blockIds[0];
  if (stray.length && first) out[first] = truncate([out[first], ...stray].filter(Boolean).join(' '), LIMITS.field);
  return out;
}
