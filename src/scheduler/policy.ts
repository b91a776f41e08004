// Delivery policy as data: how long to wait after a failure, and what an away period does to each kind.

/** Waits after the 1st, 2nd, … failed attempt; the last value repeats. */
export const BACKOFF_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

export const DEFAULT_MAX_ATTEMPTS = 6;
export const DEFAULT_BATCH_SIZE = 50;
/**
 * How long a claimed row belongs to one replica. Longer than any single send (a platform call
 * with its own retries); a crashed replica's rows come back after it (or at once when the same
 * instance id restarts).
 */
export const DEFAULT_LEASE_MS = 5 * 60_000;
/** A 429's Retry-After is honoured, but never beyond this (a broken header must not park a row for days). */
export const MAX_RETRY_AFTER_MS = 3_600_000;

export function backoffAfter(attempts: number): number {
  const i = Math.max(0, Math.min(attempts - 1, BACKOFF_MS.length - 1));
  return BACKOFF_MS[i]!;
}

/**
 * Nudges are recomputed by the planner from the current state and the digest lists what they
 * are about, so during an away period they are DROPPED (CANCELLED): coming back to a pile of stale
 * nudges helps nobody. Everything else (reflection prompts and reminders, welcomes, introductions,
 * meeting confirmations, the end-of-program warning) is personal and still useful: it is
 * POSTPONED to the first morning after the away period ends.
 */
export const DROPPED_WHEN_AWAY: ReadonlySet<string> = new Set(['cadence-nudge', 'escalation', 'next-meeting', 'cpd-checkin']);

export const awayPolicy = (kind: string): 'drop' | 'postpone' => (DROPPED_WHEN_AWAY.has(kind) ? 'drop' : 'postpone');

/**
 * Once a participant's end date has passed (their enrollment still ACTIVE, nobody marked it
 * complete yet), the program's nagging stops: reminders, nudges, check-ins and planned prompts are
 * DROPPED. What answers someone's action (a meeting to confirm or its dispute), the coordinators'
 * messages and the welcome or introduction still go.
 */
export const DROPPED_AFTER_END: ReadonlySet<string> = new Set(['reflection-prompt', 'reflection-reminder', 'cadence-nudge', 'next-meeting', 'cpd-checkin']);
