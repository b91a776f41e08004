import { describe, it, expect } from 'vitest';
import { cpdVocabulary, ruleSetFor } from '../../../src/core/domain/cpd-rules.js';
import { parseCpdArgs } from '../../../src/core/domain/parse/parse-cpd-args.js';

const mainpro = { today: '2026-11-25', vocabulary: cpdVocabulary(ruleSetFor('MAINPRO_PLUS', '2026-11-25')) };
const moc = { today: '2026-11-25', vocabulary: cpdVocabulary(ruleSetFor('MOC', '2026-11-25')) };

describe('parseCpdArgs', () => {
  it('reads a family physician\'s line in Mainpro+ words', () => {
    expect(parseCpdArgs('2h certified Journal club', mainpro)).toEqual({
      amount: 2,
      unit: 'hour',
      terms: ['certified'],
      title: 'Journal club',
      complete: true,
      missing: [],
    });
    expect(parseCpdArgs('2h group "Journal club: sepsis"', mainpro)).toMatchObject({ terms: ['group'], title: 'Journal club: sepsis', complete: true });
    expect(parseCpdArgs('1h certified assessment Linking learning exercise', mainpro)).toMatchObject({ terms: ['certified assessment'], title: 'Linking learning exercise' });
  });

  it('reads a specialist\'s items: the unit names the type, no category needed', () => {
    expect(parseCpdArgs('4 articles NEJM review of sepsis', moc)).toEqual({
      amount: 4,
      unit: 'articles',
      terms: [],
      title: 'NEJM review of sepsis',
      complete: true,
      missing: [],
    });
    expect(parseCpdArgs('3 topics yesterday UpToDate on hyponatremia', moc)).toMatchObject({ amount: 3, unit: 'topics', date: '2026-11-24', title: 'UpToDate on hyponatremia' });
  });

  it('reads MOC sections and activity types, with a date and a bare number of hours, in any order', () => {
    expect(parseCpdArgs('Nov 3 1.5 section 3 feedback received Debrief with peers', moc)).toMatchObject({ amount: 1.5, unit: 'hour', date: '2026-11-03', terms: ['section 3', 'feedback received'], title: 'Debrief with peers' });
    expect(parseCpdArgs('90m s1 accredited Rounds', moc)).toMatchObject({ terms: ['s1', 'accredited'], amount: 1.5 });
  });

  it('takes words of the other system as the title', () => {
    expect(parseCpdArgs('2h Simulation workshop', mainpro)).toMatchObject({ terms: [], title: 'Simulation workshop', complete: false, missing: ['category'] });
    expect(parseCpdArgs('4 articles on sepsis', mainpro)).toMatchObject({ amount: 4, unit: 'hour', title: 'articles on sepsis' });
  });

  it('says what is missing when incomplete', () => {
    expect(parseCpdArgs('', mainpro)).toEqual({ terms: [], complete: false, missing: ['hours', 'category', 'title'] });
    expect(parseCpdArgs('2h Journal club', moc)).toMatchObject({ complete: false, missing: ['category'], title: 'Journal club' });
  });

  it('refuses zero hours or zero items with a clear message', () => {
    expect(() => parseCpdArgs('0h group Rounds', mainpro)).toThrowError(/more than 0/);
    expect(() => parseCpdArgs('0 articles Sepsis', moc)).toThrowError(/not a number of items/);
    expect(() => parseCpdArgs('5000 articles Sepsis', moc)).toThrowError(/more than 1000/);
  });
});
