import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isDateToken, parseUserDate, MONTH_SHORT_NAMES } from '../../../src/core/domain/parse/parse-date.js';
import { AppError } from '../../../src/core/domain/errors.js';
import { addDaysLocal } from '../../../src/core/domain/time.js';

const today = '2026-11-25';

describe('parseUserDate', () => {
  it.each([
    ['2026-11-20', '2026-11-20'],
    ['2026/11/20', '2026-11-20'],
    ['2026-1-5', '2026-01-05'],
    ['today', '2026-11-25'],
    ['Yesterday', '2026-11-24'],
    ['tomorrow', '2026-11-26'],
    ['Nov 20', '2026-11-20'],
    ['20 Nov', '2026-11-20'],
    ['nov. 20th', '2026-11-20'],
    ['November 20 2026', '2026-11-20'],
    ['November 20, 2025', '2025-11-20'],
    ['20 November 2024', '2024-11-20'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseUserDate(text, { today })).toBe(expected);
  });

  it('a month and day without a year means the most recent such date, so "Dec 28" on Jan 3 is last year', () => {
    expect(parseUserDate('Dec 28', { today: '2027-01-03' })).toBe('2026-12-28');
    expect(parseUserDate('Jan 3', { today: '2027-01-03' })).toBe('2027-01-03');
  });

  it('can prefer the coming date or the nearest one instead', () => {
    expect(parseUserDate('Jan 5', { today: '2026-12-20', prefer: 'future' })).toBe('2027-01-05');
    expect(parseUserDate('Jan 5', { today: '2026-12-20', prefer: 'nearest' })).toBe('2027-01-05');
    expect(parseUserDate('Dec 1', { today: '2026-12-20', prefer: 'nearest' })).toBe('2026-12-01');
  });

  it('Feb 29 without a year is the last leap day', () => {
    expect(parseUserDate('Feb 29', { today: '2027-03-01' })).toBe('2024-02-29');
  });

  it.each(['2026-02-30', 'Feb 30', '2026-13-01', '31 Apr 2026'])('refuses the impossible date %s, naming the field', (text) => {
    try {
      parseUserDate(text, { today, field: 'date' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('BAD_INPUT');
      expect((e as AppError).fieldErrorsIn('en').date).toMatch(/date|2026-11-20/);
    }
  });

  it('refuses day/month/year orders that could be read two ways', () => {
    expect(() => parseUserDate('11/03/2026', { today })).toThrowError(/YYYY-MM-DD/);
  });

  it('refuses words that are not dates with an example', () => {
    expect(() => parseUserDate('next week', { today })).toThrowError(/e\.g\. 2026-11-20/);
    expect(() => parseUserDate('', { today })).toThrowError(/missing/);
  });

  it('any valid date written as ISO reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), (offset) => {
        const date = addDaysLocal('1990-01-01', offset);
        expect(parseUserDate(date, { today })).toBe(date);
      }),
    );
  });

  it('any date in the past year written as "Mon D" reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.constantFrom('2026-11-25', '2027-01-03', '2028-03-01'), (back, t) => {
        const date = addDaysLocal(t, -back);
        const [, m, d] = date.split('-').map(Number);
        expect(parseUserDate(`${MONTH_SHORT_NAMES[m! - 1]} ${d}`, { today: t })).toBe(date);
        expect(parseUserDate(`${d} ${MONTH_SHORT_NAMES[m! - 1]}`, { today: t })).toBe(date);
      }),
    );
  });

  it('either returns a date or throws a BAD_INPUT AppError, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          expect(parseUserDate(text, { today })).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
        }
      }),
    );
  });
});

describe('isDateToken', () => {
  it('recognises date shapes, even impossible ones, so they get a clear error', () => {
    for (const t of ['2026-11-20', 'today', 'Nov 20', '20 Nov', 'November 20, 2026', '2026-02-30']) {
      expect(isDateToken(t)).toBe(true);
    }
  });

  it('does not take durations, numbers or words for dates', () => {
    for (const t of ['45m', '2026', '20', 'video', 'Nov', 'may']) expect(isDateToken(t)).toBe(false);
  });
});
