// Migrations in Prisma's own folder format, applied by the schema engine (WASM) and recorded in
// `_prisma_migrations`, so `prisma migrate status|deploy` agree wherever the Prisma CLI runs.
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine } from './schema-engine.js';

export const PRISMA_DIR = resolve(import.meta.dirname, '../../prisma');
export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');
export const SCHEMA_PATH = join(PRISMA_DIR, 'schema.prisma');

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export async function readSchema(): Promise<{ path: string; content: string }> {
  return { path: 'schema.prisma', content: await readFile(SCHEMA_PATH, 'utf8') };
}

export async function readMigrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const names = existsSync(dir) ? (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  const lockPath = join(dir, 'migration_lock.toml');
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

interface AppliedRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Whether every migration of the folder is recorded as applied, read from `_prisma_migrations` with
 * one query: a restart then skips loading the schema engine. Anything else — no table yet, a
 * migration missing, a failed one — is left to the engine, which applies or explains.
 */
export async function migrationsUpToDate(db: { $queryRawUnsafe<T>(sql: string): Promise<T> }, dir = MIGRATIONS_DIR): Promise<boolean> {
  let rows: AppliedRow[];
  try {
    rows = await db.$queryRawUnsafe<AppliedRow[]>('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations');
  } catch {
    return false;
  }
  if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return false;
  const applied = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  const names = (await readMigrationList(dir)).migrationDirectories.map((d) => d.path);
  return names.every((name) => applied.has(name));
}

/** Applies every migration not yet recorded; returns the names applied (empty when up to date). */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory, dir = MIGRATIONS_DIR): Promise<string[]> {
  const tracked = disposingFactory(factory);
  const engine = await openSchemaEngine(tracked, await readSchema());
  try {
    const out = await engine.applyMigrations({ migrationsList: await readMigrationList(dir), filters: NO_FILTERS });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
    await tracked.disposeAll();
  }
}

/**
 * The engine's connections hold Prisma's own migration advisory lock on PostgreSQL, and `free()`
 * does not close them: a later migrate would wait 10 s for a lock nobody releases. Close them here.
 */
function disposingFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const remember = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => remember(factory.connect()),
    connectToShadowDb: () => remember(factory.connectToShadowDb()),
    disposeAll: async () => {
      await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => undefined)));
    },
  } satisfies SqlMigrationAwareDriverAdapterFactory & { disposeAll(): Promise<void> };
}

/**
 * The SQL that takes a database from the state the migrations leave it in to the schema's.
 * Empty when they agree. Needs a shadow database: PGlite's factory gives a fresh in-memory one.
 */
export async function diffMigrationsToSchema(factory: SqlMigrationAwareDriverAdapterFactory, dir = MIGRATIONS_DIR): Promise<string> {
  const schema = await readSchema();
  const engine = await openSchemaEngine(factory, schema);
  try {
    const result = await engine.diff({
      from: { tag: 'migrations', ...(await readMigrationList(dir)) },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return normaliseEmptyDiff(result.stdout ?? '');
  } finally {
    engine.free();
  }
}

function normaliseEmptyDiff(sql: string): string {
  return sql.includes('This is an empty migration') ? '' : sql.trim();
}
