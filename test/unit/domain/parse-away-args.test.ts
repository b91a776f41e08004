import { describe, it, expect } from 'vitest';
import { parseAwayArgs } from '../../../src/core/domain/parse/parse-away-args.js';

const ctx = { today: '2026-11-25' };

describe('parseAwayArgs', () => {
  it('"off" ends the away period', () => {
    expect(parseAwayArgs('off', ctx)).toEqual({ off: true });
    expect(parseAwayArgs(' OFF ', ctx)).toEqual({ off: true });
  });

  it('reads two dates, with or without "to"', () => {
    expect(parseAwayArgs('2026-12-20 2027-01-05', ctx)).toEqual({ from: '2026-12-20', until: '2027-01-05' });
    expect(parseAwayArgs('Dec 20 to Jan 5', ctx)).toEqual({ from: '2026-12-20', until: '2027-01-05' });
  });

  it('reads the until date relative to the from date, so a holiday can span the new year', () => {
    expect(parseAwayArgs('Dec 20 Jan 5', { today: '2026-12-22' })).toEqual({ from: '2026-12-20', until: '2027-01-05' });
  });

  it('"until <date>" starts today', () => {
    expect(parseAwayArgs('until Dec 1', ctx)).toEqual({ from: '2026-11-25', until: '2026-12-01' });
  });

  it('refuses an end before the start, and missing or unknown dates, with an example', () => {
    expect(() => parseAwayArgs('2026-12-20 2026-12-01', ctx)).toThrowError(/before the start/);
    expect(() => parseAwayArgs('2026-12-20', ctx)).toThrowError(/when you will be back/);
    expect(() => parseAwayArgs('', ctx)).toThrowError(/\/away off/);
    expect(() => parseAwayArgs('soon later', ctx)).toThrowError(/not a date/);
    expect(() => parseAwayArgs('Dec 20 Jan 5 please', ctx)).toThrowError(/after the dates/);
  });
});
