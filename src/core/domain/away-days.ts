// Days without a meeting, not counting days either member of the pair was away: one rule for the
// planner's nudges and progress's overdue lists, so the two count the same days.
import { addDaysLocal, daysBetween } from './time.js';

/** A period away, both ends included ('YYYY-MM-DD'). */
export interface AwayPeriod {
  from: string;
  until: string;
}

/** Days from `since` (exclusive) to `today` (inclusive) on which nobody in the pair was away. */
export function daysExcludingAway(since: string, today: string, aways: AwayPeriod[]): number {
  const total = daysBetween(since, today);
  if (total <= 0) return 0;
  if (aways.length === 0) return total;
  const first = addDaysLocal(since, 1);
  // Clip each away period to the window, then merge overlaps so a day is not subtracted twice.
  const clipped = aways
    .map((a) => ({ from: a.from > first ? a.from : first, until: a.until < today ? a.until : today }))
    .filter((a) => a.from <= a.until)
    .sort((a, b) => a.from.localeCompare(b.from));
  let awayDays = 0;
  let cursor: AwayPeriod | undefined;
  for (const a of clipped) {
    if (cursor && a.from <= addDaysLocal(cursor.until, 1)) {
      if (a.until > cursor.until) cursor.until = a.until;
    } else {
      if (cursor) awayDays += daysBetween(cursor.from, cursor.until) + 1;
      cursor = { ...a };
    }
  }
  if (cursor) awayDays += daysBetween(cursor.from, cursor.until) + 1;
  return Math.max(0, total - awayDays);
}
