// Where the embedded store's resident memory goes: RSS, V8 heap, ArrayBuffers and PGlite's
// WebAssembly memory after each step of opening a PGlite store as the bot does (shipped cluster,
// migrations), with PostgreSQL settings given as arguments (as store.ts gives shared_buffers: `-c` start parameters).
// `npx tsx bench/memory.ts [setting=value ...]`, e.g. `shared_buffers=16MB`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { shippedCluster } from '../src/store/shipped-cluster.js';
import { applyMigrations, migrationsUpToDate } from '../src/store/migrations.js';
import { PrismaClient } from '../src/generated/prisma/client.js';

const MiB = 2 ** 20;
const settings = process.argv.slice(2).filter((a) => a.includes('='));
const initialMemory = process.env.PGLITE_INITIAL_MEMORY ? Number(process.env.PGLITE_INITIAL_MEMORY) : undefined;

function report(step: string, db?: PGlite): void {
  global.gc?.();
  const m = process.memoryUsage();
  const wasm = (db as unknown as { mod?: { HEAPU8?: Uint8Array } } | undefined)?.mod?.HEAPU8?.buffer.byteLength;
  process.stdout.write(
    `${step.padEnd(34)} rss ${(m.rss / MiB).toFixed(0).padStart(4)} MiB  heapUsed ${(m.heapUsed / MiB).toFixed(0).padStart(4)}  external ${(m.external / MiB).toFixed(0).padStart(4)}  arrayBuffers ${(m.arrayBuffers / MiB).toFixed(0).padStart(4)}${wasm ? `  wasm memory ${(wasm / MiB).toFixed(0)} MiB` : ''}\n`,
  );
}

report('node + modules loaded');
const dir = await mkdtemp(join(tmpdir(), 'mb-memory-'));
try {
  const template = await shippedCluster();
  report('shipped cluster read');
  const db = new PGlite(dir, {
    ...(template ? { loadDataDir: new Blob([template]) } : {}),
    startParams: [...PGlite.defaultStartParams, ...settings.flatMap((setting) => ['-c', setting])],
    ...(initialMemory ? { initialMemory } : {}),
  });
  await db.waitReady;
  report('PGlite ready', db);
  const factory = new PrismaPGlite(db);
  const prisma = new PrismaClient({ adapter: factory });
  if (!(await migrationsUpToDate(prisma))) await applyMigrations(factory);
  report('migrated, Prisma connected', db);
  const shown = await db.query<{ name: string; setting: string; unit: string | null }>(
    "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers','work_mem','maintenance_work_mem','wal_buffers','temp_buffers')",
  );
  process.stdout.write(`${shown.rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(' ')}\n`);
  await new Promise((r) => setTimeout(r, 3000));
  report('after 3 s idle', db);
  await prisma.$disconnect();
  await db.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
