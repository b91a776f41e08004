import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CREDIT_RULES, computeCredits, cpdPace } from '../../../src/core/domain/credits.js';
import { CPD_CATEGORIES, CPD_SYSTEMS } from '../../../src/core/domain/enums.js';

describe('computeCredits', () => {
  it('Mainpro+ gives 1 credit per hour in every category, certified or not', () => {
    for (const category of CPD_CATEGORIES) {
      for (const certified of [true, false]) {
        expect(computeCredits({ system: 'MAINPRO_PLUS', category, certified, hours: 2 })).toBe(2);
      }
    }
  });

  it('MOC Section 1 gives 1/h when accredited and 0.5/h when not', () => {
    expect(computeCredits({ system: 'MOC', category: 'GROUP_LEARNING', certified: true, hours: 3 })).toBe(3);
    expect(computeCredits({ system: 'MOC', category: 'GROUP_LEARNING', certified: false, hours: 3 })).toBe(1.5);
  });

  it('MOC Section 2 gives 2/h and Section 3 gives 3/h', () => {
    expect(computeCredits({ system: 'MOC', category: 'SELF_LEARNING', certified: false, hours: 1.5 })).toBe(3);
    expect(computeCredits({ system: 'MOC', category: 'ASSESSMENT', certified: true, hours: 2 })).toBe(6);
  });

  it('rounds to the nearest quarter credit', () => {
    expect(computeCredits({ system: 'MAINPRO_PLUS', category: 'SELF_LEARNING', certified: false, hours: 1.33 })).toBe(1.25);
    expect(computeCredits({ system: 'MAINPRO_PLUS', category: 'SELF_LEARNING', certified: false, hours: 0.4 })).toBe(0.5);
  });

  it('never gives negative credits', () => {
    expect(computeCredits({ system: 'MOC', category: 'ASSESSMENT', certified: true, hours: -2 })).toBe(0);
    expect(computeCredits({ system: 'MOC', category: 'ASSESSMENT', certified: true, hours: Number.NaN })).toBe(0);
  });

  it('uses the rules it is given', () => {
    const rules = structuredClone(DEFAULT_CREDIT_RULES);
    rules.rates.MAINPRO_PLUS.GROUP_LEARNING.certified = 2;
    expect(computeCredits({ system: 'MAINPRO_PLUS', category: 'GROUP_LEARNING', certified: true, hours: 2 }, rules)).toBe(4);
  });

  const activity = fc.record({
    system: fc.constantFrom(...CPD_SYSTEMS),
    category: fc.constantFrom(...CPD_CATEGORIES),
    certified: fc.boolean(),
    hours: fc.double({ min: -10, max: 200, noNaN: true }),
  });

  it('credits are always non-negative multiples of 0.25', () => {
    fc.assert(
      fc.property(activity, (a) => {
        const credits = computeCredits(a);
        expect(credits).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(credits * 4)).toBe(true);
      }),
    );
  });

  it('more hours never earn fewer credits', () => {
    fc.assert(
      fc.property(activity, fc.double({ min: 0, max: 50, noNaN: true }), (a, extra) => {
        expect(computeCredits({ ...a, hours: a.hours + extra })).toBeGreaterThanOrEqual(computeCredits(a));
      }),
    );
  });

  it('a certified activity never earns less than the same uncertified one', () => {
    fc.assert(
      fc.property(activity, (a) => {
        expect(computeCredits({ ...a, certified: true })).toBeGreaterThanOrEqual(computeCredits({ ...a, certified: false }));
      }),
    );
  });
});

describe('cpdPace', () => {
  const start = new Date('2026-01-01T00:00:00Z');
  const end = new Date('2027-01-01T00:00:00Z');

  it('halfway through the year, half the target is expected', () => {
    const now = new Date(start.getTime() + (end.getTime() - start.getTime()) / 2);
    const pace = cpdPace({ creditsSoFar: 10, target: 25, start, end, now });
    expect(pace.expected).toBeCloseTo(12.5);
    expect(pace.behind).toBe(true);
    expect(pace.shortfall).toBeCloseTo(2.5);
  });

  it('a participant at or ahead of pace is not behind and has no shortfall', () => {
    const now = new Date(start.getTime() + (end.getTime() - start.getTime()) / 2);
    expect(cpdPace({ creditsSoFar: 12.5, target: 25, start, end, now })).toMatchObject({ behind: false, shortfall: 0 });
    expect(cpdPace({ creditsSoFar: 30, target: 25, start, end, now })).toMatchObject({ behind: false, shortfall: 0 });
  });

  it('clamps before the start and after the end', () => {
    expect(cpdPace({ creditsSoFar: 0, target: 25, start, end, now: new Date('2025-06-01') }).expected).toBe(0);
    expect(cpdPace({ creditsSoFar: 0, target: 25, start, end, now: new Date('2028-06-01') }).expected).toBe(25);
  });

  it('expected credits stay between 0 and the target', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), fc.double({ min: 0, max: 100, noNaN: true }), (now, target) => {
        const { expected } = cpdPace({ creditsSoFar: 0, target, start, end, now });
        expect(expected).toBeGreaterThanOrEqual(0);
        expect(expected).toBeLessThanOrEqual(target);
      }),
    );
  });
});
