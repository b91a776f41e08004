// What every store-touching command needs: the environment parsed (src/config/env.ts), the store
// opened and migrated, the program loaded. Tests hand in an open store and a fixed clock instead.
import { isAbsolute, resolve } from 'node:path';
import { parseEnv, type Env } from '../config/env.js';
import { loadProgramFile } from '../config/program-file.js';
import { systemClock, type Clock, type CoreContext, type Logger } from '../core/context.js';
import { AppError } from '../core/domain/errors.js';
import { ProgramRulesSchema } from '../core/domain/program-rules.js';
import { programLocale, type Locale } from '../core/i18n/locale.js';
import { said } from '../core/i18n/translate.js';
import { ensureProgram } from '../core/services/program.service.js';
import { openStore, type Store } from '../store/store.js';
import type { CliIo } from './io.js';
import { cliTranslator } from './language.js';
import { clocked } from '../store/clocked.js';

export interface CliSession {
  env: Env;
  store: Store;
  ctx: CoreContext;
  /** The language the command writes in: its program's. */
  locale: Locale;
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
        const expected = slugs.length ? slugs.join(', ') : said('cli.session.noProgramsYet');
        throw new AppError('NOT_FOUND', said('cli.session.noSuchProgram', { slug: options.programSlug, expected, example: slugs[0] ?? settings.slug }));
      }
      program = { ...row, rules: ProgramRulesSchema.parse(row.rules) };
    } else {
      const { coordinators, ...rest } = settings;
      program = await ensureProgram(store.prisma, rest, coordinators, clock);
    }
    const ctx: CoreContext = { db: clocked(store.prisma, clock), clock, logger: stderrLogger(io), program };
    return { env, store, ctx, locale: programLocale(program), close: () => (owned ? store.close() : Promise.resolve()) };
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
  const tr = cliTranslator(programLocale(ctx.program));
  if (others.length === 0) return tr('cli.session.nobodyEnrolled', { program: ctx.program.name });
  // Joined with commas, not "and": each slug is something to copy into --program.
  const list = others.map((p) => tr('cli.session.programWithData', { slug: p.slug, name: p.name, enrolled: p._count.enrollments })).join(', ');
  return tr('cli.session.dataElsewhere', { program: ctx.program.name, slug: ctx.program.slug, list, command, example: others[0]!.slug });
}
