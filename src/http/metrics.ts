// Prometheus metrics: process metrics plus the bot's own counters.
import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  httpDuration: Histogram<'route'>;
  notificationsSent: Counter<'platform' | 'kind'>;
  notificationsFailed: Counter<'platform' | 'kind' | 'code'>;
  outboxPending: Gauge;
  /** Reports the store's statement counts (store/statement-count.ts) on every scrape. */
  countStatements(read: () => { statements: number; transactions: number }): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mentorship_' });
  return {
    registry,
    httpRequests: new Counter({ name: 'mentorship_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({ name: 'mentorship_http_request_seconds', help: 'HTTP request duration', labelNames: ['route'], registers: [registry], buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 3] }),
    notificationsSent: new Counter({ name: 'mentorship_notifications_sent_total', help: 'Notifications delivered', labelNames: ['platform', 'kind'], registers: [registry] }),
    notificationsFailed: new Counter({ name: 'mentorship_notifications_failed_total', help: 'Notifications that gave up after their last attempt', labelNames: ['platform', 'kind', 'code'], registers: [registry] }),
    outboxPending: new Gauge({ name: 'mentorship_outbox_pending', help: 'Notifications waiting to be delivered', registers: [registry] }),
    countStatements(read) {
      new Counter({
        name: 'mentorship_db_statements_total',
        help: 'SQL statements sent to the database (counted in the driver adapter)',
        registers: [registry],
        collect() {
          this.reset();
          this.inc(read().statements);
        },
      });
      new Counter({
        name: 'mentorship_db_transactions_total',
        help: 'Interactive transactions opened on the database',
        registers: [registry],
        collect() {
          this.reset();
          this.inc(read().transactions);
        },
      });
    },
  };
}
