/**
 * Dates as users type them, in English or French whatever the reader's language:
 * `2026-11-20`, `2026/11/20`, `today`, `yesterday`, `tomorrow`, `Nov 20`, `20 Nov`,
 * `November 20 2026`, `Nov 20, 2026`; `aujourd'hui`, `hier`, `avant-hier`, `demain`,
 * `après-demain`, `20 nov.`, `20 novembre`, `le 20 novembre 2026`, `1er décembre`.
 * Numeric day/month orders (`11/20/2026`, `20/11/2026`) are refused: both are common in
 * Canada, so guessing would silently log the wrong day.
 */
import { badInput } from '../errors.js';
import { addDaysLocal, CALENDAR_YEARS, daysBetween, daysInMonth } from '../time.js';
import { said, type MessageKey } from '../../i18n/translate.js';

/** Which year a month-day without a year falls in, relative to today. */
export type YearPreference = 'past' | 'future' | 'nearest';
export type DateContext = {
  /** Today in the program's time zone, YYYY-MM-DD. */
  today: string;
  /** 'past' (default): the most recent such date not after today, for logging what happened. */
  prefer?: YearPreference;
  /** Field name used in error messages. */
  field?: string;
};

/** Each month's names in English then French, with the abbreviations people write (accents optional). */
const MONTHS: ReadonlyArray<readonly string[]> = [
  ['jan', 'january', 'janv', 'janvier'],
  ['feb', 'february', 'févr', 'fevr', 'fév', 'fev', 'février', 'fevrier'],
  ['mar', 'march', 'mars'],
  ['apr', 'april', 'avr', 'avril'],
  ['may', 'mai'],
  ['jun', 'june', 'juin'],
  ['jul', 'july', 'juil', 'juillet'],
  ['aug', 'august', 'août', 'aout'],
  ['sep', 'sept', 'september', 'septembre'],
  ['oct', 'october', 'octobre'],
  ['nov', 'november', 'novembre'],
  ['dec', 'december', 'déc', 'décembre', 'decembre'],
];
const MONTH_BY_NAME = new Map<string, number>(MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));
export const MONTH_SHORT_NAMES = MONTHS.map((names) => names[0]!.charAt(0).toUpperCase() + names[0]!.slice(1));
/** A month's name in the reader's language, for messages. */
const MONTH_KEYS: readonly MessageKey[] = [
  'parse.month.jan', 'parse.month.feb', 'parse.month.mar', 'parse.month.apr', 'parse.month.may', 'parse.month.jun',
  'parse.month.jul', 'parse.month.aug', 'parse.month.sep', 'parse.month.oct', 'parse.month.nov', 'parse.month.dec',
];

