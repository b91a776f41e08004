// A new embedded store starts from a database cluster made once and shipped in the repository
// (prisma/embedded/cluster.tar.br), instead of creating one: creating a PGlite cluster takes about
// five seconds, most of a first start. The cluster is empty — the migrations still build the schema —
// and holds nothing but what PostgreSQL's initdb writes. It belongs to one PGlite version: with any
// other, it is ignored and the cluster is created as usual. `npm run db:cluster` makes it anew.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

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
  return brotliDecompressSync(await readFile(CLUSTER_FILE));
}
