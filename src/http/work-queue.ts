// Work done after a platform has been answered, shared by both adapters. Slack and Teams each want their
// answer within seconds, whatever else the bot is doing; without a bound, a burst of commands fills the
// event loop with their queries and renderings and the next answer waits behind all of them. With a
// bound, the rest waits here as closures, costing nothing, and answers stay quick. A task never starts
// in the turn that queued it or finished another: it waits for the next turn of the event loop, so requests
// that arrived meanwhile are read and acknowledged first. Each adapter's stop() drains its queue (idle)
// before the store closes.

export interface WorkQueue {
  /** Runs `task` when a slot is free; its failure is logged, never thrown at the caller. */
  push(what: string, task: () => Promise<void>): void;
  /** Resolves when everything queued so far has run (shutdown, tests). */
  idle(): Promise<void>;
}

export function createWorkQueue(concurrency: number, onError: (what: string, error: unknown) => void): WorkQueue {
  const waiting: { what: string; task: () => Promise<void> }[] = [];
  let running = 0;
  let idleWaiters: (() => void)[] = [];

  const next = (): void => {
    while (running < concurrency && waiting.length > 0) {
      const { what, task } = waiting.shift()!;
      running += 1;
      void task()
        .catch((error: unknown) => onError(what, error))
        .finally(() => {
          running -= 1;
          schedule();
        });
    }
    if (running === 0 && waiting.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  let scheduled = false;
  // setImmediate runs after the poll phase: the connections that became readable are served before.
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      next();
    });
  };

  return {
    push(what, task) {
      waiting.push({ what, task });
      schedule();
    },
    idle() {
      return running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
