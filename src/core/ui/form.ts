// Neutral forms: defined once in core, rendered to a Slack modal and to a Teams dialog card.
import type { Message } from './message.js';
import { t, type Locale } from '../i18n/translate.js';

export type FormId = 'meeting' | 'cpd' | 'reflection' | 'goal';

export type FieldKind =
  | 'text'
  | 'longText'
  | 'date'
  | 'number'
  | 'duration'
  | 'choice'
  | 'multiChoice'
  | 'person'
  | 'checkbox';

export interface FieldOption {
  value: string;
  label: string;
}

export interface Field {
  /** Stable id: the key of the submitted value. Letters, digits and underscores. */
  id: string;
  label: string;
  hint?: string;
  placeholder?: string;
  kind: FieldKind;
  required: boolean;
  /** For choice, multiChoice and person (a person field lists the people the user may pick). */
  options?: FieldOption[];
  /** Initial value: a string, or a list for multiChoice. Dates as YYYY-MM-DD, durations in minutes. */
  initial?: string | string[];
  maxLength?: number;
}

export interface FormView {
  formId: FormId;
  title: string;
  submitLabel: string;
  /** Shown above the fields, e.g. the reminder not to enter patient identifiers, or a warning to confirm. */
  notice?: string;
  fields: Field[];
  /**
   * Opaque state core needs back on submit (request id, prompt id, pairing...). Adapters carry it
   * (Slack: private_metadata, at most 3000 characters; Teams: card data) and never read it.
   */
  state: string;
  /**
   * The language of whoever the form is shown to (set at core's door, dispatch.ts), for the words the
   * adapters add around it: an opener button, a late "saving" or "not saved". English when absent.
   */
  locale?: Locale;
}

/** Submitted values as the adapters extract them: a string or a list per field id; absent when empty. */
export type FormValues = Record<string, string | string[] | undefined>;

export type FormOutcome =
  | { kind: 'done'; message: Message }
  /** Field id → what is wrong, with what was expected. Shown on the fields; nothing was saved. */
  | { kind: 'errors'; errors: Record<string, string> }
  /** Show this view instead (e.g. the same form with a warning and a confirmation to tick). */
  | { kind: 'update'; view: FormView };

/**
 * A form's problems once its dialog is gone (the outcome came after the platform stopped waiting):
 * each with the label of its field, so the person can fix them and submit again.
 */
export function notSavedText(errors: Record<string, string>, labelOf: (fieldId: string) => string | undefined, locale: Locale): string {
  const lines = Object.entries(errors).map(([field, problem]) => t(locale, 'platform.notSaved.line', { label: labelOf(field) ?? t(locale, 'platform.notSaved.theForm'), problem }));
  return [t(locale, 'platform.notSaved'), ...lines].join('\n');
}
