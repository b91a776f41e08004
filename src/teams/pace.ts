// Teams' documented send limits for a bot, per conversation ("thread"): 7 per second, 8 per 2 s,
// 60 per 30 s, 1,800 per hour; beyond them the connector answers 429. The outbox's Teams sends go
// through this pacer so that they stay inside the limits instead of learning them from 429s.
//
// Sends to one conversation are serialised, and each is counted from when its call to the connector
// finished: the connector received it no later than that, so a window measured from there is never
// shorter at the connector than here. A wait longer than `maxWaitMs` (the hourly budget is spent) is
// not slept through: the caller gets the time to come back and hands the row back to the outbox.
// The pace is per process: several replicas each keep their own (see README, "Teams send limits").

export interface SendWindow {
  count: number;
  ms: number;
}

/** https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit (per bot, per thread). */
export const TEAMS_CONVERSATION_LIMITS: readonly SendWindow[] = [
  { count: 7, ms: 1_000 },
  { count: 8, ms: 2_000 },
  { count: 60, ms: 30_000 },
  { count: 1_800, ms: 3_600_000 },
];

export interface PacerOptions {
  limits?: readonly SendWindow[];
  /** Longer waits are not slept through: run() rejects with PacedTooLong. */
  maxWaitMs?: number;
  /** A monotonic clock in ms, and a sleep: the real ones unless a test passes others. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class PacedTooLong extends Error {
  constructor(readonly waitMs: number) {
    super(`the conversation's send budget is spent for ${Math.ceil(waitMs / 1000)} s`);
  }
}

export interface SendPacer {
  /** Runs `send` for conversation `key` once the limits allow, one at a time per key. */
  run<T>(key: string, send: () => Promise<T>): Promise<T>;
  /** Conversations with recent sends on record (memory stays bounded by activity). */
  size(): number;
}

export function createSendPacer(options: PacerOptions = {}): SendPacer {
  const limits = options.limits ?? TEAMS_CONVERSATION_LIMITS;
  const longest = Math.max(...limits.map((l) => l.ms));
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** Per conversation: when each recent send finished, oldest first (serialised, so in order). */
  const finished = new Map<string, number[]>();
  const queues = new Map<string, Promise<unknown>>();

  /** How long until one more send fits every window. */
  function waitFor(history: number[], at: number): number {
    let until = at;
    for (const { count, ms } of limits) {
      if (history.length >= count) until = Math.max(until, history[history.length - count]! + ms);
    }
    return until - at;
  }

  function forget(history: number[], at: number): void {
    let old = 0;
    while (old < history.length && history[old]! <= at - longest) old++;
    if (old > 0) history.splice(0, old);
  }

  /** Drops conversations with no send in the longest window and nothing queued. */
  function sweep(): void {
    const at = now();
    for (const [key, history] of finished) {
      if (!queues.has(key) && (history.length === 0 || history[history.length - 1]! <= at - longest)) finished.delete(key);
    }
  }

  async function paced<T>(key: string, send: () => Promise<T>): Promise<T> {
    const history = finished.get(key) ?? [];
    finished.set(key, history);
    forget(history, now());
    const wait = waitFor(history, now());
    if (wait > maxWaitMs) throw new PacedTooLong(wait);
    if (wait > 0) await sleep(wait);
    try {
      return await send();
    } finally {
      // A refused send was a request too: Teams counts it.
      history.push(now());
    }
  }

  return {
    run<T>(key: string, send: () => Promise<T>): Promise<T> {
      if (finished.size > 1_000) sweep();
      const previous = queues.get(key) ?? Promise.resolve();
      const mine = previous.catch(() => undefined).then(() => paced(key, send));
      const tail = mine.catch(() => undefined);
      queues.set(key, tail);
      void tail.then(() => {
        if (queues.get(key) === tail) queues.delete(key);
        const history = finished.get(key);
        if (history && (history.length === 0 || history[history.length - 1]! <= now() - longest)) finished.delete(key);
      });
      return mine;
    },
    size: () => finished.size,
  };
}
