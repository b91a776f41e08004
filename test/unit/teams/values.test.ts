import { describe, expect, it } from 'vitest';
import type { Field } from '../../../src/core/ui/form.js';
import { extractFormValues } from '../../../src/teams/values.js';

const fields: Field[] = [
  { id: 'topics', label: 'Topics', kind: 'longText', required: true },
  { id: 'roles', label: 'Roles', kind: 'multiChoice', required: false },
  { id: 'hours', label: 'Hours', kind: 'number', required: false },
  { id: 'confirm', label: 'Confirm', kind: 'checkbox', required: false },
  { id: 'date', label: 'Date', kind: 'date', required: true },
];

describe('Teams dialog values', () => {
  it('splits a multi-select, keeps text and numbers as strings, and ignores the action data', () => {
    const values = extractFormValues(fields, { verb: 'form', formId: 'meeting', view: {}, topics: '  Billing ', roles: 'SCHOLAR,LEADER', hours: 1.5, confirm: 'true', date: '2026-11-20' });
    expect(values).toEqual({ topics: 'Billing', roles: ['SCHOLAR', 'LEADER'], hours: '1.5', confirm: 'true', date: '2026-11-20' });
  });

  it('leaves out empty inputs and an unticked toggle', () => {
    expect(extractFormValues(fields, { topics: '', roles: '', confirm: 'false' })).toEqual({});
  });
});
