import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { diffMigrationsToSchema, MIGRATIONS_DIR, migrationsUpToDate, readMigrationList } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/store.js';
import { createDatabase, postgresReachable } from '../support/stores.js';

const run = promisify(execFile);

describe('migrations', () => {
  it('match schema.prisma exactly (the drift test): a schema change without a migration fails here', async () => {
    const db = new PGlite();
    try {
      const sql = await diffMigrationsToSchema(new PrismaPGlite(db));
      expect(sql, 'run `npm run db:migration -- <name>` to write the missing migration').toBe('');
    } finally {
      await db.close();
    }
  }, 180_000);

  it('are in Prisma\'s folder format with a lock file naming postgresql', async () => {
    const list = await readMigrationList();
    expect(list.lockfile.content).toContain('provider = "postgresql"');
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    for (const dir of list.migrationDirectories) expect(dir.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it.skipIf(!postgresReachable())('apply once on PostgreSQL, are recorded in _prisma_migrations, and are a no-op the second time', async () => {
    const database = await createDatabase();
    try {
      const store = await openStore({ databaseUrl: database.url, dataDir: '' });
      const names = (await readMigrationList()).migrationDirectories.map((d) => d.path);
      expect(await store.isReady()).toBe(false);
      expect(await store.migrate()).toEqual(names);
      expect(await store.migrate()).toEqual([]);
      expect(await store.isReady()).toBe(true);
      const recorded = await store.prisma.$queryRawUnsafe<{ migration_name: string; finished_at: Date | null }[]>(
        'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(recorded.map((r) => r.migration_name)).toEqual(names);
      expect(recorded.every((r) => r.finished_at !== null)).toBe(true);
      await store.close();
    } finally {
      await database.drop();
    }
  });

  it('a restart skips the schema engine only when every migration is recorded as applied', async () => {
    // A new embedded store starts with every migration applied (shipped-cluster.ts).
    const store = await openStore({ dataDir: '', inMemory: true });
    try {
      expect(await migrationsUpToDate(store.prisma)).toBe(true);
      // A migration folder the database has not seen: the engine must run.
      const dir = await mkdtemp(join(tmpdir(), 'mb-migrations-'));
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(join(dir, '29991231000000_later'));
      await writeFile(join(dir, '29991231000000_later', 'migration.sql'), 'SELECT 1;');
      expect(await migrationsUpToDate(store.prisma, dir)).toBe(false);
      await rm(dir, { recursive: true, force: true });
      // A failed migration on record: the engine must say what to do about it.
      await store.prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)`);
      expect(await migrationsUpToDate(store.prisma)).toBe(false);
      // No _prisma_migrations at all (a database nobody migrated).
      await store.prisma.$executeRawUnsafe('DROP TABLE _prisma_migrations');
      expect(await migrationsUpToDate(store.prisma)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it.skipIf(!postgresReachable())('started by two processes at once on one empty PostgreSQL database are applied exactly once, and both become ready', async () => {
    const database = await createDatabase();
    try {
      const child = () => run('npx', ['tsx', 'test/support/migrate-child.ts', database.url], { env: { ...process.env }, timeout: 150_000 });
      const outputs = await Promise.all([child(), child()]);
      const results = outputs.map((o) => JSON.parse(o.stdout.trim().split('\n').pop()!) as { applied: string[]; ready: boolean });
      expect(results.every((r) => r.ready)).toBe(true);
      const applied = results.flatMap((r) => r.applied);
      const names = (await readMigrationList()).migrationDirectories.map((d) => d.path);
      expect(applied.sort()).toEqual(names.sort());
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query('SELECT count(*)::int AS n FROM _prisma_migrations');
      await client.end();
      expect(rows[0].n).toBe(names.length);
    } finally {
      await database.drop();
    }
  }, 180_000);
});
