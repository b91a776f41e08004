// `npm run db:cluster`: makes prisma/embedded/cluster.tar.br, the database cluster a new embedded store
// starts from (src/store/shipped-cluster.ts), with every migration of prisma/migrations applied. Run it
// after upgrading PGlite or adding a migration; a test fails while the shipped cluster is due.
import { mkdir, writeFile } from 'node:fs/promises';
import { constants, brotliCompressSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations } from '../src/store/migrations.js';
import { CLUSTER_DIR, CLUSTER_FILE, CLUSTER_INFO, installedPgliteVersion } from '../src/store/shipped-cluster.js';

const db = new PGlite();
await db.waitReady;
const migrations = await applyMigrations(new PrismaPGlite(db));
await db.exec('CHECKPOINT');
// Every store made from this cluster shares its system identifier: a test uses it to tell that a new store did.
const { rows } = await db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
const tar = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
await db.close();
const packed = brotliCompressSync(tar, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: tar.length },
});
await mkdir(CLUSTER_DIR, { recursive: true });
await writeFile(CLUSTER_FILE, packed);
await writeFile(CLUSTER_INFO, `${JSON.stringify({ pglite: await installedPgliteVersion(), systemIdentifier: rows[0]!.id, bytes: tar.length, migrations }, null, 2)}\n`);
console.log(`wrote ${CLUSTER_FILE}: ${(packed.length / 1024).toFixed(0)} KiB (${(tar.length / 1024 / 1024).toFixed(1)} MiB unpacked), ${migrations.length} migrations applied`);
