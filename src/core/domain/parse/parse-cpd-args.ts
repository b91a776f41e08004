/**
 * `/cpd <amount> [<category or section>] [<activity type>] [certified|accredited] [<date>] <title...>`
 *
 * Options first, in any order; the first other word (or a quoted phrase) starts the title. The
 * amount is hours (`2h`, `90m`, a bare `2`) or a number of items in the unit the activity type
 * counts (`4 articles`, `3 topics`, `1 book`). Category and type words are the participant's own
 * system's (its rule set's vocabulary): `/cpd 2h certified Journal club` for a family physician,
 * `/cpd 4 articles NEJM review of sepsis` for a specialist. Which category and type they name is
 * decided by resolveCpdKind, by the rule set in force on the activity's date. French words are read
 * too: `/cpd 2 h certifié "Club de lecture : sepsis"`, `/cpd 4 livres ...`, `/cpd 3 heures non certifié ...`.
 */
import { badInput } from '../errors.js';
import { foldWord, HOUR_WORDS } from '../cpd-rules.js';
import { said } from '../../i18n/translate.js';
import { parseUserDate, takeDate } from './parse-date.js';
import { isDurationToken, parseHours, type HoursLimits } from './parse-duration.js';
import { restOfLine, tokenizeDetailed } from './tokenize.js';

export type CpdArgs = {
  /** Hours, or items when `unit` is not 'hour'. */
  amount?: number;
  /** 'hour', or the item's name as typed ('articles'). */
  unit?: string;
  /** Category, activity type and certified/accredited words, as typed. */
  terms: string[];
  title?: string;
  date?: string;
  complete: boolean;
  /** Names of required fields not given ('hours', 'category', 'title'). */
  missing: string[];
};

export type CpdVocabulary = { terms: ReadonlySet<string>; units: ReadonlySet<string> };
export type CpdArgsContext = { today: string; vocabulary: CpdVocabulary } & Pick<HoursLimits, 'maxHours'>;

/** More items than this in one entry is a typo (a bulk reading list is logged per year). */
export const MAX_CPD_UNITS = 1000;
const COUNT = /^\d+(?:[.,]\d+)?$/;
const MAX_PHRASE_WORDS = 4;

/** 'heures' is read as 'h' ("3 heures", "1 heure 30"); the duration parser knows the rest. */
const hoursWord = (word: string): string => (HOUR_WORDS.has(foldWord(word)) && /^[a-zà-ÿ]+$/i.test(word) ? 'h' : word);

function takeHours(words: readonly string[], start: number): { text: string; length: number } | undefined {
  for (let length = Math.min(4, words.length - start); length >= 1; length--) {
    const text = words.slice(start, start + length).map(hoursWord).join(' ');
    if (isDurationToken(text)) return { text, length };
  }
  return undefined;
}

function takeTerm(words: readonly string[], start: number, vocabulary: CpdVocabulary): { text: string; length: number } | undefined {
  for (let length = Math.min(MAX_PHRASE_WORDS, words.length - start); length >= 1; length--) {
    const text = words.slice(start, start + length).join(' ');
    if (vocabulary.terms.has(foldWord(text))) return { text, length };
  }
  return undefined;
}

export function parseUnits(text: string, field = 'units'): number {
  const n = Number(text.replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0) throw badInput(field, said('cpd.units.notNumber', { text }));
  if (n > MAX_CPD_UNITS) throw badInput(field, said('cpd.units.tooMany', { n, max: MAX_CPD_UNITS }));
  return n;
}

export function parseCpdArgs(text: string, ctx: CpdArgsContext): CpdArgs {
  const detailed = tokenizeDetailed(text);
  const firstQuoted = detailed.findIndex((t) => t.quoted);
  const words = detailed.slice(0, firstQuoted === -1 ? detailed.length : firstQuoted).map((t) => t.value);
  let amount: number | undefined;
  let unit: string | undefined;
  let date: string | undefined;
  const terms: string[] = [];

  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    const next = words[i + 1];
    if (amount === undefined && COUNT.test(word) && next !== undefined && ctx.vocabulary.units.has(foldWord(next))) {
      amount = parseUnits(word);
      unit = next;
      i += 2;
      continue;
    }
    const d = date === undefined ? takeDate(words, i) : undefined;
    if (d) {
      date = parseUserDate(d.text, { today: ctx.today, field: 'date' });
      i += d.length;
      continue;
    }
    const h = amount === undefined ? takeHours(words, i) : undefined;
    if (h) {
      amount = parseHours(h.text, { field: 'hours', maxHours: ctx.maxHours });
      unit = 'hour';
      i += h.length;
      continue;
    }
    const t = takeTerm(words, i, ctx.vocabulary);
    if (t) {
      terms.push(t.text);
      i += t.length;
      continue;
    }
    break;
  }

  const title = restOfLine(text, detailed, i);
  const missing: string[] = [];
  if (amount === undefined) missing.push('hours');
  // Items name their type by their unit; hours need a word for the category or type.
  if (terms.length === 0 && (unit === undefined || unit === 'hour')) missing.push('category');
  if (title === undefined) missing.push('title');
  const result: CpdArgs = { terms, complete: missing.length === 0, missing };
  if (amount !== undefined) result.amount = amount;
  if (unit !== undefined) result.unit = unit;
  if (title !== undefined) result.title = title;
  if (date !== undefined) result.date = date;
  return result;
}
