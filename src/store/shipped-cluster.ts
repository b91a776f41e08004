// A new embedded store starts from a database cluster made once and shipped in the repository
// (prisma/embedded/cluster.tar.br), instead of creating one and migrating it: creating a PGlite
// cluster takes about five seconds and applying the migrations through the schema engine about two,
// most of a first start. The cluster holds what PostgreSQL's initdb writes plus every migration of
// prisma/migrations, recorded in `_prisma_migrations` as the schema engine records them, so the start
// applies only migrations added since (a test says when `npm run db:cluster` is due). It belongs to
// one PGlite version: with any other, it is ignored and the cluster is created as usual.
import { existsSync, mkdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompress, gunzipSync } from 'node:zlib';

export const CLUSTER_DIR = resolve(import.meta.dirname, '../../prisma/embedded');
export const CLUSTER_FILE = join(CLUSTER_DIR, 'cluster.tar.br');
export const CLUSTER_INFO = join(CLUSTER_DIR, 'cluster.json');

/** The installed PGlite's version (its package.json is not exported: found beside its entry point). */
export async function installedPgliteVersion(): Promise<string> {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The shipped cluster as a tar (what PGlite's loadDataDir takes), or undefined when it does not fit this PGlite. */
export async function shippedCluster(): Promise<Uint8Array | undefined> {
  if (!existsSync(CLUSTER_FILE) || !existsSync(CLUSTER_INFO)) return undefined;
  const info = JSON.parse(await readFile(CLUSTER_INFO, 'utf8')) as { pglite?: string };
  if (info.pglite !== (await installedPgliteVersion())) return undefined;
  // Off the main thread: the 40 MiB come out while the event loop answers /healthz.
  return promisify(brotliDecompress)(await readFile(CLUSTER_FILE));
}

const BLOCK = 512;
const MARKS_A_CLUSTER = 'PG_VERSION';
const WRITERS = 4;

/**
 * Writes a cluster (a tar as PGlite's dumpDataDir makes it, gzipped or not) into a new data directory
 * with Node's file system: PGlite's own loadDataDir writes it through its WebAssembly file system, on
 * the main thread. Here the files are written by libuv's threads, while the main thread loads the
 * platform SDKs (app.ts). PG_VERSION, by which a data directory is known as made, is written last, so
 * a start interrupted here finds no cluster next time and writes it again over what is there.
 */
export async function writeCluster(dataDir: string, cluster: Uint8Array): Promise<void> {
  const tar = cluster[0] === 0x1f && cluster[1] === 0x8b ? new Uint8Array(gunzipSync(cluster)) : cluster;
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const files: { path: string; entry: TarEntry }[] = [];
  let marker: { path: string; entry: TarEntry } | undefined;
  for (const entry of tarEntries(tar)) {
    const path = resolve(root, `.${sep}${entry.name}`);
    if (path !== root && !path.startsWith(root + sep)) throw new Error(`the cluster names a file outside its directory: ${entry.name}`);
    if (entry.kind === 'directory') mkdirSync(path, { recursive: true, mode: entry.mode });
    else if (path === join(root, MARKS_A_CLUSTER)) marker = { path, entry };
    else files.push({ path, entry });
  }
  if (!marker) throw new Error(`the cluster has no ${MARKS_A_CLUSTER}: not a PostgreSQL data directory`);
  const write = async ({ path, entry }: { path: string; entry: TarEntry }) => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, entry.data, { mode: entry.mode });
  };
  // A few at a time: as many as libuv has threads, far below any limit on open files.
  let next = 0;
  const worker = async () => {
    while (next < files.length) await write(files[next++]!);
  };
  await Promise.all(Array.from({ length: WRITERS }, worker));
  await write(marker);
}

interface TarEntry {
  name: string;
  kind: 'file' | 'directory';
  mode: number;
  data: Uint8Array;
}

/** The entries of a ustar archive: regular files and directories (a cluster holds nothing else). */
function* tarEntries(tar: Uint8Array): Generator<TarEntry> {
  const text = (from: number, length: number) => {
    const bytes = tar.subarray(from, from + length);
    const end = bytes.indexOf(0);
    return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
  };
  const octal = (from: number, length: number) => parseInt(text(from, length).trim() || '0', 8);
  for (let at = 0; at + BLOCK <= tar.length; ) {
    if (tar.subarray(at, at + BLOCK).every((b) => b === 0)) return;
    const prefix = text(at + 257, 6) === 'ustar' ? text(at + 345, 155) : '';
    const name = prefix ? `${prefix}/${text(at, 100)}` : text(at, 100);
    const size = octal(at + 124, 12);
    const type = String.fromCharCode(tar[at + 156]!);
    // The owner's alone, as initdb makes them, whatever the archive says.
    const mode = type === '5' ? 0o700 : 0o600;
    const data = tar.subarray(at + BLOCK, at + BLOCK + size);
    if (type === '5') yield { name, kind: 'directory', mode, data };
    else if (type === '0' || type === '\0') yield { name, kind: 'file', mode, data };
    else throw new Error(`the cluster holds an entry of tar type ${JSON.stringify(type)} (${name}): only files and directories are expected`);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
}
