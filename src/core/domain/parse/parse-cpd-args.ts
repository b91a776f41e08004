/**
 * `/cpd <hours> <group|self|assessment> [certified] [<date>] <title...>`
 *
 * Options first, in any order; the first other word (or a quoted phrase) starts the title.
 * A bare number is hours here (`/cpd 2 group …`), unlike `/meeting` where it is minutes.
 */
import { parseCpdCategory, type CpdCategory } from '../enums.js';
import { parseUserDate, takeDate } from './parse-date.js';
import { isDurationToken, parseHours, type HoursLimits } from './parse-duration.js';
import { restOfLine, tokenizeDetailed } from './tokenize.js';
import { normalizeWord } from '../normalize.js';

export type CpdArgs = {
  hours?: number;
  category?: CpdCategory;
  /** Certified (Mainpro+) or accredited (MOC); false unless the user says so. */
  certified: boolean;
  title?: string;
  date?: string;
  complete: boolean;
  /** Names of required fields not given ('hours', 'category', 'title'). */
  missing: string[];
};

export type CpdArgsContext = { today: string } & Pick<HoursLimits, 'maxHours'>;

const CERTIFIED = new Set(['certified', 'cert', 'accredited']);
const UNCERTIFIED = new Set(['noncertified', 'uncertified', 'notcertified', 'unaccredited', 'nonaccredited']);

function takeHours(words: readonly string[], start: number): { text: string; length: number } | undefined {
  for (let length = Math.min(4, words.length - start); length >= 1; length--) {
    const text = words.slice(start, start + length).join(' ');
    if (isDurationToken(text)) return { text, length };
  }
  return undefined;
}

function takeCategory(words: readonly string[], start: number): { category: CpdCategory; length: number } | undefined {
  for (let length = Math.min(2, words.length - start); length >= 1; length--) {
    const category = parseCpdCategory(words.slice(start, start + length).join(' '));
    if (category) return { category, length };
  }
  return undefined;
}

export function parseCpdArgs(text: string, ctx: CpdArgsContext): CpdArgs {
  const detailed = tokenizeDetailed(text);
  const firstQuoted = detailed.findIndex((t) => t.quoted);
  const words = detailed.slice(0, firstQuoted === -1 ? detailed.length : firstQuoted).map((t) => t.value);
  let hours: number | undefined;
  let category: CpdCategory | undefined;
  let certified: boolean | undefined;
  let date: string | undefined;

  let i = 0;
  while (i < words.length) {
    const word = normalizeWord(words[i]!);
    if (certified === undefined && (CERTIFIED.has(word) || UNCERTIFIED.has(word))) {
      certified = CERTIFIED.has(word);
      i += 1;
      continue;
    }
    const d = date === undefined ? takeDate(words, i) : undefined;
    if (d) {
      date = parseUserDate(d.text, { today: ctx.today, field: 'date' });
      i += d.length;
      continue;
    }
    const h = hours === undefined ? takeHours(words, i) : undefined;
    if (h) {
      hours = parseHours(h.text, { field: 'hours', maxHours: ctx.maxHours });
      i += h.length;
      continue;
    }
    const c = category === undefined ? takeCategory(words, i) : undefined;
    if (c) {
      category = c.category;
      i += c.length;
      continue;
    }
    break;
  }

  const title = restOfLine(text, detailed, i);
  const missing: string[] = [];
  if (hours === undefined) missing.push('hours');
  if (category === undefined) missing.push('category');
  if (title === undefined) missing.push('title');
  const result: CpdArgs = { certified: certified ?? false, complete: missing.length === 0, missing };
  if (hours !== undefined) result.hours = hours;
  if (category !== undefined) result.category = category;
  if (title !== undefined) result.title = title;
  if (date !== undefined) result.date = date;
  return result;
}
