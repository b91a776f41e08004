import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One migrated embedded store, dumped; every PGlite store of the tests starts from it.
    globalSetup: ['test/support/global-setup.ts'],
    // Without PostgreSQL the store tests run on PGlite only: the last reporter says so in the summary.
    reporters: ['default', './test/support/postgres-notice.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Store tests open PGlite (WASM) and PostgreSQL databases, and the time-limit tests need their CPU:
    // one fork per core (two on a 2-core machine, as before), more where the machine has them.
    pool: 'forks',
    poolOptions: { forks: { maxForks: Math.max(2, availableParallelism()), minForks: 1 } },
    env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
  },
});
