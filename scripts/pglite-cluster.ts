// `npm run db:cluster`: makes prisma/embedded/cluster.tar.br, the database cluster a new embedded store
// starts from (src/store/shipped-cluster.ts), with every migration of prisma/migrations applied. Run it
// after upgrading PGlite or adding a migration; a test fails while the shipped cluster is due.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, brotliCompressSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations } from '../src/store/migrations.js';
import { CLUSTER_DIR, CLUSTER_FILE, CLUSTER_INFO, installedPgliteVersion } from '../src/store/shipped-cluster.js';

// Made in a data directory on disk and closed before it is packed: a cluster PostgreSQL shut down
// cleanly opens without the crash recovery a dump of a running one (dumpDataDir) needs on every first start.
const work = await mkdtemp(join(tmpdir(), 'mb-cluster-'));
const dataDir = join(work, 'data');
try {
  const db = new PGlite(dataDir);
  await db.waitReady;
  const migrations = await applyMigrations(new PrismaPGlite(db));
  // Every store made from this cluster shares its system identifier: a test uses it to tell that a new store did.
  const { rows } = await db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
  await db.close();
  const tar = await tarOf(dataDir);
  const packed = brotliCompressSync(tar, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: tar.length },
  });
  await mkdir(CLUSTER_DIR, { recursive: true });
  await writeFile(CLUSTER_FILE, packed);
  await writeFile(CLUSTER_INFO, `${JSON.stringify({ pglite: await installedPgliteVersion(), systemIdentifier: rows[0]!.id, bytes: tar.length, migrations }, null, 2)}\n`);
  console.log(`wrote ${CLUSTER_FILE}: ${(packed.length / 1024).toFixed(0)} KiB (${(tar.length / 1024 / 1024).toFixed(1)} MiB unpacked), ${migrations.length} migrations applied`);
} finally {
  await rm(work, { recursive: true, force: true });
}

/** A ustar archive of a directory's files and subdirectories, named from its root as PGlite's dumps name them. */
async function tarOf(root: string): Promise<Buffer> {
  const blocks: Buffer[] = [];
  const walk = async (dir: string, name: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      const entryName = `${name}/${entry.name}`;
      const info = await stat(path);
      if (entry.isDirectory()) {
        blocks.push(tarHeader(entryName, 0o700, 0, info.mtime, '5'));
        await walk(path, entryName);
      } else if (entry.isFile()) {
        const data = await readFile(path);
        blocks.push(tarHeader(entryName, 0o600, data.length, info.mtime, '0'), data, Buffer.alloc((512 - (data.length % 512)) % 512));
      } else {
        throw new Error(`${path}: neither a file nor a directory, which a cluster should not hold`);
      }
    }
  };
  await walk(root, '');
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function tarHeader(name: string, mode: number, size: number, mtime: Date, type: '0' | '5'): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`${name}: longer than a ustar name holds`);
  const header = Buffer.alloc(512);
  const octal = (value: number, at: number, length: number) => header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, at, 'ascii');
  header.write(name, 0, 'utf8');
  octal(mode & 0o7777, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(mtime.getTime() / 1000), 136, 12);
  header.write(type, 156, 'ascii');
  header.write('ustar\u000000', 257, 'ascii');
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}
