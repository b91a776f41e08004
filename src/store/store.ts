// The one store: Prisma Client over PGlite (embedded, in DATA_DIR) or PostgreSQL (DATABASE_URL).
// Both run the same migrations at start; several replicas may share one PostgreSQL.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';
import { applyMigrations, migrationsUpToDate } from './migrations.js';
import { shippedCluster, writeCluster } from './shipped-cluster.js';
import { countingFactory, type StatementCount } from './statement-count.js';

export type Db = PrismaClient;
/** The client or one of its interactive transactions: what a function that may run inside a caller's transaction takes. */
export type DbClient = Db | Prisma.TransactionClient;

// Under a burst, a transaction may wait for a pooled connection longer than Prisma's default 2 s; the
// person is better served by a slower answer than by "nothing was saved".
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };
export type StoreKind = 'pglite' | 'postgresql';

export interface Store {
  readonly prisma: PrismaClient;
  readonly kind: StoreKind;
  /** SQL statements (and transactions) sent so far, counted in the driver adapter (statement-count.ts). */
  readonly sent: Readonly<StatementCount>;
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** Reachable and every migration applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string;
  dataDir: string;
  /** PGlite only: keep the database in memory (tests, the offline migration tool). */
  inMemory?: boolean;
  /**
   * PGlite only, when the data directory is new: start from this dump (PGlite's dumpDataDir) instead
   * of the shipped migrated cluster (shipped-cluster.ts). Tests start every store from one migrated dump.
   */
  template?: Uint8Array;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options);
}

/**
 * PGlite's PostgreSQL starts with shared_buffers = 128MB, and initialising them touches every page of
 * its WebAssembly memory: 189 MiB resident at idle for a store of a few MiB. 16MB keeps the memory at
 * the module's own minimum (128 MiB, 2,048 pages) and saves about 60–110 MiB of RSS; a page not in
 * the buffers is one read of the data directory through the OS cache. Given on the command line (not
 * postgresql.conf, which PGlite would overwrite whole), so it holds for existing data directories.
 */
export const PGLITE_SHARED_BUFFERS = '16MB';

/**
 * Memory one sort or hash of a statement may take before it spills to disk (PostgreSQL's default is 4MB,
 * hash tables twice that). The whole program's progress hashes its CPD tallies: some 40,000 groups for
 * 10,000 participants, over 8MB by the planner's estimate, so with the default it sorts the joined
 * records on disk instead (measured: ~1.6× the server time of that statement). Set for every
 * connection of both stores; it is taken only by a statement that needs it.
 */
export const WORK_MEM = '16MB';
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`, '-c', `work_mem=${WORK_MEM}`];

/** The connection settings of the PostgreSQL store (its pools, and the benchmarks' copy of it). */
export const postgresConfig = (url: string): { connectionString: string; options: string } => ({ connectionString: url, options: `-c work_mem=${WORK_MEM}` });

async function openPglite(options: StoreOptions): Promise<Store> {
  if (!options.inMemory) await mkdir(options.dataDir, { recursive: true });
  const fresh = options.inMemory || !existsSync(join(options.dataDir, 'PG_VERSION'));
  const template = fresh ? (options.template ?? (await shippedCluster())) : undefined;
  // On disk the cluster is written before PGlite opens the directory, which then opens as an existing one.
  if (template && !options.inMemory) await writeCluster(options.dataDir, template);
  const start = { ...(template && options.inMemory ? { loadDataDir: new Blob([template]) } : {}), startParams: PGLITE_START_PARAMS };
  const db = options.inMemory ? new PGlite(start) : new PGlite(options.dataDir, start);
  await db.waitReady;
  const factory = new PrismaPGlite(db);
  const sent: StatementCount = { statements: 0, transactions: 0 };
  const prisma = new PrismaClient({ adapter: countingFactory(factory, sent), transactionOptions: TRANSACTION_OPTIONS });
  return makeStore('pglite', prisma, sent, () => factory, async () => {
    await prisma.$disconnect();
    await db.close();
  });
}

// Two replicas starting together on an empty database must not both run the migrations:
// the first takes this advisory lock, the second waits and then finds nothing to apply.
const MIGRATION_LOCK_KEY = 727_001;

async function openPostgres(url: string): Promise<Store> {
  // Loaded only for PostgreSQL: the embedded store needs neither (about 50 ms and 15 MiB).
  const [{ PrismaPg }, { default: pg }] = await Promise.all([import('@prisma/adapter-pg'), import('pg')]);
  const factory = new PrismaPg(postgresConfig(url));
  const sent: StatementCount = { statements: 0, transactions: 0 };
  const prisma = new PrismaClient({ adapter: countingFactory(factory, sent), transactionOptions: TRANSACTION_OPTIONS });
  // Migrations get a factory of their own: its pools are closed when the engine is done.
  const store = makeStore('postgresql', prisma, sent, () => new PrismaPg(postgresConfig(url)), () => prisma.$disconnect());
  return {
    ...store,
    async migrate() {
      const lock = new pg.Client({ connectionString: url });
      await lock.connect();
      try {
        await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        return await store.migrate();
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        await lock.end();
      }
    },
  };
}

function makeStore(kind: StoreKind, prisma: PrismaClient, sent: StatementCount, migrationFactory: () => SqlMigrationAwareDriverAdapterFactory, close: () => Promise<void>): Store {
  let migrated = false;
  return {
    prisma,
    kind,
    sent,
    async migrate() {
      const applied = (await migrationsUpToDate(prisma)) ? [] : await applyMigrations(migrationFactory());
      migrated = true;
      return applied;
    },
    async isReady() {
      if (!migrated) return false;
      try {
        await prisma.$queryRawUnsafe('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close,
  };
}
