/**
 * Durations as users type them, in English or French. Meetings: `45m`, `45 min`, `1h`, `1h30`,
 * `1h30m`, `1 h 30`, `1 h 30 min`, `1.5h`, `1,5 h`, `1:30`, `2 h`, `90 minutes`, `1 heure`,
 * `2 heures`; a bare number means minutes (`90`), because
 * meetings are usually under two hours and people say "a 45".
 * CPD: the same forms, but a bare number means hours (`2`), because CPD is logged in hours.
 */
import { badInput } from '../errors.js';
import { DEFAULT_PROGRAM_RULES } from '../program-rules.js';
import { said } from '../../i18n/translate.js';

// Longest first, so the alternation reads the whole unit. French writes "h", "min", "heure(s)", "minute(s)".
const HOUR_UNITS = 'heures|heure|hours|hour|hrs|hr|h';
const MINUTE_UNITS = 'minutes|minute|mins|min|mn|m';
const NUM = '(\\d+(?:[.,]\\d+)?)';
const HOURS_AND_MINUTES = new RegExp(`^(\\d+)(?:${HOUR_UNITS})(\\d+)(?:${MINUTE_UNITS})?$`);
const HOURS_ONLY = new RegExp(`^${NUM}(?:${HOUR_UNITS})$`);
const MINUTES_ONLY = new RegExp(`^${NUM}(?:${MINUTE_UNITS})$`);
const CLOCK = /^(\d+):([0-5]\d)$/;
const BARE = new RegExp(`^${NUM}$`);

type BareUnit = 'minutes' | 'hours';

const num = (s: string) => Number(s.replace(',', '.'));

/** Reads the text as a number of minutes (unrounded), or undefined when it is not shaped like a duration. */
function readMinutes(text: string, bare: BareUnit): number | undefined {
  // "1 30" is two numbers, not 130 minutes.
  if (/\d\s+\d/.test(text)) return undefined;
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === '') return undefined;
  let m = HOURS_AND_MINUTES.exec(t);
  if (m) return Number(m[2]) < 60 ? Number(m[1]) * 60 + Number(m[2]) : undefined;
  m = HOURS_ONLY.exec(t);
  if (m) return num(m[1]!) * 60;
  m = MINUTES_ONLY.exec(t);
  if (m) return num(m[1]!);
  m = CLOCK.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = BARE.exec(t);
  if (m) return bare === 'minutes' ? num(m[1]!) : num(m[1]!) * 60;
  return undefined;
}

/** True when the text is shaped like a duration (whatever its size). */
export function isDurationToken(text: string): boolean {
  return readMinutes(text, 'minutes') !== undefined;
}

export type DurationLimits = { minMinutes?: number; maxMinutes?: number; field?: string };

/** Meeting length in whole minutes; throws BAD_INPUT naming the field, what is expected and an example. */
export function parseDurationMinutes(text: string, limits: DurationLimits = {}): number {
  const field = limits.field ?? 'durationMinutes';
  const min = limits.minMinutes ?? DEFAULT_PROGRAM_RULES.minMeetingMinutes;
  const max = limits.maxMinutes ?? DEFAULT_PROGRAM_RULES.maxMeetingMinutes;
  const raw = readMinutes(text, 'minutes');
  if (raw === undefined) {
    throw badInput(field, said('parse.duration.unknown', { text: text.trim() }));
  }
  const minutes = Math.round(raw);
  if (minutes <= 0) throw badInput(field, said('parse.duration.zero'));
  // formatMinutes writes "1 h 30 min", which reads the same in English and French.
  if (minutes < min) throw badInput(field, said('parse.duration.tooShort', { duration: formatMinutes(minutes), min: formatMinutes(min) }));
  if (minutes > max) throw badInput(field, said('parse.duration.tooLong', { duration: formatMinutes(minutes), max: formatMinutes(max) }));
  return minutes;
}

export type HoursLimits = { maxHours?: number; field?: string };

/** CPD hours, to the minute and rounded to 2 decimals (a bare number means hours). */
export function parseHours(text: string, limits: HoursLimits = {}): number {
  const field = limits.field ?? 'hours';
  const max = limits.maxHours ?? DEFAULT_PROGRAM_RULES.maxCpdHours;
  const raw = readMinutes(text, 'hours');
  if (raw === undefined) {
    throw badInput(field, said('parse.hours.unknown', { text: text.trim() }));
  }
  const hours = Math.round(Math.round(raw) / 60 * 100) / 100;
  if (hours <= 0) throw badInput(field, said('parse.hours.zero'));
  // Numbers, so each reader gets their decimal sign ("1.5", "1,5").
  if (hours > max) throw badInput(field, said('parse.hours.tooMany', { hours, max }));
  return hours;
}

/** '45 min', '2 h', '1 h 30 min'; parseDurationMinutes reads it back. */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * Finds a duration spanning one to four tokens at `start` ("1", "h", "30", "min"), longest
 * first, so `2 h`, `1 h 30` and `1 h 30 min` are read whole.
 */
export function takeDuration(tokens: readonly string[], start: number): { text: string; length: number } | undefined {
  for (let length = Math.min(4, tokens.length - start); length >= 1; length--) {
    const text = tokens.slice(start, start + length).join(' ');
    if (isDurationToken(text)) return { text, length };
  }
  return undefined;
}
