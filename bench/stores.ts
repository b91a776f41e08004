// Stores for the benchmarks: the same Prisma Client over PGlite (in a temp dir) or a fresh PostgreSQL
// database as src/store/store.ts opens, with the driver adapter wrapped so every SQL statement that
// reaches the database is counted (Prisma operations are counted separately by a client extension).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable, Transaction } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { PGLITE_START_PARAMS, postgresConfig, type Db, type StoreKind } from '../src/store/store.js';
import { applyMigrations } from '../src/store/migrations.js';
import { createDatabase } from './databases.js';

export interface QueryCounter {
  /** SQL statements sent to the database (queryRaw + executeRaw, inside transactions too). */
  statements: number;
  /** Prisma Client operations (findMany, groupBy, $queryRaw, …). */
  operations: number;
  /** When set, each statement's SQL and milliseconds are appended (profiling). */
  trace?: { sql: string; ms: number; rows: number }[];
}

export interface BenchStore {
  kind: StoreKind;
  prisma: Db;
  counter: QueryCounter;
  /** PostgreSQL: the database URL (for a child process to use); PGlite: the data dir. */
  where: string;
  close(): Promise<void>;
}

export async function openBenchStore(kind: StoreKind): Promise<BenchStore> {
  const counter: QueryCounter = { statements: 0, operations: 0 };
  if (kind === 'postgresql') {
    const database = await createDatabase('mb_bench');
    const url = database.url;
    await applyMigrations(new PrismaPg({ connectionString: url }));
    const prisma = countingClient(new PrismaPg(postgresConfig(url)), counter);
    return {
      kind,
      prisma,
      counter,
      where: url,
      async close() {
        await prisma.$disconnect();
        await database.drop();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'mb-bench-pglite-'));
  // As the bot opens its embedded store (src/store/store.ts: shared_buffers).
  const pglite = new PGlite(dir, { startParams: PGLITE_START_PARAMS });
  await pglite.waitReady;
  const factory = new PrismaPGlite(pglite);
  await applyMigrations(factory);
  const prisma = countingClient(factory, counter);
  return {
    kind,
    prisma,
    counter,
    where: dir,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function countingClient(factory: SqlDriverAdapterFactory, counter: QueryCounter): Db {
  const client = new PrismaClient({ adapter: countingFactory(factory, counter) });
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        counter.operations++;
        return query(args);
      },
    },
  });
  // The extension only adds counting: the client keeps the Db (PrismaClient) surface.
  return extended as unknown as Db;
}

function countingFactory(factory: SqlDriverAdapterFactory, counter: QueryCounter): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      return countingAdapter(await factory.connect(), counter);
    },
  };
}

function countQueries<T extends SqlQueryable>(target: T, counter: QueryCounter): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return async (...args: unknown[]) => {
          counter.statements++;
          const started = performance.now();
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          if (counter.trace) {
            const rows = typeof result === 'number' ? result : ((result as { rows?: unknown[] }).rows?.length ?? 0);
            counter.trace.push({ sql: (args[0] as { sql: string }).sql, ms: performance.now() - started, rows });
          }
          return result;
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}

function countingAdapter(adapter: SqlDriverAdapter, counter: QueryCounter): SqlDriverAdapter {
  const counted = countQueries(adapter, counter);
  return new Proxy(counted, {
    get(object, property, receiver) {
      if (property === 'startTransaction') {
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => countQueries<Transaction>(await adapter.startTransaction(...args), counter);
      }
      return Reflect.get(object, property, receiver);
    },
  });
}
