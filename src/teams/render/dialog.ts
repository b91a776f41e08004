// Neutral FormView → the Adaptive Card of a Teams dialog (task module). Input ids are the field ids;
// the view itself rides in the submit action's data, so a submit can be handed to core and, on
// errors, the same card re-rendered with what the person typed and the error under each field.
import { isCalendarDate } from '../../core/domain/time.js';
import type { Field, FormValues, FormView } from '../../core/ui/form.js';
import { emptyCard, fitCard, type AdaptiveCard, type CardElement } from './card.js';
import { clip, plain } from './text.js';
import type { Locale } from '../../core/i18n/locale.js';
import { t } from '../../core/i18n/translate.js';

/** What the dialog's submit action carries next to the inputs (with Teams' own `msteams`): no field may use these keys. */
export interface SubmitFormData {
  verb: 'form';
  formId: string;
  view: FormView;
}

export interface DialogOptions {
  /** What the person submitted, shown again instead of the view's initial values. */
  values?: FormValues;
  /** Field id → what is wrong; shown under the field. */
  errors?: Record<string, string>;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : v ? [v] : []);
const asText = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(',') : v);

function input(field: Field, value: string | string[] | undefined, locale: Locale): CardElement {
  const base = {
    id: field.id,
    label: clip(field.label, 200),
    isRequired: field.required,
    ...(field.required ? { errorMessage: t(locale, 'platform.fieldRequired', { label: clip(field.label, 100) }) } : {}),
  };
  const text = asText(value);
  const choices = (field.options ?? []).map((o) => ({ title: clip(o.label, 200), value: o.value }));
  switch (field.kind) {
    case 'text':
    case 'longText':
      return {
        type: 'Input.Text',
        ...base,
        ...(field.kind === 'longText' ? { isMultiline: true } : {}),
        ...(field.placeholder ? { placeholder: clip(field.placeholder, 200) } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(text ? { value: text } : {}),
      };
    case 'duration':
      return {
        type: 'Input.Text',
        ...base,
        placeholder: clip(field.placeholder ?? 'e.g. 45m, 1h30', 200),
        ...(text ? { value: text } : {}),
      };
    case 'date':
      return { type: 'Input.Date', ...base, ...(isCalendarDate(text) ? { value: text } : {}) };
    case 'number': {
      const n = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
      return {
        type: 'Input.Number',
        ...base,
        ...(field.placeholder ? { placeholder: clip(field.placeholder, 200) } : {}),
        ...(Number.isFinite(n) ? { value: n } : {}),
      };
    }
    case 'choice':
    case 'person':
      return { type: 'Input.ChoiceSet', ...base, style: 'compact', choices, ...(text ? { value: text } : {}) };
    case 'multiChoice': {
      const selected = asList(value).filter((v) => choices.some((c) => c.value === v));
      return {
        type: 'Input.ChoiceSet',
        ...base,
        isMultiSelect: true,
        style: choices.length > 8 ? 'compact' : 'expanded',
        choices,
        ...(selected.length ? { value: selected.join(',') } : {}),
      };
    }
    case 'checkbox':
      return {
        type: 'Input.Toggle',
        ...base,
        title: clip(field.label, 200),
        valueOn: 'true',
        valueOff: 'false',
        value: text === 'true' ? 'true' : 'false',
      };
  }
}

export function renderDialogCard(view: FormView, options: DialogOptions = {}): AdaptiveCard {
  const body: CardElement[] = [];
  if (view.notice) {
    body.push({ type: 'Container', style: 'emphasis', items: [{ type: 'TextBlock', text: plain(clip(view.notice, 2000)), wrap: true }] });
  }
  const unplaced: string[] = [];
  for (const field of view.fields) {
    const value = options.values ? options.values[field.id] : field.initial;
    body.push(input(field, value, view.locale ?? 'en'));
    if (field.hint) body.push({ type: 'TextBlock', text: plain(clip(field.hint, 500)), wrap: true, isSubtle: true, size: 'Small', spacing: 'None' });
    const error = options.errors?.[field.id];
    if (error) body.push({ type: 'TextBlock', text: plain(clip(error, 500)), wrap: true, color: 'Attention', size: 'Small', spacing: 'None' });
  }
  // Errors core reports for something that is not a field (e.g. the form as a whole) go on top.
  for (const [key, error] of Object.entries(options.errors ?? {})) {
    if (!view.fields.some((f) => f.id === key)) unplaced.push(error);
  }
  if (unplaced.length) body.unshift(...unplaced.map((e) => ({ type: 'TextBlock', text: plain(clip(e, 500)), wrap: true, color: 'Attention', weight: 'Bolder' })));

  // Carry the view as the person left it, so a re-render after errors keeps the other fields' state.
  const data: SubmitFormData = { verb: 'form', formId: view.formId, view };
  return fitCard(emptyCard(body, [{ type: 'Action.Submit', title: clip(view.submitLabel, 80), data, style: 'positive' }]), view.locale);
}

/** Dialog size: long forms get the tall dialog. */
export const dialogHeight = (view: FormView): 'medium' | 'large' => (view.fields.length > 4 || view.notice ? 'large' : 'medium');
