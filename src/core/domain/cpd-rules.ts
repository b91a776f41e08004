/**
 * The colleges' CPD rules as data: one rule set per system and version, each with the date it took
 * effect and where it comes from (DOMAIN.md, "CPD credit systems"). An activity is judged by the set
 * in force on its date, so the next revision is one more entry here, and activities logged under a
 * retired set keep their credits. Look the sources up again before changing a figure.
 */
import type { CpdSystem } from './enums.js';
import { normalizeWord } from './normalize.js';

/** What an activity type is counted in: hours, or items of its own kind (articles, topics, books...). */
export type CreditUnit = 'hour' | 'article' | 'topic' | 'item';

export interface CpdActivityTypeRule {
  /** Stored on the activity; stable across versions so a migrated activity keeps meaning the same thing. */
  key: string;
  label: string;
  unit: CreditUnit;
  /** What one item is called, singular and plural (hours: 'hour'/'hours'). */
  unitName: readonly [string, string];
  /** Credits per hour or per item. */
  rate: number;
  /** Certified (Mainpro+) or accredited (MOC) as the college says it. */
  certified: boolean;
  /** At most this many credits of this type count per cycle (MOC Section 1 unaccredited: 50). */
  capPerCycle?: number;
  /** Words a user may type for this type in `/cpd` (besides its unit name). */
  aliases: readonly string[];
  /** A journal-reading item: listed in the MOC Section 2 reading list. */
  journalReading?: boolean;
}

export interface CpdCategoryRule {
  key: string;
  label: string;
  /** Words a user may type for this category in `/cpd`. */
  aliases: readonly string[];
  /** The first is the default when only the category is given. */
  activityTypes: readonly CpdActivityTypeRule[];
}

/** A minimum a cycle must reach: credits in some categories, or a number of activities of a type. */
export interface CpdCycleMinimum {
  label: string;
  categories: readonly string[];
  credits?: number;
  activityType?: { key: string; count: number };
  /**
   * The program sees only what was logged in it, so it can tell what is still missing for a minimum
   * a year can fill (a Section 3 total, one Feedback Received activity) but not for the cycle's total.
   */
  shownInProgress: boolean;
}

export interface CpdRuleSet {
  id: string;
  system: CpdSystem;
  name: string;
  /** First day (YYYY-MM-DD) this set applies to; it applies until the next set of its system starts. */
  effectiveFrom: string;
  source: string;
  /** The college's word for a recognised activity: Mainpro+ "certified", MOC "accredited". */
  certifiedWord: 'certified' | 'accredited';
  /** Credit years start on this month's first day (Mainpro+ July, MOC January). */
  creditYearStartMonth: number;
  /** Month and day of the next credit year by which a year must be reported (MOC: January 31). */
  reportBy?: { month: number; day: number };
  cycleYears: number;
  perYear: number;
  perCycle: number;
  cycleMinimums: readonly CpdCycleMinimum[];
  categories: readonly CpdCategoryRule[];
}

const hourType = (key: string, label: string, rate: number, certified: boolean, aliases: readonly string[], extra: Partial<CpdActivityTypeRule> = {}): CpdActivityTypeRule => ({
  key, label, unit: 'hour', unitName: ['hour', 'hours'], rate, certified, aliases, ...extra,
});

// ---- Mainpro+ (CFPC) ------------------------------------------------------------------------------

/** The portal's activity types; the category says whether (and how) the activity is certified. */
const mainproTypes = (certified: boolean, rate = 1): CpdActivityTypeRule[] => [
  hourType('GROUP_LEARNING', 'Group learning', rate, certified, ['group', 'group learning']),
  hourType('SELF_LEARNING', 'Self-learning', rate, certified, ['self', 'self-learning', 'self learning']),
  hourType('ASSESSMENT', 'Assessment', rate, certified, ['assessment', 'assess']),
];

const MAINPRO_CATEGORY_ALIASES = {
  CERTIFIED: ['certified', 'cert'],
  CERTIFIED_ASSESSMENT: ['certified assessment', 'cert assessment'],
  NON_CERTIFIED: ['non-certified', 'noncertified', 'uncertified', 'not certified'],
};

