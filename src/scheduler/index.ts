// The scheduler: on every cron tick, plan (queue the reminders that are due) and deliver the outbox;
// `wake()` delivers right away what core just queued (a meeting logged → its reflection prompt).
// Passes never overlap within one process; across replicas the outbox claim keeps them apart.
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { CoreContext, Logger } from '../core/context.js';
import type { Messenger } from '../core/delivery.js';
import type { Platform } from '../core/domain/enums.js';
import { buildDigest } from '../core/services/digest.service.js';
import { planNotifications } from '../core/services/planner.service.js';
import { purgeExpired } from '../core/services/retention.service.js';
import { systemActor } from '../core/actor.js';
import { localDate } from '../core/domain/time.js';
import type { Metrics } from '../http/metrics.js';
import { releaseOwnLeases } from './claim.js';
import { deliverDue, type DeliveryDeps } from './deliver.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_LEASE_MS, DEFAULT_MAX_ATTEMPTS } from './policy.js';
import { programLocale } from '../core/i18n/locale.js';

export { printDigest, postDigestNow, renderPlainText } from './digest.js';

export interface SchedulerOptions {
  ctx: CoreContext;
  messengers: Messenger[];
  metrics?: Metrics;
  logger: Logger;
  /** node-cron expression of the planning + delivery pass; every minute by default. */
  cron?: string;
  /**
   * Names this process in leases. Rows a previous life of the same id left mid-delivery are taken
   * back at start, so it must be stable across restarts and unique among live replicas
   * (default: hostname, pid and a per-process counter; a pod name is a good choice).
   */
  instanceId?: string;
  maxAttempts?: number;
  batchSize?: number;
  /** How long a claimed row is ours (default 5 minutes). */
  leaseMs?: number;
  /** Recipients served at once within a batch (default 8). */
  concurrency?: number;
  /** Debounce of wake() (default 200 ms). */
  wakeDelayMs?: number;
  /** Off: deliver only (no planning) — e.g. a CLI that only flushes the outbox. */
  plan?: boolean;
}

export interface TickResult {
  planned: number;
  delivered: number;
  failed: number;
  /** Participants erased because their retention period ended (checked once a day). */
  purged: number;
}

export interface Scheduler {
  start(): void;
  /** Stops the ticks and waits for the pass in flight. */
  stop(): Promise<void>;
  /** Delivers now-due rows soon (debounced): used right after core queued something due now. */
  wake(): void;
  /** One planning + delivery pass (tests, the CLI). */
  tick(): Promise<TickResult>;
  readonly instanceId: string;
}

let created = 0;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { ctx, logger, metrics } = options;
  const expression = options.cron ?? '* * * * *';
  if (!cron.validate(expression)) throw new Error(`SCHEDULER_CRON "${expression}" is not a cron expression, e.g. "* * * * *" (every minute)`);
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${++created}`;
  const deps: DeliveryDeps = {
    ctx,
    messengers: options.messengers,
    metrics,
    logger,
    instanceId,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    concurrency: options.concurrency ?? 8,
    pausedUntil: new Map<Platform, number>(),
  };

  let chain: Promise<unknown> = Promise.resolve();
  let busy = false;
  let released = false;
  let stopped = false;
  let task: ScheduledTask | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;
  let deliverQueued = false;

  async function pass(plan: boolean): Promise<TickResult> {
    if (!released) {
      const back = await releaseOwnLeases(ctx.db, instanceId);
      if (back > 0) logger.warn({ instanceId, rows: back }, 'outbox: took back rows this instance left mid-delivery (it was restarted); a duplicate of those is possible');
      released = true;
    }
    const planning = plan && options.plan !== false;
    const planned = planning ? await planNotifications(ctx, { buildDigest: (c, progress) => buildDigest(c, undefined, progress) }) : 0;
    const result = await deliverDue(deps);
    if (metrics) metrics.outboxPending.set(await ctx.db.notification.count({ where: { programId: ctx.program.id, status: 'PENDING' } }));
    if (result.delivered || result.failed) logger.debug({ planned, ...result }, 'outbox pass');
    const purged = planning ? await retentionOncePerDay() : 0;
    return { planned, delivered: result.delivered, failed: result.failed, purged };
  }

  /** The retention purge, on the first planning pass of each program day (replicas: the erase is idempotent). */
  let purgedOn: string | undefined;
  async function retentionOncePerDay(): Promise<number> {
    const today = localDate(ctx.clock.now(), ctx.program.timeZone);
    if (purgedOn === today) return 0;
    try {
      const purged = await purgeExpired(ctx, systemActor('retention', 'Retention policy', ctx.program.timeZone, programLocale(ctx.program)));
      purgedOn = today;
      return purged.length;
    } catch (error) {
      logger.error({ err: error }, 'retention purge failed; the next pass retries');
      return 0;
    }
  }

  /** Runs passes one after another, never two at once in this process. */
  function enqueue(plan: boolean, onStart?: () => void): Promise<TickResult> {
    const run = chain.then(async () => {
      onStart?.();
      busy = true;
      try {
        return await pass(plan);
      } finally {
        busy = false;
      }
    });
    chain = run.catch(() => undefined);
    return run;
  }

  const background = (plan: boolean, onStart?: () => void) =>
    enqueue(plan, onStart).catch((error: unknown) => logger.error({ err: error }, 'scheduler pass failed; the next tick retries'));

  return {
    instanceId,
    start() {
      if (task || stopped) return;
      task = cron.schedule(expression, () => {
        // A pass still running (a long delivery) makes this tick redundant.
        if (!busy && !stopped) void background(true);
      });
      // Deliver what is already due without waiting a minute.
      void background(true);
    },
    async stop() {
      stopped = true;
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = undefined;
      if (task) await task.stop();
      task = undefined;
      await chain;
    },
    wake() {
      if (stopped || wakeTimer) return;
      wakeTimer = setTimeout(() => {
        wakeTimer = undefined;
        if (stopped || deliverQueued) return;
        // One delivery pass waiting is enough: rows queued before it starts are claimed by it.
        deliverQueued = true;
        void background(false, () => {
          deliverQueued = false;
        });
      }, options.wakeDelayMs ?? 200);
      wakeTimer.unref?.();
    },
    tick: () => enqueue(true),
  };
}
