/**
 * `/away <from> <until>` (also `<from> to <until>`, `until <date>` from today) or `/away off`.
 * A month-day without a year means the nearest such date for `from` (you may already be
 * away) and the first such date on or after `from` for `until`, so "Dec 20 Jan 5" spans
 * the new year.
 */
import { badInput } from '../errors.js';
import { normalizeWord } from '../normalize.js';
import { parseUserDate, takeDate } from './parse-date.js';
import { tokenize } from './tokenize.js';

export type AwayArgs = { off: true } | { from: string; until: string };

const OFF = new Set(['off', 'cancel', 'clear', 'none', 'back']);
const SEPARATORS = new Set(['to', 'until', 'till', 'through', 'thru', '-', '–', '—']);
const EXAMPLE = 'e.g. /away 2026-12-20 2027-01-05, /away Dec 20 to Jan 5, or /away off';

export function parseAwayArgs(text: string, ctx: { today: string }): AwayArgs {
  const words = tokenize(text);
  if (words.length === 1 && OFF.has(normalizeWord(words[0]!))) return { off: true };
  if (words.length === 0) throw badInput('from', `Say when you will be away: ${EXAMPLE}.`);

  let i = 0;
  let from: string;
  if (normalizeWord(words[0]!) === 'until' || normalizeWord(words[0]!) === 'till') {
    from = ctx.today;
    i = 1;
  } else {
    const d = takeDate(words, 0);
    if (!d) throw badInput('from', `"${words[0]}" is not a date I understand: ${EXAMPLE}.`);
    from = parseUserDate(d.text, { today: ctx.today, prefer: 'nearest', field: 'from' });
    i = d.length;
    if (i < words.length && SEPARATORS.has(words[i]!.toLowerCase())) i++;
  }

  if (i >= words.length) throw badInput('until', `Say when you will be back as well as when you leave: ${EXAMPLE}.`);
  const u = takeDate(words, i);
  if (!u) throw badInput('until', `"${words.slice(i).join(' ')}" is not a date I understand: ${EXAMPLE}.`);
  const until = parseUserDate(u.text, { today: from, prefer: 'future', field: 'until' });
  if (i + u.length < words.length) {
    throw badInput('until', `I did not understand "${words.slice(i + u.length).join(' ')}" after the dates: ${EXAMPLE}.`);
  }
  if (until < from) {
    throw badInput('until', `The end date ${until} is before the start date ${from}: ${EXAMPLE}.`);
  }
  return { from, until };
}