// Longest names first, so "févr" is not read as "fév" followed by "r". Matched on lower-cased text
// (the regular expressions' own case folding does not cover é/É without the u flag).
const MONTH_WORD = `(${[...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const MONTH_DAY = new RegExp(`^${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?$`);
// French puts the day first, may say "le" before it, and writes the first of the month "1er".
const DAY_MONTH = new RegExp(`^(?:le\\s+)?(\\d{1,2})(?:st|nd|rd|th|er)?\\s+${MONTH_WORD}(?:,?\\s+(\\d{4}))?$`);
const NUMERIC_DMY = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/;
const RELATIVE: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['yesterday', -1],
  ['tomorrow', 1],
  ["aujourd'hui", 0],
  ['aujourd’hui', 0],
  ['aujourdhui', 0],
  ['hier', -1],
  ['avant-hier', -2],
  ['demain', 1],
  ['après-demain', 2],
  ['apres-demain', 2],
]);

const EXAMPLE = said('parse.date.example');

function clean(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/,$/, '');
}

/** True when the text is shaped like a date, even an impossible one (so it gets a clear error, not taken as a topic). */
export function isDateToken(text: string): boolean {
  const t = clean(text);
  const lower = t.toLowerCase();
  return (
    RELATIVE.has(lower) || ISO.test(t) || MONTH_DAY.test(lower) || DAY_MONTH.test(lower) || NUMERIC_DMY.test(t)
  );
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function checkedDate(y: number, m: number, d: number, text: string, field: string): string {
  // Years and month numbers go as text: they are not quantities to group by thousands.
  if (m < 1 || m > 12) throw badInput(field, said('parse.date.noMonth', { text, month: String(m), field, example: EXAMPLE }));
  if (d < 1 || d > daysInMonth(y, m)) {
    throw badInput(field, said('parse.date.notReal', { text, monthName: said(MONTH_KEYS[m - 1]!), year: String(y), days: daysInMonth(y, m), example: EXAMPLE }));
  }
  if (y < CALENDAR_YEARS.min || y > CALENDAR_YEARS.max) throw badInput(field, said('parse.date.unlikelyYear', { text, year: String(y), example: EXAMPLE }));
  return iso(y, m, d);
}

function resolveYear(month: number, day: number, text: string, ctx: Required<Pick<DateContext, 'today' | 'prefer'>>, field: string): string {
  const thisYear = Number(ctx.today.slice(0, 4));
  const valid = (y: number) => day >= 1 && day <= daysInMonth(y, month);
  // Feb 29 only exists in leap years, so look back or ahead as far as needed.
  const years = Array.from({ length: 17 }, (_, i) => thisYear - 8 + i).filter(valid);
  if (month < 1 || month > 12 || years.length === 0) return checkedDate(thisYear, month, day, text, field);
  const candidates = years.map((y) => iso(y, month, day));
  if (ctx.prefer === 'future') return candidates.find((c) => c >= ctx.today)!;
  if (ctx.prefer === 'nearest') {
    return candidates.reduce((best, c) =>
      Math.abs(daysBetween(ctx.today, c)) < Math.abs(daysBetween(ctx.today, best)) ? c : best,
    );
  }
  return candidates.filter((c) => c <= ctx.today).pop()!;
}

/** Parses a date typed by a user into YYYY-MM-DD, or throws AppError('BAD_INPUT') naming the field. */
export function parseUserDate(text: string, ctx: DateContext): string {
  const field = ctx.field ?? 'date';
  const prefer = ctx.prefer ?? 'past';
  const t = clean(text);
  if (t === '') throw badInput(field, said('parse.date.missing', { field, example: EXAMPLE }));
  const lower = t.toLowerCase();
  const relative = RELATIVE.get(lower);
  if (relative !== undefined) return addDaysLocal(ctx.today, relative);

  const isoMatch = ISO.exec(t);
  if (isoMatch) return checkedDate(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]), t, field);

  const md = MONTH_DAY.exec(lower);
  const dm = md ? undefined : DAY_MONTH.exec(lower);
  if (md || dm) {
    const month = MONTH_BY_NAME.get(md ? md[1]! : dm![2]!)!;
    const day = Number(md ? md[2] : dm![1]);
    const year = md ? md[3] : dm![3];
    if (year !== undefined) return checkedDate(Number(year), month, day, t, field);
    return resolveYear(month, day, t, { today: ctx.today, prefer }, field);
  }

  if (NUMERIC_DMY.test(t)) {
    throw badInput(field, said('parse.date.ambiguous', { text: t, field }));
  }
  throw badInput(field, said('parse.date.unknown', { text: t, field, example: EXAMPLE }));
}

/**
 * Finds a date spanning one to four tokens at `start` (e.g. "November", "20,", "2026", or "le", "1er",
 * "décembre", "2026"), longest first. Returns the number of tokens used.
 */
export function takeDate(tokens: readonly string[], start: number): { text: string; length: number } | undefined {
  for (let length = Math.min(4, tokens.length - start); length >= 1; length--) {
    const text = tokens.slice(start, start + length).join(' ');
    if (isDateToken(text)) return { text, length };
  }
  return undefined;
}
