import { describe, expect, it } from 'vitest';
import { firstDayBack } from '../../../src/scheduler/deliver.js';
import { renderPlainText } from '../../../src/scheduler/digest.js';
import { awayPolicy, backoffAfter } from '../../../src/scheduler/policy.js';

const MIN = 60_000;

describe('delivery policy', () => {
  it('backs off 1 min, 5 min, 30 min, 2 h, 6 h, then keeps 12 h', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(backoffAfter)).toEqual([MIN, 5 * MIN, 30 * MIN, 120 * MIN, 360 * MIN, 720 * MIN, 720 * MIN]);
  });

  it('drops nudges during an away period and postpones personal reminders', () => {
    expect(['cadence-nudge', 'escalation', 'next-meeting', 'cpd-checkin'].map(awayPolicy)).toEqual(['drop', 'drop', 'drop', 'drop']);
    expect(['reflection-prompt', 'reflection-reminder', 'welcome', 'introduction', 'meeting-confirm', 'ending'].map(awayPolicy)).toEqual(Array(6).fill('postpone'));
  });

  it('finds the first day back after chained away periods', () => {
    const aways = [
      { from: '2026-07-01', until: '2026-07-10' },
      { from: '2026-07-11', until: '2026-07-20' },
      { from: '2026-09-01', until: '2026-09-05' },
    ];
    expect(firstDayBack('2026-06-30', aways)).toBe('2026-06-30');
    expect(firstDayBack('2026-07-05', aways)).toBe('2026-07-21');
    expect(firstDayBack('2026-09-05', aways)).toBe('2026-09-06');
  });
});

describe('plain-text rendering of a message', () => {
  it('renders every block kind readably, with no markup left over and no buttons a terminal cannot press', () => {
    const text = renderPlainText({
      text: 'Digest',
      blocks: [
        { type: 'header', text: 'Weekly digest' },
        { type: 'facts', facts: [{ label: 'Pairs', value: '3' }, { label: 'Meetings', value: '12' }] },
        { type: 'progress', label: 'CPD', value: 5, max: 20 },
        { type: 'list', title: 'Pairs overdue', items: ['Max & Mia: 40 days'] },
        { type: 'divider' },
        { type: 'context', text: 'Names are shown to coordinators only.' },
        { type: 'actions', buttons: [{ label: 'Export summary', action: 'digest.export', value: 'summary' }] },
      ],
    });
    expect(text).toBe(
      [
        'Weekly digest',
        '=============',
        'Pairs:    3',
        'Meetings: 12',
        'CPD: [#####...............] 5 / 20',
        '',
        'Pairs overdue:',
        '  - Max & Mia: 40 days',
        '',
        '----------------------------------------',
        '(Names are shown to coordinators only.)',
        '',
      ].join('\n'),
    );
  });
});
