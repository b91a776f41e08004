/**
 * The shape of a college's CPD rule set and what is read from one: the set in force on a date, the
 * labels in a reader's language, credit years, and what a user typed → a category and an activity
 * type. The sets themselves (the data) are in cpd-rule-sets.ts.
 */
import type { CpdSystem } from './enums.js';
import { normalizeWord } from './normalize.js';
import { formatList } from '../i18n/format.js';
import type { Locale } from '../i18n/locale.js';
import { said, t, type MessageKey, type Said } from '../i18n/translate.js';
import { CPD_RULE_SETS } from './cpd-rule-sets.js';

/** What an activity type is counted in: hours, or items of its own kind (articles, topics, books...). */
export type CreditUnit = 'hour' | 'article' | 'topic' | 'item';

export interface CpdActivityTypeRule {
  /** Stored on the activity; stable across versions so a migrated activity keeps meaning the same thing. */
  key: string;
  /** English, as the college writes it (logs, exports); a reader gets `labelKey` in their language. */
  label: string;
  labelKey: MessageKey;
  unit: CreditUnit;
  /** What one item is called, singular and plural (hours: 'hour'/'hours'). */
  unitName: readonly [string, string];
  /** Credits per hour or per item. */
  rate: number;
  /** Certified (Mainpro+) or accredited (MOC) as the college says it. */
  certified: boolean;
  /** At most this many credits of this type count per cycle (MOC Section 1 unaccredited: 50). */
  capPerCycle?: number;
  /** Words a user may type for this type in `/cpd` (besides its unit name), English and French. */
  aliases: readonly string[];
  /** The unit's names in French, typed as well as the English ones (`4 livres`, `3 sujets`). */
  unitWordsFr?: readonly string[];
  /** A journal-reading item: listed in the MOC Section 2 reading list. */
  journalReading?: boolean;
}

export interface CpdCategoryRule {
  key: string;
  label: string;
  labelKey: MessageKey;
  /** Words a user may type for this category in `/cpd`. */
  aliases: readonly string[];
  /** The first is the default when only the category is given. */
  activityTypes: readonly CpdActivityTypeRule[];
}

/** A minimum a cycle must reach: credits in some categories, or a number of activities of a type. */
export interface CpdCycleMinimum {
  label: string;
  labelKey: MessageKey;
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
  /** The name in a reader's language, written to follow "by" / "selon" in a sentence. */
  nameKey: MessageKey;
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

/** The category label a system's log shows, in the reader's language; a key no set knows is shown as stored. */
export function cpdCategoryLabelFor(system: CpdSystem, date: string, category: string, locale: Locale = 'en'): string {
  const rule = categoryRule(ruleSetFor(system, date), category);
  return rule ? t(locale, rule.labelKey) : category;
}

export function activityTypeLabelFor(system: CpdSystem, date: string, category: string, type: string, locale: Locale = 'en'): string {
  const rule = activityTypeRule(ruleSetFor(system, date), category, type);
  return rule ? t(locale, rule.labelKey) : type;
}

/** A category's, an activity type's or a cycle minimum's label in the reader's language. */
export const ruleLabel = (locale: Locale, rule: { labelKey: MessageKey }): string => t(locale, rule.labelKey);

/** The same for a label carried in progress (its key when the rule is known, else the stored word as is). */
export const ruleWord = (locale: Locale, word: { label: string; labelKey?: MessageKey | undefined }): string => (word.labelKey ? t(locale, word.labelKey) : word.label);

/** A rule set's name in the reader's language ("the MOC Program as refreshed in 2024"). */
export const ruleSetName = (locale: Locale, set: Pick<CpdRuleSet, 'nameKey'>): string => t(locale, set.nameKey);

/** The unit a type counts in, as the catalogue's select names it: 'hour', 'article', 'book', 'poem'... */
const unitId = (type: Pick<CpdActivityTypeRule, 'unitName'>): string => normalizeWord(type.unitName[0]);

/** "4 articles", "1.5 hours", "1 book"; "4 articles", "1,5 heure", "1 livre". */
export function quantityText(type: Pick<CpdActivityTypeRule, 'unitName'>, amount: number, locale: Locale = 'en'): string {
  return t(locale, 'cpd.quantity', { n: amount, unit: unitId(type) });
}

/** The unit's name in the plural ("articles", "livres"). */
export const unitPluralText = (type: Pick<CpdActivityTypeRule, 'unitName'>, locale: Locale = 'en'): string => t(locale, 'cpd.unitPlural', { unit: unitId(type) });

/** "1 credit per article", "0.5 credits per hour"; "1 crédit par article", "0,5 crédit par heure". */
export function rateText(type: Pick<CpdActivityTypeRule, 'rate' | 'unitName'>, locale: Locale = 'en'): string {
  return t(locale, 'cpd.rate', { rate: type.rate, unit: unitId(type) });
}

/** "certified", "not accredited", "certifié", "non agréé": the college's own word, said of an activity. */
export const certifiedLabel = (locale: Locale, word: CpdRuleSet['certifiedWord'], certified: boolean): string =>
  t(locale, 'cpd.certifiedWord', { word, certified: certified ? 'yes' : 'no' });

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

/**
 * A word as typed, folded for comparison: accents dropped first ("certifié" and "certifie" are one
 * word), then case, spaces and punctuation (normalizeWord).
 */
export const foldWord = (text: string): string => normalizeWord(text.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));

