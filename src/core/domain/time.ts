/**
 * Calendar dates and wall-clock times in a named time zone, using only Intl.
 * Dates are 'YYYY-MM-DD' strings and times 'HH:MM': they mean the same thing in every
 * zone, so rules about "the day before" or "Monday 09:00" can be written without a library.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(instant: Date, tz: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    // Some engines still print midnight as 24 despite h23.
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function localDate(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

export function localTime(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Milliseconds the zone is ahead of UTC at this instant (negative in the Americas). */
function offsetAt(instant: Date, tz: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  const w = wallClock(new Date(whole), tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

function parseDateParts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function parseTimeParts(time: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`Expected a time as HH:MM, got "${time}"`);
  return [Number(m[1]), Number(m[2])];
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `tz` shows `date time`.
 * In a spring-forward gap (02:30 on 2026-03-08 in Winnipeg does not exist) the time is
 * moved forward by the gap (03:30 CDT), as a person resetting their watch would;
 * in a fall-back overlap (01:30 on 2026-11-01 happens twice) the earlier one is chosen,
 * so a reminder is never late.
 */
export function zonedDateTimeToInstant(date: string, time: string, tz: string): Date {
  const [y, mo, d] = parseDateParts(date);
  const [h, mi] = parseTimeParts(time);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetAt(new Date(asUtc - DAY_MS), tz);
  const after = offsetAt(new Date(asUtc + DAY_MS), tz);
  const candidates = [...new Set([asUtc - before, asUtc - after])].sort((a, b) => a - b);
  const wanted = `${date} ${pad(h)}:${pad(mi)}`;
  for (const c of candidates) {
    const instant = new Date(c);
    if (`${localDate(instant, tz)} ${localTime(instant, tz)}` === wanted) return instant;
  }
  // In the gap: read the wall time with the offset in force before the jump.
  return new Date(asUtc - before);
}

function minutesOf(time: string): number {
  const [h, m] = parseTimeParts(time);
  return h * 60 + m;
}

export type QuietHours = { start: string; end: string };

/** True inside [start, end); the window may cross midnight. Equal start and end means no quiet hours. */
export function isInQuietHours(instant: Date, tz: string, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const now = minutesOf(localTime(instant, tz));
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The instant itself when sending is allowed, else the moment quiet hours end. */
export function nextAllowedSendTime(instant: Date, tz: string, quiet: QuietHours): Date {
  if (!isInQuietHours(instant, tz, quiet)) return instant;
  const today = localDate(instant, tz);
  const now = minutesOf(localTime(instant, tz));
  // Before the end time the window ends this morning; otherwise it ends tomorrow.
  const endDate = now < minutesOf(quiet.end) ? today : addDaysLocal(today, 1);
  return zonedDateTimeToInstant(endDate, quiet.end, tz);
}

export function addDaysLocal(date: string, n: number): string {
  const [y, m, d] = parseDateParts(date);
  const shifted = new Date(Date.UTC(y, m - 1, d + n));
  return shifted.toISOString().slice(0, 10);
}

/** The same day `n` months later, clamped to the month's last day (Jan 31 + 1 month → Feb 28; Feb 29 + 12 → Feb 28). */
export function addMonthsLocal(date: string, n: number): string {
  const [y, m, d] = parseDateParts(date);
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parseDateParts(a);
  const [yb, mb, db] = parseDateParts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/** Day of week of a calendar date, 0 = Sunday … 6 = Saturday (as Date#getDay). */
export function dayOfWeek(date: string): number {
  const [y, m, d] = parseDateParts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Days in a month of the Gregorian calendar (leap years by the full rule). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Years a program date may fall in; anything else is a typo (the same bounds as typed dates, parse-date.ts). */
export const CALENDAR_YEARS = { min: 1900, max: 2999 } as const;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The one test of a date a program stores: written YYYY-MM-DD, a day that exists (2026-02-31 does
 * not: it must not become March 3), in a plausible year. Every path that takes a date uses it.
 */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = CALENDAR_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= CALENDAR_YEARS.min && y <= CALENDAR_YEARS.max && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}
