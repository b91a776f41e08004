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

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the dump of a migrated PGlite store. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
