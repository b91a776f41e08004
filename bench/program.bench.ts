// Progress and digest of a large program, straight through core (no HTTP): time per call and the
// number of SQL statements and Prisma operations each call makes.
import type { StoreKind } from '../src/store/store.js';
import { silentLogger, type CoreContext } from '../src/core/context.js';
import { DEFAULT_PROGRAM_RULES } from '../src/core/domain/program-rules.js';
import { ensureProgram } from '../src/core/services/program.service.js';
import { programProgress } from '../src/core/services/progress.service.js';
import { buildDigest } from '../src/core/services/digest.service.js';
import { openBenchStore, type BenchStore } from './stores.js';
import { seedProgram, SEED_NOW, type SeedCounts, type SeedSize } from './seed.js';
import { measure, summarize, type Summary } from './stats.js';
import { clocked } from '../src/store/clocked.js';

export interface CallFigures extends Summary {
  statements: number;
  operations: number;
}

export interface ProgramBenchResult {
  kind: StoreKind;
  seed: SeedCounts;
  progress: CallFigures;
  digest: CallFigures;
  /** What the measured calls saw, as a check that the data is there. */
  check: { mentees: number; meetings: number; cpdActivities: number; reflectionsAnswered: number; digestBlocks: number };
}

export const BENCH_PROGRAM = { slug: 'bench', name: 'Benchmark Mentorship Program', timeZone: 'America/Winnipeg', locale: 'en-CA', rules: DEFAULT_PROGRAM_RULES };

export async function seededStore(kind: StoreKind, size: SeedSize): Promise<{ store: BenchStore; ctx: CoreContext; seed: SeedCounts }> {
  const store = await openBenchStore(kind);
  try {
    const clock = { now: () => new Date(SEED_NOW) };
    const program = await ensureProgram(store.prisma, BENCH_PROGRAM, [], clock);
    const seed = await seedProgram(store.prisma, program.id, size);
    return { store, ctx: { db: clocked(store.prisma, clock), clock, logger: silentLogger, program }, seed };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function callFigures(store: BenchStore, runs: number, work: () => Promise<unknown>): Promise<CallFigures> {
  // One counted call first (it also warms the caches), then the timed runs.
  store.counter.statements = 0;
  store.counter.operations = 0;
  await work();
  const { statements, operations } = store.counter;
  const samples = await measure(runs, work, 0);
  return { ...summarize(samples), statements, operations };
}

export async function benchProgram(kind: StoreKind, size: SeedSize, runs: number, log: (line: string) => void): Promise<ProgramBenchResult> {
  const { store, ctx, seed } = await seededStore(kind, size);
  log(`  ${kind}: seeded ${seed.participants} participants, ${seed.meetings} meetings, ${seed.cpdActivities} CPD, ${seed.reflections} reflections in ${(seed.ms / 1000).toFixed(1)} s`);
  try {
    const progress = await callFigures(store, runs, () => programProgress(ctx));
    log(`  ${kind}: programProgress median ${progress.median.toFixed(0)} ms, ${progress.statements} statements`);
    const digest = await callFigures(store, runs, () => buildDigest(ctx));
    log(`  ${kind}: buildDigest median ${digest.median.toFixed(0)} ms, ${digest.statements} statements`);
    const p = await programProgress(ctx);
    const d = await buildDigest(ctx);
    return {
      kind,
      seed,
      progress,
      digest,
      check: {
        mentees: p.rows.length,
        meetings: p.totals.meetings,
        cpdActivities: p.totals.cpdActivities,
        reflectionsAnswered: p.totals.reflectionsAnswered,
        digestBlocks: d.blocks.length,
      },
    };
  } finally {
    await store.close();
  }
}
