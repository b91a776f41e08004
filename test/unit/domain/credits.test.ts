import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeCredits, cpdPace, CreditRulesSchema, type CreditInput } from '../../../src/core/domain/credits.js';
import { creditYearOf, creditYearsSpanned, cpdVocabulary, resolveCpdKind, ruleSetFor } from '../../../src/core/domain/cpd-rules.js';
import { CPD_RULE_SETS } from '../../../src/core/domain/cpd-rule-sets.js';
import { render } from '../../../src/core/i18n/translate.js';

const credits = (input: CreditInput): number | undefined => computeCredits(input)?.credits;

describe("computeCredits: the colleges' arithmetic (DOMAIN.md, CPD credit systems)", () => {
  it('2 h Mainpro+ Certified = 2 credits', () => {
    expect(credits({ system: 'MAINPRO_PLUS', date: '2026-03-10', category: 'CERTIFIED', activityType: 'GROUP_LEARNING', amount: 2 })).toBe(2);
  });

  it('since December 2024 every Mainpro+ category earns 1 credit per hour', () => {
    for (const category of ['CERTIFIED', 'CERTIFIED_ASSESSMENT', 'NON_CERTIFIED']) {
      for (const activityType of ['GROUP_LEARNING', 'SELF_LEARNING', 'ASSESSMENT']) {
        expect(credits({ system: 'MAINPRO_PLUS', date: '2025-01-15', category, activityType, amount: 3 })).toBe(3);
      }
    }
  });

  it('1 h MOC Section 3 = 3 credits, Feedback Received included', () => {
    expect(credits({ system: 'MOC', date: '2026-05-01', category: 'SECTION_3', activityType: 'KNOWLEDGE_ASSESSMENT', amount: 1 })).toBe(3);
    expect(credits({ system: 'MOC', date: '2026-05-01', category: 'SECTION_3', activityType: 'FEEDBACK_RECEIVED', amount: 1 })).toBe(3);
  });

  it('4 journal articles in MOC Section 2 = 4 credits, whatever the time they took', () => {
    expect(credits({ system: 'MOC', date: '2026-05-01', category: 'SECTION_2', activityType: 'JOURNAL_ARTICLE', amount: 4 })).toBe(4);
  });

  it('3 topics scanned = 1.5 credits; a book 10; a personal learning project 2 per hour', () => {
    expect(credits({ system: 'MOC', date: '2026-05-01', category: 'SECTION_2', activityType: 'SCANNING_TOPIC', amount: 3 })).toBe(1.5);
    expect(credits({ system: 'MOC', date: '2026-05-01', category: 'SECTION_2', activityType: 'BOOK', amount: 1 })).toBe(10);
    expect(credits({ system: 'MOC', date: '2026-05-01', category: 'SECTION_2', activityType: 'PERSONAL_LEARNING_PROJECT', amount: 1.5 })).toBe(3);
  });

  it('10 h MOC Section 1 unaccredited = 5 credits; accredited = 10', () => {
    expect(credits({ system: 'MOC', date: '2026-05-01', category: 'SECTION_1', activityType: 'UNACCREDITED_GROUP', amount: 10 })).toBe(5);
    expect(credits({ system: 'MOC', date: '2026-05-01', category: 'SECTION_1', activityType: 'ACCREDITED_GROUP', amount: 10 })).toBe(10);
  });

  it('MOC Section 1 unaccredited stops at 50 credits per cycle', () => {
    const input = { system: 'MOC', date: '2026-05-01', category: 'SECTION_1', activityType: 'UNACCREDITED_GROUP', amount: 10 } as const;
    expect(computeCredits({ ...input, cappedSoFar: 48 })).toMatchObject({ credits: 2, capped: true });
    expect(computeCredits({ ...input, cappedSoFar: 50 })).toMatchObject({ credits: 0, capped: true });
    expect(computeCredits({ ...input, cappedSoFar: 45 })).toMatchObject({ credits: 5, capped: false });
  });

  it('an activity dated before a rule change is computed by the old rules', () => {
    // Mainpro+ certified assessment: 3 credits an hour under the grid retired on 2024-12-01, 1 since.
    const before = computeCredits({ system: 'MAINPRO_PLUS', date: '2024-11-30', category: 'CERTIFIED_ASSESSMENT', activityType: 'ASSESSMENT', amount: 2 });
    const after = computeCredits({ system: 'MAINPRO_PLUS', date: '2024-12-01', category: 'CERTIFIED_ASSESSMENT', activityType: 'ASSESSMENT', amount: 2 });
    expect(before).toMatchObject({ credits: 6, ruleSet: { id: 'mainpro-2019-07' } });
    expect(after).toMatchObject({ credits: 2, ruleSet: { id: 'mainpro-2024-12' } });
    // Feedback Received is a Section 3 activity only since the 2024 MOC refresh.
    expect(computeCredits({ system: 'MOC', date: '2023-12-31', category: 'SECTION_3', activityType: 'FEEDBACK_RECEIVED', amount: 1 })).toBeUndefined();
  });

  it('a category or type the set does not have earns nothing rather than a guess', () => {
    expect(computeCredits({ system: 'MOC', date: '2026-05-01', category: 'CERTIFIED', activityType: 'GROUP_LEARNING', amount: 2 })).toBeUndefined();
    expect(computeCredits({ system: 'MAINPRO_PLUS', date: '2026-05-01', category: 'SECTION_2', activityType: 'JOURNAL_ARTICLE', amount: 2 })).toBeUndefined();
  });

  it('rounds to the nearest quarter credit and never goes negative', () => {
    expect(credits({ system: 'MAINPRO_PLUS', date: '2026-01-05', category: 'NON_CERTIFIED', activityType: 'SELF_LEARNING', amount: 1.33 })).toBe(1.25);
    expect(credits({ system: 'MOC', date: '2026-01-05', category: 'SECTION_3', activityType: 'SIMULATION', amount: -2 })).toBe(0);
    expect(credits({ system: 'MOC', date: '2026-01-05', category: 'SECTION_3', activityType: 'SIMULATION', amount: Number.NaN })).toBe(0);
  });

  it('the program file sets only the rounding: rates are the colleges\'', () => {
    expect(CreditRulesSchema.parse({ roundTo: 0.5 })).toEqual({ roundTo: 0.5 });
    // Rules stored by an older version still hold rates: they are dropped, not applied.
    expect(CreditRulesSchema.parse({ rates: { MOC: {} }, roundTo: 0.25 })).toEqual({ roundTo: 0.25 });
  });

  const everyType = fc.constantFrom(
    ...CPD_RULE_SETS.flatMap((set) => set.categories.flatMap((c) => c.activityTypes.map((t) => ({ system: set.system, date: set.effectiveFrom, category: c.key, activityType: t.key })))),
  );

  it('credits are always non-negative multiples of 0.25, and more never earns fewer', () => {
    fc.assert(
      fc.property(everyType, fc.double({ min: -10, max: 200, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (kind, amount, extra) => {
        const c = credits({ ...kind, amount })!;
        expect(c).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(c * 4)).toBe(true);
        expect(credits({ ...kind, amount: amount + extra })!).toBeGreaterThanOrEqual(c);
      }),
    );
  });
});

describe('rule sets as data', () => {
  it('each set has a source and an effective date, and the one in force on a date is picked', () => {
    for (const set of CPD_RULE_SETS) {
      expect(set.source.length).toBeGreaterThan(10);
      expect(set.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(ruleSetFor('MOC', '2023-12-31')).toMatchObject({ id: 'moc-2014', perYear: 40, perCycle: 400 });
    expect(ruleSetFor('MOC', '2024-01-01')).toMatchObject({ id: 'moc-2024', perYear: 25, perCycle: 250 });
    expect(ruleSetFor('MAINPRO_PLUS', '2010-01-01').id).toBe('mainpro-2019-07');
  });

  it('Mainpro+ asks 125 Certified or Certified Assessment credits a cycle, 10 of them Certified Assessment', () => {
    const set = ruleSetFor('MAINPRO_PLUS', '2026-01-01');
    expect(set.cycleMinimums).toEqual([
      expect.objectContaining({ categories: ['CERTIFIED', 'CERTIFIED_ASSESSMENT'], credits: 125 }),
      expect.objectContaining({ categories: ['CERTIFIED_ASSESSMENT'], credits: 10 }),
    ]);
    expect(set.perCycle).toBe(250);
  });

  it('MOC asks 25 Section 3 credits a cycle including one Feedback Received activity', () => {
    expect(ruleSetFor('MOC', '2026-01-01').cycleMinimums).toEqual([
      expect.objectContaining({ categories: ['SECTION_3'], credits: 25 }),
      expect.objectContaining({ activityType: { key: 'FEEDBACK_RECEIVED', count: 1 } }),
    ]);
  });
});

describe('credit years', () => {
  it('Mainpro+ runs July 1 to June 30; MOC the calendar year, reported by January 31', () => {
    expect(creditYearOf('MAINPRO_PLUS', '2026-06-30')).toMatchObject({ label: '2025–2026', from: '2025-07-01', to: '2026-06-30', reportBy: null });
    expect(creditYearOf('MAINPRO_PLUS', '2026-07-01')).toMatchObject({ label: '2026–2027', from: '2026-07-01', to: '2027-06-30' });
    expect(creditYearOf('MOC', '2026-07-01')).toMatchObject({ label: '2026', from: '2026-01-01', to: '2026-12-31', reportBy: '2027-01-31' });
  });

  it('a one-year program spans two credit years in either system, each with its own minimum', () => {
    expect(creditYearsSpanned('MAINPRO_PLUS', '2026-03-01', '2027-03-01').map((y) => y.label)).toEqual(['2025–2026', '2026–2027']);
    const moc = creditYearsSpanned('MOC', '2023-09-01', '2024-09-01');
    expect(moc.map((y) => [y.label, y.ruleSet.perYear])).toEqual([['2023', 40], ['2024', 25]]);
  });
});

describe('resolveCpdKind: what a user types, in their system\'s words', () => {
  const mainpro = ruleSetFor('MAINPRO_PLUS', '2026-05-01');
  const moc = ruleSetFor('MOC', '2026-05-01');
  const kind = (set: typeof moc, terms: string[], unit = 'hour') => {
    const k = resolveCpdKind(set, { terms, unit });
    return 'error' in k ? render('en', k.error) : `${k.category.key}/${k.type.key}`;
  };

  it('Mainpro+: certified, certified assessment, or not certified unless said', () => {
    expect(kind(mainpro, ['certified'])).toBe('CERTIFIED/GROUP_LEARNING');
    expect(kind(mainpro, ['certified assessment'])).toBe('CERTIFIED_ASSESSMENT/GROUP_LEARNING');
    expect(kind(mainpro, ['self'])).toBe('NON_CERTIFIED/SELF_LEARNING');
    expect(kind(mainpro, ['certified', 'self'])).toBe('CERTIFIED/SELF_LEARNING');
  });

  it('MOC: items name their type; accredited only where MOC has it', () => {
    expect(kind(moc, [], 'articles')).toBe('SECTION_2/JOURNAL_ARTICLE');
    expect(kind(moc, [], 'topics')).toBe('SECTION_2/SCANNING_TOPIC');
    expect(kind(moc, ['group'])).toBe('SECTION_1/UNACCREDITED_GROUP');
    expect(kind(moc, ['accredited', 'group'])).toBe('SECTION_1/ACCREDITED_GROUP');
    expect(kind(moc, ['feedback received'])).toBe('SECTION_3/FEEDBACK_RECEIVED');
    expect(kind(moc, ['accredited', 'self'])).toMatch(/Nothing in MOC/);
    expect(kind(mainpro, [], 'articles')).toMatch(/counts nothing in articles/);
    // "accredited" alone could be Section 1 or Section 3: the user is asked, not guessed for.
    expect(kind(moc, ['accredited'])).toBe('Say which section as well: Section 1: Group Learning or Section 3: Assessment.');
    expect(kind(mainpro, ['accredited'])).toBe('Say which category as well: Certified or Certified Assessment.');
  });

  it('the vocabulary of one system is not the other\'s', () => {
    expect(cpdVocabulary(moc).terms.has('section3')).toBe(true);
    expect(cpdVocabulary(mainpro).terms.has('section3')).toBe(false);
    expect(cpdVocabulary(moc).units.has('articles')).toBe(true);
    expect(cpdVocabulary(mainpro).units.size).toBe(0);
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