const MAINPRO_2024_12: CpdRuleSet = {
  id: 'mainpro-2024-12',
  system: 'MAINPRO_PLUS',
  name: 'Mainpro+ certification standards of December 2024',
  effectiveFrom: '2024-12-01',
  source: 'cfpc.ca "Understanding the new Mainpro+ certification standards" and Mainpro+ policies; ontariofamilyphysicians.ca "Reporting your Mainpro+ credits"',
  certifiedWord: 'certified',
  creditYearStartMonth: 7,
  cycleYears: 5,
  perYear: 25,
  perCycle: 250,
  cycleMinimums: [
    { label: 'Certified or Certified Assessment', categories: ['CERTIFIED', 'CERTIFIED_ASSESSMENT'], credits: 125, shownInProgress: false },
    { label: 'Certified Assessment', categories: ['CERTIFIED_ASSESSMENT'], credits: 10, shownInProgress: true },
  ],
  categories: [
    { key: 'CERTIFIED', label: 'Certified', aliases: MAINPRO_CATEGORY_ALIASES.CERTIFIED, activityTypes: mainproTypes(true) },
    { key: 'CERTIFIED_ASSESSMENT', label: 'Certified Assessment', aliases: MAINPRO_CATEGORY_ALIASES.CERTIFIED_ASSESSMENT, activityTypes: mainproTypes(true) },
    { key: 'NON_CERTIFIED', label: 'Non-certified', aliases: MAINPRO_CATEGORY_ALIASES.NON_CERTIFIED, activityTypes: mainproTypes(false) },
  ],
};

/**
 * The grid retired in December 2024 (Group / Self / Assessment × certified or not), in the same
 * words as today's categories: certified assessment activities earned 3 credits per hour then
 * (some were certified at 2: the credits stay editable).
 */
const MAINPRO_2019_07: CpdRuleSet = {
  ...MAINPRO_2024_12,
  id: 'mainpro-2019-07',
  name: 'Mainpro+ before the December 2024 standards',
  effectiveFrom: '2019-07-01',
  source: 'cfp.ca "Summary of updates to Mainpro+ requirements" (Certified 1, 2 or 3 credits per hour; Non-certified); DOMAIN.md',
  cycleMinimums: [{ label: 'Certified', categories: ['CERTIFIED', 'CERTIFIED_ASSESSMENT'], credits: 125, shownInProgress: false }],
  categories: [
    { key: 'CERTIFIED', label: 'Certified', aliases: MAINPRO_CATEGORY_ALIASES.CERTIFIED, activityTypes: mainproTypes(true) },
    { key: 'CERTIFIED_ASSESSMENT', label: 'Certified Assessment', aliases: MAINPRO_CATEGORY_ALIASES.CERTIFIED_ASSESSMENT, activityTypes: mainproTypes(true, 3) },
    { key: 'NON_CERTIFIED', label: 'Non-certified', aliases: MAINPRO_CATEGORY_ALIASES.NON_CERTIFIED, activityTypes: mainproTypes(false) },
  ],
};

// ---- MOC (Royal College) --------------------------------------------------------------------------

const itemType = (key: string, label: string, unit: CreditUnit, unitName: readonly [string, string], rate: number, aliases: readonly string[], extra: Partial<CpdActivityTypeRule> = {}): CpdActivityTypeRule => ({
  key, label, unit, unitName, rate, certified: false, aliases, ...extra,
});

const MOC_SECTION_1: CpdCategoryRule = {
  key: 'SECTION_1',
  label: 'Section 1: Group Learning',
  aliases: ['section 1', 'sec 1', 's1', 'group', 'group learning'],
  activityTypes: [
    hourType('ACCREDITED_GROUP', 'Accredited group learning (conference, rounds, journal club)', 1, true, []),
    hourType('UNACCREDITED_GROUP', 'Unaccredited group learning', 0.5, false, [], { capPerCycle: 50 }),
  ],
};

