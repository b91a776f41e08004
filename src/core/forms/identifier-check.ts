// The identifier check every form with free text runs before saving (DOMAIN.md, Privacy): when a
// text field looks like it holds a patient identifier, the form comes back with the values kept,
// a notice saying what was found where, and a checkbox the author ticks to save anyway.
import { describeFindings, findPatientIdentifiers } from '../domain/identifiers.js';
import type { Field, FormValues, FormView } from '../ui/form.js';
import type { Locale } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';

export const CONFIRM_NO_IDENTIFIERS = 'confirm_no_identifiers';

/** Shown on every form with free text. */
export const noIdentifiersNotice = (locale: Locale): string => t(locale, 'common.privacy.notice');

/** Value a ticked checkbox submits: adapters send the option value ('true'), or a list holding it. */
export const CHECKED = 'true';

export function isTicked(value: string | string[] | undefined): boolean {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.some((v) => ['true', 'on', 'yes', '1'].includes(v.trim().toLowerCase()));
}

export const checkbox = (id: string, label: string, ticked: boolean, hint?: string): Field => ({
  id,
  label,
  kind: 'checkbox',
  required: false,
  options: [{ value: CHECKED, label }],
  ...(ticked ? { initial: [CHECKED] } : {}),
  ...(hint ? { hint } : {}),
});

export function confirmNoIdentifiersField(locale: Locale): Field {
  const label = t(locale, 'common.privacy.confirm');
  return { id: CONFIRM_NO_IDENTIFIERS, label, kind: 'checkbox', required: true, options: [{ value: CHECKED, label }] };
}

/**
 * What looks like an identifier in the free-text fields (text and longText) of `fields`, as a notice
 * naming each field; undefined when nothing was found or the author already confirmed.
 */
export function identifierWarning(values: FormValues, fields: readonly Field[], locale: Locale): string | undefined {
  if (isTicked(values[CONFIRM_NO_IDENTIFIERS])) return undefined;
  const parts: string[] = [];
  for (const field of fields) {
    if (field.kind !== 'text' && field.kind !== 'longText') continue;
    const value = values[field.id];
    const text = Array.isArray(value) ? value.join('\n') : value;
    if (!text) continue;
    const findings = findPatientIdentifiers(text);
    if (findings.length) parts.push(t(locale, 'common.privacy.found', { field: field.label, findings: describeFindings(findings, locale) }));
  }
  if (parts.length === 0) return undefined;
  return `${parts.join('\n')}\n${t(locale, 'common.privacy.editOrConfirm')}`;
}

/** The same view, showing the warning and asking for the confirmation (values are already prefilled by the caller). */
export function withIdentifierWarning(view: FormView, warning: string): FormView {
  const fields = view.fields.filter((f) => f.id !== CONFIRM_NO_IDENTIFIERS);
  return { ...view, notice: warning, fields: [...fields, confirmNoIdentifiersField(view.locale ?? 'en')] };
}

/** Prefill helpers: a form's submitted values back into initial values. */
export const textOf = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
export const listOf = (value: string | string[] | undefined): string[] =>
  Array.isArray(value) ? value : value === undefined || value === '' ? [] : value.split(',').map((v) => v.trim()).filter(Boolean);
