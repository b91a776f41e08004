import { describe, expect, it } from 'vitest';
import { formValuesFrom, singleCheckboxBlocks } from '../../../src/slack/values.js';
import { typed } from '../../fixtures/slack/payloads.js';

describe('submitted modal values', () => {
  it('become neutral values keyed by field id, empty ones absent', () => {
    const values = formValuesFrom({
      date: { date: typed.date('2026-11-20') },
      duration: { duration: typed.text('45m') },
      notes: { notes: typed.text(null) },
      blank: { blank: typed.text('   ') },
      hours: { hours: typed.number('1.5') },
      format: { format: typed.select('VIDEO') },
      none: { none: typed.select(null) },
      roles: { roles: typed.multi(['SCHOLAR', 'LEADER']) },
      noroles: { noroles: typed.multi([]) },
    });
    expect(values).toEqual({ date: '2026-11-20', duration: '45m', hours: '1.5', format: 'VIDEO', roles: ['SCHOLAR', 'LEADER'] });
  });

  it('reads a lone checkbox as "true" or absent, and a checkbox group as a list', () => {
    const blocks = [
      { type: 'input', block_id: 'shared', element: { type: 'checkboxes', options: [{ value: 'true' }] } },
      { type: 'input', block_id: 'days', element: { type: 'checkboxes', options: [{ value: 'mon' }, { value: 'tue' }] } },
    ];
    const single = singleCheckboxBlocks(blocks);
    expect([...single]).toEqual(['shared']);
    expect(formValuesFrom({ shared: { shared: typed.checkboxes(['true']) }, days: { days: typed.checkboxes(['tue']) } }, single)).toEqual({ shared: 'true', days: ['tue'] });
    expect(formValuesFrom({ shared: { shared: typed.checkboxes([]) } }, single)).toEqual({});
  });
});