const MOC_SECTION_2: CpdCategoryRule = {
  key: 'SECTION_2',
  label: 'Section 2: Self-Learning',
  aliases: ['section 2', 'sec 2', 's2', 'self', 'self-learning', 'self learning'],
  activityTypes: [
    hourType('PERSONAL_LEARNING_PROJECT', 'Personal learning project', 2, false, ['personal learning project', 'plp']),
    itemType('JOURNAL_ARTICLE', 'Reading a journal article', 'article', ['article', 'articles'], 1, ['journal article'], { journalReading: true }),
    itemType('SCANNING_TOPIC', 'Scanning a topic (internet searching, e.g. UpToDate)', 'topic', ['topic', 'topics'], 0.5, ['scanning', 'internet search'], { journalReading: false }),
    itemType('JOURNAL_VOLUME', 'Reading a journal volume', 'item', ['volume', 'volumes'], 2, ['journal volume', 'journal issue'], { journalReading: true }),
    itemType('BOOK', 'Reading a book', 'item', ['book', 'books'], 10, []),
    itemType('BOOK_CHAPTER', 'Reading a book chapter', 'item', ['chapter', 'chapters'], 2, ['book chapter']),
    itemType('PODCAST', 'Podcast, audio or video', 'item', ['podcast', 'podcasts'], 0.5, []),
    itemType('POEM', 'POEM (patient-oriented evidence that matters)', 'item', ['POEM', 'POEMs'], 0.25, []),
    itemType('FORMAL_COURSE', 'Formal course', 'item', ['course', 'courses'], 25, ['formal course']),
    hourType('TRAINEESHIP', 'Traineeship (e.g. ACLS, ATLS)', 2, false, ['traineeship']),
  ],
};

const mocSection3 = (withFeedbackReceived: boolean): CpdCategoryRule => ({
  key: 'SECTION_3',
  label: 'Section 3: Assessment',
  aliases: ['section 3', 'sec 3', 's3', 'assessment', 'assess'],
  activityTypes: [
    hourType('KNOWLEDGE_ASSESSMENT', 'Accredited self-assessment (knowledge)', 3, true, ['knowledge assessment', 'self-assessment', 'self assessment']),
    hourType('SIMULATION', 'Accredited simulation', 3, true, ['simulation']),
    hourType('PERFORMANCE_ASSESSMENT', 'Performance assessment (chart audit, practice review)', 3, false, ['performance assessment', 'chart audit']),
    ...(withFeedbackReceived ? [hourType('FEEDBACK_RECEIVED', 'Feedback received (multi-source feedback, feedback on teaching, direct observation)', 3, false, ['feedback received', 'feedback', 'multi-source feedback', 'msf'])] : []),
  ],
});

const MOC_2024: CpdRuleSet = {
  id: 'moc-2024',
  system: 'MOC',
  name: 'MOC Program as refreshed in 2024',
  effectiveFrom: '2024-01-01',
  source: 'royalcollege.ca newsroom "Evolution of the MOC Program in 2024" (capa-acam.ca summary); royalcollege.ca MOC framework table',
  certifiedWord: 'accredited',
  creditYearStartMonth: 1,
  reportBy: { month: 1, day: 31 },
  cycleYears: 5,
  perYear: 25,
  perCycle: 250,
  cycleMinimums: [
    { label: 'Section 3', categories: ['SECTION_3'], credits: 25, shownInProgress: true },
    { label: 'Feedback Received (Section 3)', categories: ['SECTION_3'], activityType: { key: 'FEEDBACK_RECEIVED', count: 1 }, shownInProgress: true },
  ],
  categories: [MOC_SECTION_1, MOC_SECTION_2, mocSection3(true)],
};

/** Before 2024: 40 credits a year, 400 a cycle, at least 25 in each section. */
const MOC_2014: CpdRuleSet = {
  ...MOC_2024,
  id: 'moc-2014',
  name: 'MOC Program before the 2024 refresh',
  effectiveFrom: '2014-01-01',
  source: 'royalcollege.ca MOC framework (before 2024); royalcollege.ca newsroom "Evolution of the MOC Program in 2024"',
  perYear: 40,
  perCycle: 400,
  cycleMinimums: [
    { label: 'Section 1', categories: ['SECTION_1'], credits: 25, shownInProgress: false },
    { label: 'Section 2', categories: ['SECTION_2'], credits: 25, shownInProgress: false },
    { label: 'Section 3', categories: ['SECTION_3'], credits: 25, shownInProgress: true },
  ],
  categories: [MOC_SECTION_1, MOC_SECTION_2, mocSection3(false)],
};

/** Every set we keep, oldest first within each system. The oldest also serves anything older. */
export const CPD_RULE_SETS: readonly CpdRuleSet[] = [MAINPRO_2019_07, MAINPRO_2024_12, MOC_2014, MOC_2024];

