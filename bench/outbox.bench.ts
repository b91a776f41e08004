// Outbox delivery: 10,000 due notifications (one DM each to 10,000 people) delivered by the real
// scheduler through the real Slack messenger to the fake Slack, which answers HTTP 429 with
// Retry-After now and then. Counted at the fake: throughput, duplicates and losses.
import { createSlackAdapter } from '../src/slack/index.js';
import { createScheduler } from '../src/scheduler/index.js';
import { silentLogger, type CoreContext } from '../src/core/context.js';
import { DEFAULT_PROGRAM_RULES } from '../src/core/domain/program-rules.js';
import { ensureProgram } from '../src/core/services/program.service.js';
import type { StoreKind } from '../src/store/store.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { TEST_SIGNING_SECRET } from '../test/support/slack-sign.js';
import { openBenchStore } from './stores.js';

export interface OutboxFigures {
  kind: StoreKind;
  notifications: number;
  delivered: number;
  /** Notifications the fake received more than once (successfully). */
  duplicates: number;
  /** Notifications the fake never received successfully. */
  losses: number;
  rateLimited: number;
  retryAfterSeconds: number;
  seconds: number;
  /** Notifications per second, including the waits Retry-After imposed. */
  throughput: number;
  /** Rows the store says are SENT. */
  sentRows: number;
}

/** An IANA zone where it is about noon now, so quiet hours never hold a message back during the run. */
export function middayZone(now = new Date()): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

export async function benchOutbox(
  kind: StoreKind,
  options: { notifications: number; injectEvery: number; retryAfterSeconds: number; timeoutMs: number },
  log: (line: string) => void,
): Promise<OutboxFigures> {
  const store = await openBenchStore(kind);
  const slack = await startFakeSlack();
  try {
    const db = store.prisma;
    const program = await ensureProgram(db, { slug: 'bench-outbox', name: 'Outbox bench', timeZone: 'America/Winnipeg', locale: 'en-CA', rules: DEFAULT_PROGRAM_RULES }, [], { now: () => new Date() });
    const n = options.notifications;
    const zone = middayZone();
    const pid = (i: string) => `'obx-person-' || ${i}`;
    await db.$executeRawUnsafe(`INSERT INTO "Person" ("id", "name", "email", "timeZone", "updatedAt")
      SELECT ${pid('i')}, 'Recipient ' || i, 'recipient' || i || '@bench.example.org', '${zone}', now() FROM generate_series(1, ${n}) i`);
    await db.$executeRawUnsafe(`INSERT INTO "ChatAccount" ("id", "personId", "platform", "workspaceId", "userId", "dmChannelId", "updatedAt")
      SELECT 'obx-chat-' || i, ${pid('i')}, 'SLACK', 'TBENCH', 'UOBX' || i, 'DOBX' || i, now() FROM generate_series(1, ${n}) i`);
    await db.$executeRawUnsafe(`INSERT INTO "Notification" ("id", "programId", "personId", "kind", "idempotencyKey", "payload", "dueAt", "updatedAt")
      SELECT 'obx-n-' || i, '${program.id}', ${pid('i')}, 'bench', 'bench:' || i,
             jsonb_build_object('text', 'Bench notification ' || i, 'blocks', jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Bench notification ' || i))),
             now() - interval '1 minute', now()
        FROM generate_series(1, ${n}) i`);

    const ctx: CoreContext = { db, clock: { now: () => new Date() }, logger: silentLogger, program };
    const adapter = await createSlackAdapter({ ctx, logger: silentLogger, botToken: 'xoxb-bench-token', signingSecret: TEST_SIGNING_SECRET, apiUrl: slack.url, retries: 0 });
    const scheduler = createScheduler({ ctx, messengers: [adapter.messenger], logger: silentLogger, plan: false, cron: '0 0 1 1 *' });

    // Rate limiting: every `injectEvery` posts, the next one is answered 429 with Retry-After. The
    // fake takes the failure on the very next post, so its index is known exactly.
    const failedAt = new Set<number>();
    let nextInjection = options.injectEvery;
    const injector = setInterval(() => {
      const posted = slack.calls('chat.postMessage').length;
      if (posted >= nextInjection) {
        slack.failNext('chat.postMessage', { status: 429, retryAfter: options.retryAfterSeconds });
        failedAt.add(posted);
        nextInjection = posted + options.injectEvery;
      }
    }, 2);

    const started = performance.now();
    const deadline = Date.now() + options.timeoutMs;
    let remaining = n;
    try {
      while (Date.now() < deadline) {
        const result = await scheduler.tick();
        remaining = await db.notification.count({ where: { programId: program.id, status: { in: ['PENDING', 'SENDING'] } } });
        if (remaining === 0) break;
        if (result.delivered === 0) await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      clearInterval(injector);
      await scheduler.stop();
    }
    const seconds = (performance.now() - started) / 1000;

    // Count at the fake: successful posts per notification text.
    const received = new Map<string, number>();
    slack.calls('chat.postMessage').forEach((call, index) => {
      if (failedAt.has(index)) return;
      const text = String(call.args.text ?? '');
      received.set(text, (received.get(text) ?? 0) + 1);
    });
    let duplicates = 0;
    let losses = 0;
    for (let i = 1; i <= n; i++) {
      const count = received.get(`Bench notification ${i}`) ?? 0;
      if (count === 0) losses++;
      if (count > 1) duplicates++;
    }
    const sentRows = await db.notification.count({ where: { programId: program.id, status: 'SENT' } });
    const delivered = n - losses;
    const figures: OutboxFigures = {
      kind,
      notifications: n,
      delivered,
      duplicates,
      losses,
      rateLimited: failedAt.size,
      retryAfterSeconds: options.retryAfterSeconds,
      seconds,
      throughput: delivered / seconds,
      sentRows,
    };
    log(`  outbox ${kind}: ${delivered}/${n} in ${seconds.toFixed(1)} s (${figures.throughput.toFixed(0)}/s), ${failedAt.size} × 429, ${duplicates} duplicates, ${losses} lost, ${remaining} left`);
    return figures;
  } finally {
    await slack.close();
    await store.close();
  }
}
