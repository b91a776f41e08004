import { describe, it, expect } from 'vitest';
import { parseCpdArgs } from '../../../src/core/domain/parse/parse-cpd-args.js';

const ctx = { today: '2026-11-25' };

describe('parseCpdArgs', () => {
  it('reads the example from the design', () => {
    expect(parseCpdArgs('2h group "Journal club: sepsis"', ctx)).toEqual({
      hours: 2,
      category: 'GROUP_LEARNING',
      certified: false,
      title: 'Journal club: sepsis',
      complete: true,
      missing: [],
    });
  });

  it('reads certified, a date and a bare number of hours, in any order', () => {
    expect(parseCpdArgs('certified Nov 3 1.5 self Reading on AF anticoagulation', ctx)).toEqual({
      hours: 1.5,
      category: 'SELF_LEARNING',
      certified: true,
      date: '2026-11-03',
      title: 'Reading on AF anticoagulation',
      complete: true,
      missing: [],
    });
  });

  it('understands MOC section names', () => {
    expect(parseCpdArgs('3h section 3 Simulation', ctx)).toMatchObject({ category: 'ASSESSMENT', hours: 3, title: 'Simulation' });
    expect(parseCpdArgs('90m s1 accredited Rounds', ctx)).toMatchObject({ category: 'GROUP_LEARNING', certified: true, hours: 1.5 });
  });

  it('says what is missing when incomplete', () => {
    expect(parseCpdArgs('', ctx)).toEqual({ certified: false, complete: false, missing: ['hours', 'category', 'title'] });
    expect(parseCpdArgs('2h Journal club', ctx)).toMatchObject({ complete: false, missing: ['category'], title: 'Journal club' });
  });

  it('refuses zero hours with a clear message', () => {
    expect(() => parseCpdArgs('0h group Rounds', ctx)).toThrowError(/more than 0/);
  });
});