/** The set of `system` in force on `date` (YYYY-MM-DD). */
export function ruleSetFor(system: CpdSystem, date: string, sets: readonly CpdRuleSet[] = CPD_RULE_SETS): CpdRuleSet {
  const mine = sets.filter((s) => s.system === system).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  let found = mine[0];
  for (const s of mine) if (s.effectiveFrom <= date) found = s;
  if (!found) throw new Error(`No CPD rule set for ${system}`);
  return found;
}

export function categoryRule(set: CpdRuleSet, key: string): CpdCategoryRule | undefined {
  return set.categories.find((c) => c.key === key);
}

export function activityTypeRule(set: CpdRuleSet, category: string, type: string): CpdActivityTypeRule | undefined {
  return categoryRule(set, category)?.activityTypes.find((t) => t.key === type);
}

/** The category label a system's log shows; a key no set knows is shown as stored. */
export function cpdCategoryLabelFor(system: CpdSystem, date: string, category: string): string {
  return categoryRule(ruleSetFor(system, date), category)?.label ?? category;
}

export function activityTypeLabelFor(system: CpdSystem, date: string, category: string, type: string): string {
  return activityTypeRule(ruleSetFor(system, date), category, type)?.label ?? type;
}

/** "4 articles", "1.5 hours", "1 book". */
export function quantityText(type: Pick<CpdActivityTypeRule, 'unitName'>, amount: number): string {
  return `${amount} ${amount === 1 ? type.unitName[0] : type.unitName[1]}`;
}

/** "1 credit per article", "0.5 credits per hour". */
export function rateText(type: Pick<CpdActivityTypeRule, 'rate' | 'unitName'>): string {
  return `${type.rate} credit${type.rate === 1 ? '' : 's'} per ${type.unitName[0]}`;
}

// ---- Credit years --------------------------------------------------------------------------------

