// `npm run bench`: every benchmark of issue 8, written to BENCHMARKS.md. `BENCH_QUICK=1` runs a small
// smoke version (a hundredth of the program, fewer requests) in a couple of minutes.
// Needs the PostgreSQL server of the tests (127.0.0.1:5432, or BENCH_DATABASE_URL / TEST_DATABASE_URL).
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresVersion } from './databases.js';
import { ROOT } from './bot-process.js';
import { FULL_SIZE, QUICK_SIZE } from './seed.js';
import { benchProgram } from './program.bench.js';
import { startBenchBot } from './bench-bot.js';
import { benchAck, benchSlackForm, benchTeamsForm } from './http.bench.js';
import { ANSWER_PLAN, benchAnswer } from './answer.bench.js';
import { benchStartup } from './startup.bench.js';
import { benchOutbox } from './outbox.bench.js';
import { runLoadTest } from './load.js';
import { benchText } from './text.bench.js';
import { renderReport, type Plan, type Results } from './report.js';

const quick = /^(1|true|yes)$/i.test(process.env.BENCH_QUICK ?? '');
// `BENCH_PARTS=answer,program` runs only those parts (program, startup, ack, answer, outbox, load); all by default.
const PARTS = new Set((process.env.BENCH_PARTS ?? 'program,startup,ack,answer,outbox,load').split(',').map((p) => p.trim()));
const part = (name: string) => PARTS.has(name);
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

const PLAN: Plan & { outbox: Plan['outbox'] & { timeoutMs: number }; outboxStores: ('postgresql' | 'pglite')[] } = {
  quick,
  size: quick ? QUICK_SIZE : FULL_SIZE,
  programRuns: { postgresql: num('BENCH_RUNS', quick ? 3 : 5), pglite: num('BENCH_RUNS', 3) },
  ack: quick
    ? [
        { concurrency: 1, requests: 50 },
        { concurrency: 50, requests: 200 },
      ]
    : [
        { concurrency: 1, requests: 300 },
        { concurrency: 50, requests: 2000 },
      ],
  formRuns: quick ? 5 : 20,
  startupRuns: quick ? 1 : 3,
  idleSeconds: 5,
  outbox: { notifications: num('BENCH_OUTBOX', quick ? 1000 : 10_000), injectEvery: quick ? 250 : 1000, retryAfterSeconds: 1, timeoutMs: 15 * 60_000 },
  outboxStores: (process.env.BENCH_OUTBOX_STORES ?? 'postgresql').split(',').filter(Boolean) as ('postgresql' | 'pglite')[],
  loadSeconds: num('LOAD_SECONDS', quick ? 15 : 120),
  loadUsers: num('LOAD_USERS', 200),
  answer: ANSWER_PLAN(quick),
};

const log = (line: string) => process.stdout.write(`${line}\n`);

async function section(results: Results, name: string, work: () => Promise<void>): Promise<void> {
  log(`${name}…`);
  const started = performance.now();
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.failures.push({ section: name, error: message.split('\n')[0]!.slice(0, 300) });
    log(`  FAILED: ${message}`);
  }
  log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

/**
 * `BENCH_REPORT_FROM=<results.json> npx tsx bench/run.ts`: BENCHMARKS.md written again from a run's raw
 * results (after a change to bench/report.ts), measuring nothing. Same sizes as the run: set BENCH_QUICK as it was.
 */
async function reportFrom(path: string): Promise<void> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as Results & { startedAt: string; finishedAt?: string };
  const results: Results = { ...raw, startedAt: new Date(raw.startedAt), ...(raw.finishedAt ? { finishedAt: new Date(raw.finishedAt) } : {}) };
  await writeFile(join(ROOT, 'BENCHMARKS.md'), renderReport(results, PLAN));
  log(`wrote BENCHMARKS.md from ${path}`);
}

async function main(): Promise<void> {
  if (process.env.BENCH_REPORT_FROM) return reportFrom(process.env.BENCH_REPORT_FROM);
  const logDir = await mkdtemp(join(tmpdir(), 'mb-bench-'));
  const cpu = cpus();
  const results: Results = {
    startedAt: new Date(),
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      memoryBytes: totalmem(),
      node: process.version,
      postgres: await postgresVersion(),
      os: `${platform()} ${release()}`,
      loadBefore: loadavg(),
    },
    program: [],
    forms: [],
    outbox: [],
    failures: [],
  };
  log(`mentorship bot benchmarks${quick ? ' (BENCH_QUICK: smoke sizes)' : ''}; logs in ${logDir}`);

  await section(results, 'identifier check and parsers on adversarial text', async () => {
    results.text = benchText(log);
  });

  for (const kind of ['postgresql', 'pglite'] as const) {
    if (!part('program')) break;
    await section(results, `progress and digest on ${kind}`, async () => {
      results.program.push(await benchProgram(kind, PLAN.size, PLAN.programRuns[kind], log));
    });
  }

  if (part('startup')) await section(results, 'start-up and idle memory (embedded store)', async () => {
    results.startup = await benchStartup(PLAN.startupRuns, PLAN.idleSeconds, logDir, log);
  });

  if (part('ack')) await section(results, 'Slack acknowledgement and form submissions (PostgreSQL)', async () => {
    const bot = await startBenchBot({ size: QUICK_SIZE, teamsAccounts: QUICK_SIZE.pairs * 2 });
    try {
      results.ack = await benchAck(bot, PLAN.ack, logDir, log);
      results.forms.push(await benchSlackForm(bot, PLAN.formRuns, log));
      results.forms.push(await benchTeamsForm(bot, PLAN.formRuns, log));
    } finally {
      await bot.close();
    }
  });

  if (part('answer')) await section(results, 'time to answer, statements and CPU per command (PostgreSQL)', async () => {
    const bot = await startBenchBot({ size: QUICK_SIZE });
    try {
      const { answer, cost } = await benchAnswer(bot, PLAN.answer, logDir, log);
      results.answer = answer;
      results.cost = cost;
    } finally {
      await bot.close();
    }
  });

  for (const kind of PLAN.outboxStores) {
    if (!part('outbox')) break;
    await section(results, `outbox delivery with rate limiting on ${kind}`, async () => {
      results.outbox.push(await benchOutbox(kind, PLAN.outbox, log));
    });
  }

  if (part('load')) await section(results, `load test: ${PLAN.loadUsers} users for ${PLAN.loadSeconds} s (PostgreSQL)`, async () => {
    results.load = await runLoadTest({ users: PLAN.loadUsers, seconds: PLAN.loadSeconds }, log);
  });

  results.finishedAt = new Date();
  results.machine.loadAfter = loadavg();
  const report = renderReport(results, PLAN);
  await writeFile(join(ROOT, 'BENCHMARKS.md'), report);
  await writeFile(join(logDir, 'results.json'), JSON.stringify(results, null, 2));
  log(`wrote BENCHMARKS.md (${results.failures.length} section(s) failed); raw results in ${join(logDir, 'results.json')}`);
  process.exitCode = results.failures.length ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
