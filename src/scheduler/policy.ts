// How the scheduler carries out delivery: how long to wait after a failure, batches and leases.

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

// Which kinds are dropped when away or after the end date is core's decision (core/domain/delivery-policy.ts).
