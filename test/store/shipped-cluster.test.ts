// The empty database cluster a new embedded store starts from (src/store/shipped-cluster.ts): made by
// the PGlite installed, used for a new data directory, and the store built on it keeps its data.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLUSTER_INFO, installedPgliteVersion, shippedCluster } from '../../src/store/shipped-cluster.js';
import { openStore } from '../../src/store/store.js';

const info = async () => JSON.parse(await readFile(CLUSTER_INFO, 'utf8')) as { pglite: string; systemIdentifier: string };
const systemIdentifier = async (store: Awaited<ReturnType<typeof openStore>>) =>
  (await store.prisma.$queryRawUnsafe<{ id: string }[]>('SELECT system_identifier::text AS id FROM pg_control_system()'))[0]!.id;

describe('the shipped embedded cluster', () => {
  it('was made by the PGlite installed (after upgrading PGlite, run npm run db:cluster)', async () => {
    expect((await info()).pglite).toBe(await installedPgliteVersion());
    expect(await shippedCluster()).toBeInstanceOf(Uint8Array);
  });

  it('is where a new data directory starts; the store migrates, keeps its data and reopens as itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-cluster-'));
    try {
      const store = await openStore({ dataDir: join(dir, 'data') });
      expect(await systemIdentifier(store)).toBe((await info()).systemIdentifier);
      expect((await store.migrate()).length).toBeGreaterThan(0);
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
});
