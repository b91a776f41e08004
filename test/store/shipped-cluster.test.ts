// The database cluster a new embedded store starts from (src/store/shipped-cluster.ts): made by the
// PGlite installed with every migration of the folder applied, used for a new data directory, and the
// store built on it keeps its data.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, truncate, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, readMigrationList } from '../../src/store/migrations.js';
import { CLUSTER_INFO, installedPgliteVersion, shippedCluster, writeCluster } from '../../src/store/shipped-cluster.js';
import { openStore } from '../../src/store/store.js';

type Store = Awaited<ReturnType<typeof openStore>>;
const info = async () => JSON.parse(await readFile(CLUSTER_INFO, 'utf8')) as { pglite: string; systemIdentifier: string };
const systemIdentifier = async (store: Store) =>
  (await store.prisma.$queryRawUnsafe<{ id: string }[]>('SELECT system_identifier::text AS id FROM pg_control_system()'))[0]!.id;
const recorded = (store: Store) =>
  store.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null }[]>(
    'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
  );

describe('the shipped embedded cluster', () => {
  it('was made by the PGlite installed (after upgrading PGlite, run npm run db:cluster)', async () => {
    expect((await info()).pglite).toBe(await installedPgliteVersion());
    expect(await shippedCluster()).toBeInstanceOf(Uint8Array);
  });

  it('holds every migration of the folder as it is now, as the schema engine records them (after adding or changing one, run npm run db:cluster)', async () => {
    const store = await openStore({ dataDir: '', inMemory: true });
    try {
      expect(await systemIdentifier(store)).toBe((await info()).systemIdentifier);
      const folder = await Promise.all(
        (await readMigrationList()).migrationDirectories.map(async (d) => ({
          migration_name: d.path,
          // Prisma's checksum of a migration: the SHA-256 of its migration.sql.
          checksum: createHash('sha256').update(await readFile(join(MIGRATIONS_DIR, d.path, 'migration.sql'))).digest('hex'),
        })),
      );
      const rows = await recorded(store);
      expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(folder);
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('is where a new data directory starts, with nothing left to migrate; the store keeps its data and reopens as itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-cluster-'));
    try {
      const store = await openStore({ dataDir: join(dir, 'data') });
      expect(await systemIdentifier(store)).toBe((await info()).systemIdentifier);
      expect(await store.migrate()).toEqual([]);
      expect(await store.isReady()).toBe(true);
      await store.prisma.person.create({ data: { name: 'Dr Kept', email: 'kept@example.org' } });
      await store.close();

      const again = await openStore({ dataDir: join(dir, 'data') });
      expect(await again.migrate()).toEqual([]);
      expect(await again.prisma.person.findMany({ select: { name: true } })).toEqual([{ name: 'Dr Kept' }]);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('is written again over a first start interrupted before its PG_VERSION was written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-cluster-'));
    const data = join(dir, 'data');
    try {
      await writeCluster(data, (await shippedCluster())!);
      // What an interruption leaves: no PG_VERSION yet, a file half written.
      await unlink(join(data, 'PG_VERSION'));
      await truncate(join(data, 'global', 'pg_control'), 10);
      const store = await openStore({ dataDir: data });
      expect(await systemIdentifier(store)).toBe((await info()).systemIdentifier);
      expect(await store.migrate()).toEqual([]);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
