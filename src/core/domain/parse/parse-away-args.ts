/**
 * `/away <from> <until>` (also `<from> to <until>`, `until <date>` from today) or `/away off`, and
 * their French forms: `du <from> au <until>`, `<from> à <until>`, `jusqu’au <date>`, `fin` / `aucune`.
 * A month-day without a year means the nearest such date for `from` (you may already be
 * away) and the first such date on or after `from` for `until`, so "Dec 20 Jan 5" spans
 * the new year.
 */
import { badInput } from '../errors.js';
import { formatDate } from '../../i18n/format.js';
import type { Locale } from '../../i18n/locale.js';
import { said } from '../../i18n/translate.js';
import { normalizeWord } from '../normalize.js';
import { parseUserDate, takeDate } from './parse-date.js';
import { tokenize } from './tokenize.js';

export type AwayArgs = { off: true } | { from: string; until: string };

/** Words compared folded: lower case, accents and punctuation dropped ("jusqu’à" → "jusqua", "à" → "a"). */
const fold = (word: string): string => normalizeWord(word.normalize('NFD').replace(/\p{M}+/gu, ''));
const OFF = new Set(['off', 'cancel', 'clear', 'none', 'back', 'fin', 'aucune', 'aucun', 'annuler', 'retour']);
const FROM_TODAY_UNTIL = new Set(['until', 'till', 'jusquau', 'jusqua']);
const FROM = new Set(['from', 'du', 'de']);
const SEPARATORS = new Set(['to', 'until', 'till', 'through', 'thru', 'au', 'a', 'jusquau', 'jusqua']);
const DASHES = new Set(['-', '–', '—']);
const isSeparator = (word: string) => DASHES.has(word) || SEPARATORS.has(fold(word));

const example = said('away.parse.example');

export function parseAwayArgs(text: string, ctx: { today: string; locale?: Locale }): AwayArgs {
  const words = tokenize(text);
  if (words.length === 1 && OFF.has(fold(words[0]!))) return { off: true };
  if (words.length === 0) throw badInput('from', said('away.parse.when', { example }));

  let i = 0;
  let from: string;
  if (FROM_TODAY_UNTIL.has(fold(words[0]!))) {
    from = ctx.today;
    i = 1;
  } else {
    if (words.length > 1 && FROM.has(fold(words[0]!))) i = 1;
    const d = takeDate(words, i);
    if (!d) throw badInput('from', said('away.parse.notADate', { word: words[i]!, example }));
    from = parseUserDate(d.text, { today: ctx.today, prefer: 'nearest', field: 'from' });
    i += d.length;
    if (i < words.length && isSeparator(words[i]!)) i++;
  }

  if (i >= words.length) throw badInput('until', said('away.parse.back', { example }));
  const u = takeDate(words, i);
  if (!u) throw badInput('until', said('away.parse.notADate', { word: words.slice(i).join(' '), example }));
  const until = parseUserDate(u.text, { today: from, prefer: 'future', field: 'until' });
  if (i + u.length < words.length) {
    throw badInput('until', said('away.parse.trailing', { rest: words.slice(i + u.length).join(' '), example }));
  }
  if (until < from) {
    const locale = ctx.locale ?? 'en';
    throw badInput('until', said('away.parse.endBeforeStart', { until: formatDate(locale, until), from: formatDate(locale, from), example }));
  }
  return { from, until };
}