export interface CreditYear {
  system: CpdSystem;
  /** "2026" for MOC, "2025–2026" for Mainpro+. */
  label: string;
  from: string;
  to: string;
  /** Last day to report it, when the college sets one. */
  reportBy: string | null;
  /** The set in force on the year's first day: its yearly minimum applies. */
  ruleSet: CpdRuleSet;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The credit year `date` falls in. */
export function creditYearOf(system: CpdSystem, date: string, sets: readonly CpdRuleSet[] = CPD_RULE_SETS): CreditYear {
  const month = ruleSetFor(system, date, sets).creditYearStartMonth;
  const year = Number(date.slice(0, 4));
  const startYear = Number(date.slice(5, 7)) >= month ? year : year - 1;
  return creditYearStarting(system, startYear, month, sets);
}

function creditYearStarting(system: CpdSystem, startYear: number, month: number, sets: readonly CpdRuleSet[]): CreditYear {
  const from = `${startYear}-${pad(month)}-01`;
  const endYear = month === 1 ? startYear : startYear + 1;
  const to = month === 1 ? `${startYear}-12-31` : `${endYear}-${pad(month - 1)}-${pad(new Date(Date.UTC(endYear, month - 1, 0)).getUTCDate())}`;
  const ruleSet = ruleSetFor(system, from, sets);
  const reportBy = ruleSet.reportBy ? `${endYear + 1}-${pad(ruleSet.reportBy.month)}-${pad(ruleSet.reportBy.day)}` : null;
  return { system, label: month === 1 ? String(startYear) : `${startYear}–${endYear}`, from, to, reportBy, ruleSet };
}

/** The credit years a period (e.g. a program year) touches, in order. */
export function creditYearsSpanned(system: CpdSystem, from: string, to: string, sets: readonly CpdRuleSet[] = CPD_RULE_SETS): CreditYear[] {
  const years: CreditYear[] = [];
  let year = creditYearOf(system, from, sets);
  for (let i = 0; i < 20 && year.from <= to; i++) {
    years.push(year);
    const next = new Date(Date.UTC(Number(year.to.slice(0, 4)), Number(year.to.slice(5, 7)) - 1, Number(year.to.slice(8, 10)) + 1)).toISOString().slice(0, 10);
    year = creditYearOf(system, next, sets);
  }
  return years;
}

// ---- What a user typed -> a category and an activity type ----------------------------------------

const CERTIFIED_WORDS = ['certified', 'cert', 'accredited'];
const UNCERTIFIED_WORDS = ['noncertified', 'uncertified', 'notcertified', 'unaccredited', 'nonaccredited', 'notaccredited'];

/** Whether a word says certified/accredited (true), not (false), or neither (undefined). */
export function certifiedWord(text: string): boolean | undefined {
  const w = normalizeWord(text);
  return CERTIFIED_WORDS.includes(w) ? true : UNCERTIFIED_WORDS.includes(w) ? false : undefined;
}

/** Every word or phrase (normalized) a set understands as a category, an activity type or a unit. */
export function cpdVocabulary(set: CpdRuleSet): { terms: Set<string>; units: Set<string> } {
  const terms = new Set<string>([...CERTIFIED_WORDS, ...UNCERTIFIED_WORDS]);
  const units = new Set<string>();
  for (const c of set.categories) {
    for (const a of [c.key, c.label, ...c.aliases]) terms.add(normalizeWord(a));
    for (const t of c.activityTypes) {
      for (const a of [t.key, t.label, ...t.aliases]) terms.add(normalizeWord(a));
      if (t.unit !== 'hour') for (const u of t.unitName) units.add(normalizeWord(u));
    }
  }
  return { terms, units };
}

export interface CpdKindHints {
  /** Category, activity type or certified/accredited words, as typed (keys and labels too). */
  terms: readonly string[];
  /** The unit the amount was given in: 'hour', or an item's name ('articles', 'book'). */
  unit: string;
}

export type CpdKind = { category: CpdCategoryRule; type: CpdActivityTypeRule };

/**
 * The category and activity type the words name in this set. Unless the user says certified
 * (accredited), an activity is taken as not; otherwise the first match in the set's order wins.
 * Returns a message saying what was not understood, with the set's own words, when nothing fits.
 */
export function resolveCpdKind(set: CpdRuleSet, hints: CpdKindHints): CpdKind | { error: string } {
  let candidates: CpdKind[] = set.categories.flatMap((category) => category.activityTypes.map((type) => ({ category, type })));
  const unit = normalizeWord(hints.unit);
  const byHours = unit === 'hour' || unit === 'hours' || unit === 'h';
  candidates = candidates.filter((k) => (byHours ? k.type.unit === 'hour' : k.type.unit !== 'hour' && k.type.unitName.some((u) => normalizeWord(u) === unit)));
  if (candidates.length === 0) return { error: `${set.name} counts nothing in ${hints.unit}: ${unitExamples(set)}.` };
  let certified: boolean | undefined;
  let named = !byHours;
  for (const term of hints.terms) {
    const w = normalizeWord(term);
    if (w === '') continue;
    const isCategory = (c: CpdCategoryRule) => [c.key, c.label, ...c.aliases].some((a) => normalizeWord(a) === w);
    const isType = (t: CpdActivityTypeRule) => [t.key, t.label, ...t.aliases].some((a) => normalizeWord(a) === w);
    if (set.categories.some(isCategory)) {
      candidates = candidates.filter((k) => isCategory(k.category));
      named = true;
    } else if (set.categories.some((c) => c.activityTypes.some(isType))) {
      candidates = candidates.filter((k) => isType(k.type));
      named = true;
    } else if (certifiedWord(w) !== undefined) certified = certifiedWord(w);
    else return { error: `"${term}" is not a ${set.system === 'MOC' ? 'section or activity type' : 'category or activity type'} of ${set.name}: ${categoryExamples(set)}.` };
  }
  if (certified !== undefined) candidates = candidates.filter((k) => k.type.certified === certified);
  else if (candidates.some((k) => !k.type.certified)) candidates = candidates.filter((k) => !k.type.certified);
  const found = candidates[0];
  if (!found) return { error: `Nothing in ${set.name} matches that: ${categoryExamples(set)}.` };
  // "Accredited" alone could be MOC Section 1 or 3: ask rather than guess.
  const categories = new Set(candidates.map((k) => k.category.key));
  if (!named && categories.size > 1) {
    const noun = set.system === 'MOC' ? 'section' : 'category';
    return { error: `Say which ${noun} as well: ${set.categories.filter((c) => categories.has(c.key)).map((c) => c.label).join(' or ')}.` };
  }
  return found;
}

function categoryExamples(set: CpdRuleSet): string {
  return `choose ${set.categories.map((c) => c.label).join(', ')}`;
}

function unitExamples(set: CpdRuleSet): string {
  const names = [...new Set(set.categories.flatMap((c) => c.activityTypes.map((t) => t.unitName[1])))];
  return `give ${names.join(', ')}`;
}
