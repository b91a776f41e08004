// Once per test run: a migrated embedded store, dumped, so that every PGlite store the tests open
// starts from it instead of creating a cluster (seconds each) and running the migrations again.
// Made fresh from the current migrations on every run, so it can never be stale.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/store/migrations.js';
import { PROBE_ENV } from './postgres-notice.js';
import { noPostgresNotice, probePostgres, type PostgresProbe } from './postgres-probe.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the dump of a migrated PGlite store. */
    pgliteTemplate: string;
    /** Whether the PostgreSQL server of the store tests answered, probed once for the run. */
    postgres: PostgresProbe;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Without PostgreSQL the store tests run on PGlite only, and say so; CI requires both.
  const postgres = await probePostgres();
  if (!postgres.reachable) {
    if (process.env.TEST_REQUIRE_POSTGRES === '1') throw new Error(`TEST_REQUIRE_POSTGRES=1: ${noPostgresNotice(postgres)}`);
    process.stderr.write(`\n${noPostgresNotice(postgres)}\n\n`);
  }
  project.provide('postgres', postgres);
  process.env[PROBE_ENV] = JSON.stringify(postgres);
  const dir = await mkdtemp(join(tmpdir(), 'mb-template-'));
  const db = new PGlite();
  await db.waitReady;
  await applyMigrations(new PrismaPGlite(db));
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  const path = join(dir, 'pglite-migrated.tar.gz');
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', path);
  return () => rm(dir, { recursive: true, force: true });
}
