/**
 * Durations as users type them. Meetings: `45m`, `45 min`, `1h`, `1h30`, `1h30m`,
 * `1 h 30 min`, `1.5h`, `1:30`, `2 h`; a bare number means minutes (`90`), because
 * meetings are usually under two hours and people say "a 45".
 * CPD: the same forms, but a bare number means hours (`2`), because CPD is logged in hours.
 */
import { badInput } from '../errors.js';
import { DEFAULT_PROGRAM_RULES } from '../program-rules.js';

const HOUR_UNITS = 'h|hr|hrs|hour|hours';
const MINUTE_UNITS = 'm|min|mins|minute|minutes';
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
    throw badInput(field, `"${text.trim()}" is not a duration I understand: write it like 45m, 1h30 or 1.5h.`);
  }
  const minutes = Math.round(raw);
  if (minutes <= 0) throw badInput(field, `A meeting must last more than 0 minutes: write it like 45m or 1h30.`);
  if (minutes < min) throw badInput(field, `${formatMinutes(minutes)} is shorter than the ${formatMinutes(min)} a meeting must last: write it like 45m or 1h30.`);
  if (minutes > max) throw badInput(field, `${formatMinutes(minutes)} is longer than the ${formatMinutes(max)} a meeting may last: write it like 45m or 1h30.`);
  return minutes;
}

export type HoursLimits = { maxHours?: number; field?: string };

/** CPD hours, to the minute and rounded to 2 decimals (a bare number means hours). */
export function parseHours(text: string, limits: HoursLimits = {}): number {
  const field = limits.field ?? 'hours';
  const max = limits.maxHours ?? DEFAULT_PROGRAM_RULES.maxCpdHours;
  const raw = readMinutes(text, 'hours');
  if (raw === undefined) {
    throw badInput(field, `"${text.trim()}" is not a number of hours I understand: write it like 2h, 1.5h or 90m.`);
  }
  const hours = Math.round(Math.round(raw) / 60 * 100) / 100;
  if (hours <= 0) throw badInput(field, `CPD hours must be more than 0: write them like 2h, 1.5h or 90m.`);
  if (hours > max) throw badInput(field, `${hours} hours is more than the ${max} allowed for one activity: split it, or write it like 2h or 1.5h.`);
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
 * first, so `2 h` and `1 h 30 min` are read whole.
 */
export function takeDuration(tokens: readonly string[], start: number): { text: string; length: number } | undefined {
  for (let length = Math.min(4, tokens.length - start); length >= 1; length--) {
    const text = tokens.slice(start, start + length).join(' ');
    if (isDurationToken(text)) return { text, length };
  }
  return undefined;
}
