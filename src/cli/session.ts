// What every store-touching command needs: the environment parsed (src/config/env.ts), the store
// opened and migrated, the program loaded. Tests hand in an open store and a fixed clock instead.
import { isAbsolute, resolve } from 'node:path';
import { parseEnv, type Env } from '../config/env.js';
import { loadProgramFile } from '../config/program-file.js';
import { systemClock, type Clock, type CoreContext, type Logger } from '../core/context.js';
import { AppError } from '../core/domain/errors.js';
import { ProgramRulesSchema } from '../core/domain/program-rules.js';
import { ensureProgram } from '../core/services/program.service.js';
import { openStore, type Store } from '../store/store.js';
import type { CliIo } from './io.js';
import { clocked } from '../store/clocked.js';

export interface CliSession {
  env: Env;
  store: Store;
  ctx: CoreContext;
  close(): Promise<void>;
}

/** DATA_DIR as `npm start` reads it: relative to the process's directory (the package root under npm). */
export function dataDirOf(env: Env): string {
  return isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(process.cwd(), env.DATA_DIR);
}

/** Opens the store the environment names (or the one the test gave), applying pending migrations. */
export async function openCliStore(io: CliIo, env: Env): Promise<{ store: Store; applied: string[]; owned: boolean }> {
  if (io.store) return { store: io.store, applied: [], owned: false };
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: dataDirOf(env) });
  try {
    const applied = await store.migrate();
    return { store, applied, owned: true };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function stderrLogger(io: CliIo): Logger {
  const write = (level: string) => (obj: object, msg?: string) => {
    io.stderr.write(`${level}: ${msg ?? ''} ${JSON.stringify(obj)}\n`);
  };
  return { debug() {}, info() {}, warn: write('warning'), error: write('error') };
}

/**
 * The configured program (PROGRAM_FILE / COORDINATORS, as `npm start` creates it), or with
 * `programSlug` another program already in the store (e.g. 'demo').
 */
export async function openSession(io: CliIo, options: { programSlug?: string; clock?: Clock } = {}): Promise<CliSession> {
  const env = parseEnv(io.env);
  const settings = await loadProgramFile(env.PROGRAM_FILE, env.COORDINATORS);
  const { store, owned } = await openCliStore(io, env);
  const clock = options.clock ?? io.clock ?? systemClock;
  try {
    let program;
    if (options.programSlug && options.programSlug !== settings.slug) {
      const row = await store.prisma.program.findUnique({ where: { slug: options.programSlug } });
      if (!row) {
        const slugs = (await store.prisma.program.findMany({ select: { slug: true }, orderBy: { slug: 'asc' } })).map((p) => p.slug);
        throw new AppError('NOT_FOUND', `There is no program "${options.programSlug}" in this store: expected one of ${slugs.join(', ') || '(none yet)'}, e.g. --program ${slugs[0] ?? settings.slug}.`);
      }
      program = { ...row, rules: ProgramRulesSchema.parse(row.rules) };
    } else {
      const { coordinators, ...rest } = settings;
      program = await ensureProgram(store.prisma, rest, coordinators, clock);
    }
    const ctx: CoreContext = { db: clocked(store.prisma, clock), clock, logger: stderrLogger(io), program };
    return { env, store, ctx, close: () => (owned ? store.close() : Promise.resolve()) };
  } catch (error) {
    if (owned) await store.close();
    throw error;
  }
}

/**
 * When the session's program has nobody enrolled: the other programs of the store that do, as a
 * hint to add --program (after the demo, the data is in 'demo', not in the configured program).
 */
export async function elsewhereHint(ctx: CoreContext, command: string): Promise<string | undefined> {
  const own = await ctx.db.enrollment.count({ where: { programId: ctx.program.id } });
  if (own > 0) return undefined;
  const others = await ctx.db.program.findMany({
    where: { id: { not: ctx.program.id }, enrollments: { some: {} } },
    select: { slug: true, name: true, _count: { select: { enrollments: true } } },
    orderBy: { slug: 'asc' },
  });
  if (others.length === 0) return `${ctx.program.name} has nobody enrolled yet: import a roster first, e.g. npm run cli -- import-roster roster.csv`;
  const list = others.map((p) => `"${p.slug}" (${p.name}, ${p._count.enrollments} enrolled)`).join(', ');
  return `${ctx.program.name} (program "${ctx.program.slug}") has nobody enrolled yet; the programs with data are ${list}: add --program, e.g. npm run cli -- ${command} --program ${others[0]!.slug}`;
}
