import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatMinutes, parseDurationMinutes, parseHours } from '../../../src/core/domain/parse/parse-duration.js';
import { AppError } from '../../../src/core/domain/errors.js';

describe('parseDurationMinutes', () => {
  it.each([
    ['45m', 45],
    ['45min', 45],
    ['45 mins', 45],
    ['1h', 60],
    ['1h30', 90],
    ['1h30m', 90],
    ['1 h 30 min', 90],
    ['1.5h', 90],
    ['1,5h', 90],
    ['2 h', 120],
    ['1:15', 75],
    ['90', 90],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  it('a bare number is minutes for meetings', () => {
    expect(parseDurationMinutes('45')).toBe(45);
  });

  it('refuses zero, too short and too long, saying what is allowed', () => {
    expect(() => parseDurationMinutes('0m')).toThrowError(/more than 0/);
    expect(() => parseDurationMinutes('2m')).toThrowError(/shorter than the 5 min/);
    expect(() => parseDurationMinutes('9h')).toThrowError(/longer than the 8 h/);
    expect(parseDurationMinutes('9h', { maxMinutes: 600 })).toBe(540);
  });

  it('refuses what is not a duration, with an example', () => {
    for (const t of ['-45m', 'soon', '1h75', '1 30', '']) {
      expect(() => parseDurationMinutes(t)).toThrowError(/45m/);
    }
  });

  it('names the field in its error', () => {
    try {
      parseDurationMinutes('lots');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).fieldErrors).toHaveProperty('durationMinutes');
    }
  });

  it('any formatted duration parses back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 480 }), (minutes) => {
        expect(parseDurationMinutes(formatMinutes(minutes))).toBe(minutes);
      }),
    );
  });

  it('any hours-and-minutes spelling means the same minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        fc.pre(h * 60 + m >= 5);
        const total = h * 60 + m;
        if (h > 0) expect(parseDurationMinutes(`${h}h${m}`)).toBe(total);
        expect(parseDurationMinutes(`${total}m`)).toBe(total);
        expect(parseDurationMinutes(`${total}`)).toBe(total);
      }),
    );
  });

  it('either returns whole minutes or throws a BAD_INPUT AppError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        try {
          expect(Number.isInteger(parseDurationMinutes(text))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
        }
      }),
    );
  });
});

describe('parseHours', () => {
  it.each([
    ['2h', 2],
    ['1.5h', 1.5],
    ['90m', 1.5],
    ['2', 2],
    ['1h30', 1.5],
    ['0.5', 0.5],
  ])('reads %s as %d hours', (text, hours) => {
    expect(parseHours(text)).toBe(hours);
  });

  it('a bare number is hours for CPD', () => {
    expect(parseHours('3')).toBe(3);
  });

  it('refuses zero and implausible totals', () => {
    expect(() => parseHours('0')).toThrowError(/more than 0/);
    expect(() => parseHours('500h')).toThrowError(/more than the 100/);
    expect(() => parseHours('many')).toThrowError(/2h/);
  });
});

describe('formatMinutes', () => {
  it('reads like a person would say it', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
  });
});