const CERTIFIED_WORDS = ['certified', 'cert', 'accredited', 'certifie', 'certifiee', 'agree', 'agreee'];
const UNCERTIFIED_WORDS = ['noncertified', 'uncertified', 'notcertified', 'unaccredited', 'nonaccredited', 'notaccredited', 'noncertifie', 'noncertifiee', 'nonagree', 'nonagreee'];
/** Words for an amount in hours that parse-duration does not read ('heures'); 'h' and 'hours' it does. */
export const HOUR_WORDS: ReadonlySet<string> = new Set(['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures']);

/** Whether a word says certified/accredited (true), not (false), or neither (undefined). */
export function certifiedWord(text: string): boolean | undefined {
  const w = foldWord(text);
  return CERTIFIED_WORDS.includes(w) ? true : UNCERTIFIED_WORDS.includes(w) ? false : undefined;
}

const unitWordsOf = (type: CpdActivityTypeRule): readonly string[] => [...type.unitName, ...(type.unitWordsFr ?? [])];

/** Every word or phrase (folded) a set understands as a category, an activity type or a unit, in English or French. */
export function cpdVocabulary(set: CpdRuleSet): { terms: Set<string>; units: Set<string> } {
  const terms = new Set<string>([...CERTIFIED_WORDS, ...UNCERTIFIED_WORDS]);
  const units = new Set<string>();
  for (const c of set.categories) {
    for (const a of [c.key, c.label, t('fr', c.labelKey), ...c.aliases]) terms.add(foldWord(a));
    for (const ty of c.activityTypes) {
      for (const a of [ty.key, ty.label, t('fr', ty.labelKey), ...ty.aliases]) terms.add(foldWord(a));
      if (ty.unit !== 'hour') for (const u of unitWordsOf(ty)) units.add(foldWord(u));
    }
  }
  return { terms, units };
}

export interface CpdKindHints {
  /** Category, activity type or certified/accredited words, as typed (keys and labels too). */
  terms: readonly string[];
  /** The unit the amount was given in: 'hour', or an item's name ('articles', 'book', 'livres'). */
  unit: string;
}

export type CpdKind = { category: CpdCategoryRule; type: CpdActivityTypeRule };

/**
 * The category and activity type the words name in this set. Unless the user says certified
 * (accredited), an activity is taken as not; otherwise the first match in the set's order wins.
 * Returns what was not understood, with the set's own words in the reader's language, when nothing fits.
 */
export function resolveCpdKind(set: CpdRuleSet, hints: CpdKindHints, locale: Locale = 'en'): CpdKind | { error: Said } {
  let candidates: CpdKind[] = set.categories.flatMap((category) => category.activityTypes.map((type) => ({ category, type })));
  const unit = foldWord(hints.unit);
  const byHours = HOUR_WORDS.has(unit);
  candidates = candidates.filter((k) => (byHours ? k.type.unit === 'hour' : k.type.unit !== 'hour' && unitWordsOf(k.type).some((u) => foldWord(u) === unit)));
  if (candidates.length === 0) return { error: said('cpd.kind.noSuchUnit', { set: ruleSetName(locale, set), unit: hints.unit, units: unitExamples(set, locale) }) };
  let certified: boolean | undefined;
  let named = !byHours;
  const names = (rule: { key: string; label: string; labelKey: MessageKey; aliases: readonly string[] }) => [rule.key, rule.label, t('fr', rule.labelKey), ...rule.aliases];
  for (const term of hints.terms) {
    const w = foldWord(term);
    if (w === '') continue;
    const isCategory = (c: CpdCategoryRule) => names(c).some((a) => foldWord(a) === w);
    const isType = (ty: CpdActivityTypeRule) => names(ty).some((a) => foldWord(a) === w);
    if (set.categories.some(isCategory)) {
      candidates = candidates.filter((k) => isCategory(k.category));
      named = true;
    } else if (set.categories.some((c) => c.activityTypes.some(isType))) {
      candidates = candidates.filter((k) => isType(k.type));
      named = true;
    } else if (certifiedWord(w) !== undefined) certified = certifiedWord(w);
    else return { error: said('cpd.kind.unknownTerm', { term, noun: nounOf(set), set: ruleSetName(locale, set), categories: categoryList(set, locale) }) };
  }
  if (certified !== undefined) candidates = candidates.filter((k) => k.type.certified === certified);
  else if (candidates.some((k) => !k.type.certified)) candidates = candidates.filter((k) => !k.type.certified);
  const found = candidates[0];
  if (!found) return { error: said('cpd.kind.nothingMatches', { set: ruleSetName(locale, set), categories: categoryList(set, locale) }) };
  // "Accredited" alone could be MOC Section 1 or 3: ask rather than guess.
  const categories = new Set(candidates.map((k) => k.category.key));
  if (!named && categories.size > 1) {
    const which = set.categories.filter((c) => categories.has(c.key)).map((c) => ruleLabel(locale, c));
    return { error: said('cpd.kind.sayWhich', { noun: nounOf(set), categories: formatList(locale, which, 'disjunction') }) };
  }
  return found;
}

/** What a set calls its groups: MOC sections, Mainpro+ categories (a select value of the catalogue). */
export const nounOf = (set: Pick<CpdRuleSet, 'system'>): 'section' | 'category' => (set.system === 'MOC' ? 'section' : 'category');

/** The set's categories (sections), in the reader's language: "Certified, Certified Assessment, Non-certified". */
export const categoryList = (set: CpdRuleSet, locale: Locale): string => set.categories.map((c) => ruleLabel(locale, c)).join(', ');

function unitExamples(set: CpdRuleSet, locale: Locale): string {
  const names = [...new Set(set.categories.flatMap((c) => c.activityTypes.map((ty) => unitPluralText(ty, locale))))];
  return names.join(', ');
}
