import { describe, expect, it } from 'vitest';
import { awayPolicy, deliveryDecision, firstDayBack } from '../../../src/core/domain/delivery-policy.js';
import { isNotificationKind, NOTIFICATION_KINDS } from '../../../src/core/domain/notifications.js';
import { zonedDateTimeToInstant } from '../../../src/core/domain/time.js';
import { renderPlainText } from '../../../src/scheduler/digest.js';
import { backoffAfter } from '../../../src/scheduler/policy.js';

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

describe("core's delivery decision", () => {
  const program = { timeZone: 'America/Winnipeg', quietHours: { start: '20:00', end: '08:00' } };
  const at = (date: string, time: string, tz = program.timeZone) => zonedDateTimeToInstant(date, time, tz);
  const mia = { timeZone: null, accounts: [{ timeZone: null }], enrollments: [{ status: 'ACTIVE', endDate: '2026-12-31' }], aways: [] };

  it('sends at noon, holds through quiet hours until 08:00 in the recipient’s own zone', () => {
    expect(deliveryDecision('welcome', mia, at('2026-07-02', '12:00'), program)).toEqual({ action: 'send' });
    expect(deliveryDecision('welcome', mia, at('2026-07-02', '21:00'), program)).toEqual({ action: 'hold', until: at('2026-07-03', '08:00'), reason: 'quiet hours' });
    // Her chat account says Vancouver: 10:00 in Winnipeg is 08:00 there, 07:00 would still be night.
    const west = { ...mia, accounts: [{ timeZone: null }, { timeZone: 'America/Vancouver' }] };
    expect(deliveryDecision('welcome', west, at('2026-07-02', '09:00'), program)).toEqual({ action: 'hold', until: at('2026-07-02', '08:00', 'America/Vancouver'), reason: 'quiet hours' });
  });

  it('drops nudges while away and holds the rest until the first morning back', () => {
    const away = { ...mia, aways: [{ from: '2026-07-01', until: '2026-07-10' }] };
    expect(deliveryDecision('cadence-nudge', away, at('2026-07-02', '12:00'), program)).toEqual({ action: 'drop', reason: 'the recipient is away until 2026-07-10' });
    expect(deliveryDecision('reflection-prompt', away, at('2026-07-02', '12:00'), program)).toEqual({ action: 'hold', until: at('2026-07-11', '08:00'), reason: 'the recipient is away until 2026-07-10' });
  });

  it('drops the program’s nagging after the end date but not a meeting to confirm; drops everything for someone withdrawn', () => {
    const ended = { ...mia, enrollments: [{ status: 'ACTIVE', endDate: '2026-06-30' }] };
    expect(deliveryDecision('reflection-reminder', ended, at('2026-07-02', '12:00'), program)).toMatchObject({ action: 'drop', reason: expect.stringMatching(/end date passed/) });
    expect(deliveryDecision('meeting-confirm', ended, at('2026-07-02', '12:00'), program)).toEqual({ action: 'send' });
    const withdrawn = { ...mia, enrollments: [{ status: 'WITHDRAWN', endDate: null }] };
    expect(deliveryDecision('meeting-confirm', withdrawn, at('2026-07-02', '12:00'), program)).toMatchObject({ action: 'drop', reason: expect.stringMatching(/no longer active/) });
    // A coordinator named in the configuration and never enrolled still gets what is for them.
    expect(deliveryDecision('escalation', { ...mia, enrollments: [] }, at('2026-07-02', '12:00'), program)).toEqual({ action: 'send' });
  });

  it('knows every kind the outbox carries, and no other', () => {
    expect(NOTIFICATION_KINDS.every(isNotificationKind)).toBe(true);
    expect(isNotificationKind('test')).toBe(false);
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
