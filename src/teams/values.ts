// What a Teams dialog submits → core's FormValues. Teams sends every input as a string at the top
// level of the submit data (next to the action's own data); a multi-select comes comma-joined and
// a toggle as its valueOn/valueOff.
import type { Field, FormValues } from '../core/ui/form.js';

export function extractFormValues(fields: Field[], data: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const raw = data[field.id];
    if (raw === undefined || raw === null) continue;
    const text = (typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '').trim();
    if (field.kind === 'multiChoice') {
      const list = text.split(',').map((v) => v.trim()).filter(Boolean);
      if (list.length) values[field.id] = list;
    } else if (field.kind === 'checkbox') {
      // Unticked is absent, as in Slack, where an unticked checkbox sends nothing.
      if (text === 'true') values[field.id] = 'true';
    } else if (text !== '') {
      values[field.id] = text;
    }
  }
  return values;
}
