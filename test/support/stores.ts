// Test stores: every store test runs on PGlite and on the PostgreSQL at 127.0.0.1:5432, each in a
// database the test creates (and, for PostgreSQL, drops) itself. Never leftover state.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { openStore, type Db, type Store, type StoreKind } from '../../src/store/store.js';
import { adminQuery, databaseUrl, PG_ADMIN_URL } from './postgres-probe.js';

export { databaseUrl, PG_ADMIN_URL };

export const STORE_KINDS: StoreKind[] = ['pglite', 'postgresql'];

/** False when this run found no PostgreSQL server (global-setup.ts): tests that need one are skipped. */
export const postgresReachable = (): boolean => inject('postgres').reachable;

/** Skips every test of the enclosing suite when there is no PostgreSQL server to run it on. */
export function skipWithoutPostgres(): void {
  beforeEach((context) => {
    if (!postgresReachable()) context.skip();
  });
}

/**
 * A new database on the test server: empty, or with `migrated`, a copy of the database the run
 * migrated once (global-setup.ts). Tests of the migrations themselves, or of a first start on an empty
 * server, take an empty one; everything else starts migrated, as every PGlite store does.
 */
export async function createDatabase(prefix = 'mb_test', options: { migrated?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const template = options.migrated ? inject('postgresTemplate') : '';
  await adminQuery(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  return {
    url: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export interface TestStore extends Store {
  /** Empties every table (keeps the migrations): a clean slate between tests, cheaply. */
  reset(): Promise<void>;
}

let template: Promise<Uint8Array> | undefined;

/** The dump of a migrated PGlite store made once for the run (test/support/global-setup.ts). */
export function pgliteTemplate(): Promise<Uint8Array> {
  template ??= readFile(inject('pgliteTemplate'));
  return template;
}

export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const database = kind === 'postgresql' ? await createDatabase('mb_test', { migrated: true }) : undefined;
  const store = await openStore({ databaseUrl: database?.url, dataDir: '', inMemory: true, ...(kind === 'pglite' ? { template: await pgliteTemplate() } : {}) });
  await store.migrate();
  return {
    ...store,
    reset: () => emptyTables(store.prisma),
    async close() {
      await store.close();
      await database?.drop();
    },
  };
}

interface RawSql {
  $queryRawUnsafe<T>(sql: string): Promise<T>;
  $executeRawUnsafe(sql: string): Promise<number>;
}

const deleteOrders = new WeakMap<RawSql, Promise<string[]>>();

/**
 * Empties every table of the schema but the migrations' and `keep`: a clean slate between tests.
 * DELETE, children before parents, in one statement: TRUNCATE makes new files for every table and
 * took ~300 ms a test on PostgreSQL (~20 ms on PGlite), DELETE of a test's few rows ~5 ms on both.
 */
export async function emptyTables(db: RawSql, keep: string[] = []): Promise<void> {
  let order = deleteOrders.get(db);
  if (!order) deleteOrders.set(db, (order = childrenFirst(db)));
  const tables = (await order).filter((t) => !keep.includes(t));
  if (tables.length) await db.$executeRawUnsafe(`DO $$ BEGIN ${tables.map((t) => `DELETE FROM "${t}";`).join(' ')} END $$`);
}

/** The schema's tables (not _prisma_migrations), each before every table its foreign keys point to. */
async function childrenFirst(db: RawSql): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ child: string; parent: string | null }[]>(
    `SELECT c.relname::text AS child, p.relname::text AS parent
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'
       LEFT JOIN pg_class p ON p.oid = k.confrelid AND p.oid <> c.oid
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`,
  );
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of rows) {
    const set = parents.get(child) ?? new Set<string>();
    if (parent) set.add(parent);
    parents.set(child, set);
  }
  // A table goes once no table left still points to it.
  const order: string[] = [];
  const left = new Set(parents.keys());
  while (left.size) {
    const free = [...left].filter((t) => ![...left].some((other) => parents.get(other)!.has(t)));
    if (!free.length) throw new Error(`emptyTables: foreign keys form a cycle among ${[...left].join(', ')}`);
    for (const t of free) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

/**
 * One store per test file and kind, emptied before each test. Usage:
 *   describe.each(STORE_KINDS)('on %s', (kind) => { const store = useTestStore(kind); ... store().prisma ... })
 */
export function useTestStore(kind: StoreKind): () => TestStore {
  let store: TestStore | undefined;
  if (kind === 'postgresql') skipWithoutPostgres();
  beforeAll(async () => {
    if (kind === 'postgresql' && !postgresReachable()) return;
    store = await createTestStore(kind);
  });
  beforeEach(async () => {
    await store?.reset();
  });
  afterAll(async () => {
    await store?.close();
  });
  return () => {
    if (!store) throw new Error('test store not open yet: use it inside a test or a hook');
    return store;
  };
}

/**
 * Runs `during` while a transaction that ran `statement` stays open: the store is busy for everyone
 * else. On PostgreSQL the statement takes a lock (e.g. LOCK TABLE); PGlite runs one transaction at a
 * time, so any statement will do there.
 */
export async function whileStoreBusy<T>(db: Db, statement: string, during: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let busy!: () => void;
  const isBusy = new Promise<void>((r) => (busy = r));
  const holder = db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(statement);
      busy();
      await released;
    },
    { timeout: 60_000 },
  );
  await isBusy;
  try {
    return await during();
  } finally {
    release();
    await holder;
  }
}
