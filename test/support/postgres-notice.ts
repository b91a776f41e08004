// A reporter that closes the run with the PostgreSQL notice when the store tests ran on PGlite only
// (global-setup.ts probed the server and left its answer in the environment for this reporter).
import type { Reporter, TestModule } from 'vitest/node';
import { noPostgresNotice, type PostgresProbe } from './postgres-probe.js';

export const PROBE_ENV = 'MB_TEST_POSTGRES_PROBE';

export default class PostgresNotice implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const raw = process.env[PROBE_ENV];
    if (!raw) return;
    const probe = JSON.parse(raw) as PostgresProbe;
    if (probe.reachable) return;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const notRun = test.options.mode === 'skip' || test.result().state === 'skipped';
        if (notRun && /postgres/i.test(test.fullName)) skipped++;
      }
    }
    process.stdout.write(`\n${noPostgresNotice(probe, skipped)}\n`);
  }
}
