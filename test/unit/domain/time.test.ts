import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDaysLocal,
  addMonthsLocal,
  dayOfWeek,
  daysBetween,
  isInQuietHours,
  isValidTimeZone,
  localDate,
  localTime,
  nextAllowedSendTime,
  zonedDateTimeToInstant,
} from '../../../src/core/domain/time.js';

const WPG = 'America/Winnipeg';
const quiet = { start: '20:00', end: '08:00' };

describe('local dates and times', () => {
  it('reads an instant as the calendar date and clock time in a zone', () => {
    const instant = new Date('2026-11-20T03:30:00Z');
    expect(localDate(instant, WPG)).toBe('2026-11-19');
    expect(localTime(instant, WPG)).toBe('21:30');
    expect(localDate(instant, 'UTC')).toBe('2026-11-20');
  });

  it('midnight reads as 00:00, not 24:00', () => {
    expect(localTime(new Date('2026-06-01T05:00:00Z'), WPG)).toBe('00:00');
  });

  it('knows a valid time zone from a typo', () => {
    expect(isValidTimeZone(WPG)).toBe(true);
    expect(isValidTimeZone('America/Winipeg')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('zonedDateTimeToInstant', () => {
  it('uses standard time in winter and daylight time in summer', () => {
    expect(zonedDateTimeToInstant('2026-01-15', '09:00', WPG).toISOString()).toBe('2026-01-15T15:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-07-15', '09:00', WPG).toISOString()).toBe('2026-07-15T14:00:00.000Z');
  });

  it('on 2026-03-08 (spring forward) a time in the gap moves forward by the gap', () => {
    expect(zonedDateTimeToInstant('2026-03-08', '01:59', WPG).toISOString()).toBe('2026-03-08T07:59:00.000Z');
    const inGap = zonedDateTimeToInstant('2026-03-08', '02:30', WPG);
    expect(inGap.toISOString()).toBe('2026-03-08T08:30:00.000Z');
    expect(localTime(inGap, WPG)).toBe('03:30');
    expect(zonedDateTimeToInstant('2026-03-08', '03:00', WPG).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-03-08', '09:00', WPG).toISOString()).toBe('2026-03-08T14:00:00.000Z');
  });

  it('on 2026-11-01 (fall back) a time that happens twice means the first one', () => {
    const first = zonedDateTimeToInstant('2026-11-01', '01:30', WPG);
    expect(first.toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(zonedDateTimeToInstant('2026-11-01', '02:00', WPG).toISOString()).toBe('2026-11-01T08:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-11-01', '09:00', WPG).toISOString()).toBe('2026-11-01T15:00:00.000Z');
  });

  it('round-trips every wall time that exists', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(WPG, 'UTC', 'America/St_Johns', 'Asia/Kolkata', 'Europe/London', 'Australia/Lord_Howe'),
        (instant, tz) => {
          const date = localDate(instant, tz);
          const time = localTime(instant, tz);
          const back = zonedDateTimeToInstant(date, time, tz);
          expect(localDate(back, tz)).toBe(date);
          expect(localTime(back, tz)).toBe(time);
        },
      ),
    );
  });
});

describe('quiet hours', () => {
  it('a window crossing midnight covers the evening and the early morning', () => {
    expect(isInQuietHours(zonedDateTimeToInstant('2026-05-01', '21:00', WPG), WPG, quiet)).toBe(true);
    expect(isInQuietHours(zonedDateTimeToInstant('2026-05-01', '07:59', WPG), WPG, quiet)).toBe(true);
    expect(isInQuietHours(zonedDateTimeToInstant('2026-05-01', '08:00', WPG), WPG, quiet)).toBe(false);
    expect(isInQuietHours(zonedDateTimeToInstant('2026-05-01', '19:59', WPG), WPG, quiet)).toBe(false);
  });

  it('a window within one day works too, and equal ends mean no quiet hours', () => {
    const lunch = { start: '12:00', end: '13:00' };
    expect(isInQuietHours(zonedDateTimeToInstant('2026-05-01', '12:30', WPG), WPG, lunch)).toBe(true);
    expect(isInQuietHours(zonedDateTimeToInstant('2026-05-01', '13:30', WPG), WPG, lunch)).toBe(false);
    expect(isInQuietHours(zonedDateTimeToInstant('2026-05-01', '03:00', WPG), WPG, { start: '08:00', end: '08:00' })).toBe(false);
  });

  it('a message due in the evening waits until 08:00 the next morning', () => {
    const due = zonedDateTimeToInstant('2026-05-01', '22:15', WPG);
    expect(nextAllowedSendTime(due, WPG, quiet)).toEqual(zonedDateTimeToInstant('2026-05-02', '08:00', WPG));
  });

  it('a message due before dawn waits until 08:00 the same morning', () => {
    const due = zonedDateTimeToInstant('2026-05-02', '05:00', WPG);
    expect(nextAllowedSendTime(due, WPG, quiet)).toEqual(zonedDateTimeToInstant('2026-05-02', '08:00', WPG));
  });

  it('a message due in the day goes at once', () => {
    const due = zonedDateTimeToInstant('2026-05-02', '10:00', WPG);
    expect(nextAllowedSendTime(due, WPG, quiet)).toBe(due);
  });

  it('waiting across the fall-back night lands on 08:00 standard time', () => {
    const due = zonedDateTimeToInstant('2026-10-31', '23:00', WPG);
    expect(nextAllowedSendTime(due, WPG, quiet).toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('the next allowed time is never earlier than asked and never in quiet hours', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }), (instant) => {
        const next = nextAllowedSendTime(instant, WPG, quiet);
        expect(next.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        expect(isInQuietHours(next, WPG, quiet)).toBe(false);
        expect(next.getTime() - instant.getTime()).toBeLessThanOrEqual(12 * 3600_000 + 3600_000);
      }),
    );
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDaysLocal('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysLocal('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysLocal('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days between dates, positive when the second is later', () => {
    expect(daysBetween('2026-01-01', '2026-01-29')).toBe(28);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14);
  });

  it('adding n days is undone by counting them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), fc.integer({ min: -2000, max: 2000 }), (offset, n) => {
        const date = addDaysLocal('2000-01-01', offset);
        expect(daysBetween(date, addDaysLocal(date, n))).toBe(n);
      }),
    );
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-11-23')).toBe(1);
  });

  it('adds months keeping the day, clamped to the end of a shorter month', () => {
    expect(addMonthsLocal('2026-01-05', 12)).toBe('2027-01-05');
    expect(addMonthsLocal('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsLocal('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonthsLocal('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsLocal('2026-03-31', -1)).toBe('2026-02-28');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -240, max: 240 }), (offset, months) => {
        const date = addDaysLocal('2000-01-01', offset);
        const later = addMonthsLocal(date, months);
        const [y, m] = date.split('-').map(Number) as [number, number];
        const [ly, lm, ld] = later.split('-').map(Number) as [number, number, number];
        expect((ly - y) * 12 + (lm - m)).toBe(months);
        expect(ld).toBeLessThanOrEqual(Number(date.slice(8)));
      }),
    );
  });
});
