// Once per test run: a migrated embedded store, dumped, so that every PGlite store the tests open
// starts from it instead of creating a cluster (seconds each) and running the migrations again.
// Likewise one migrated PostgreSQL database, which the store tests' databases are cloned from
// (CREATE DATABASE … TEMPLATE: milliseconds) instead of each running the migrations (seconds each).
// Both are made fresh from the current migrations on every run, so they can never be stale.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/store/migrations.js';
import { PROBE_ENV } from './postgres-notice.js';
import { adminQuery, databaseUrl, noPostgresNotice, probePostgres, type PostgresProbe } from './postgres-probe.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the dump of a migrated PGlite store. */
    pgliteTemplate: string;
    /** Whether the PostgreSQL server of the store tests answered, probed once for the run. */
    postgres: PostgresProbe;
    /** A migrated PostgreSQL database to clone (empty when the server is not reachable). */
    postgresTemplate: string;
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
  const [path, postgresTemplate] = await Promise.all([pgliteTemplate(), postgres.reachable ? migratedPostgres() : undefined]);
  project.provide('pgliteTemplate', path);
  project.provide('postgresTemplate', postgresTemplate ?? '');
  return async () => {
    await rm(dirname(path), { recursive: true, force: true });
    if (postgresTemplate) await adminQuery(`DROP DATABASE IF EXISTS "${postgresTemplate}" WITH (FORCE)`);
  };
}

async function pgliteTemplate(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mb-template-'));
  const db = new PGlite();
  await db.waitReady;
  await applyMigrations(new PrismaPGlite(db));
  const dump = await db.dumpDataDir('none');
  await db.close();
  const path = join(dir, 'pglite-migrated.tar');
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  return path;
}

/** The template must have no session open while it is cloned: applyMigrations closes its own. */
async function migratedPostgres(): Promise<string> {
  const name = `mb_template_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  await applyMigrations(new PrismaPg({ connectionString: databaseUrl(name) }));
  return name;
}
