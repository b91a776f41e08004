// Start-up to ready (`/readyz` answers 200) of the bot as `npm start` runs it (scripts/start.mjs:
// dist/ compiled ahead, built here first and timed apart) on the embedded store, on a fresh data
// directory (a new store) and on an existing one (a restart), and the resident memory after a few
// seconds idle, as /metrics reports it. `TSX=1` measures `node --import tsx src/main.ts` instead (the
// sources compiled on every start, as `npm start` ran before issue 16).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { TEST_SIGNING_SECRET } from '../test/support/slack-sign.js';
import { metricValue, ROOT, spawnBot } from './bot-process.js';
import { summarize, type Summary } from './stats.js';

export interface StartupFigures {
  /** What was started: `npm start` (scripts/start.mjs) or `node --import tsx src/main.ts`. */
  command: string;
  /** Milliseconds to build dist/ when the sources changed (npm start's first run after a change); NaN for tsx. */
  buildMs: number;
  fresh: Summary;
  restart: Summary;
  /** CPU milliseconds the process used until ready: less noisy than the wall clock on a shared machine. */
  freshCpu: Summary;
  restartCpu: Summary;
  idleRssBytes: number;
  idleHeapBytes: number;
  idleSeconds: number;
}

export async function benchStartup(runs: number, idleSeconds: number, logDir: string, log: (line: string) => void): Promise<StartupFigures> {
  const viaTsx = process.env.TSX === '1';
  const command = viaTsx ? 'node --import tsx src/main.ts' : 'npm start (node scripts/start.mjs)';
  const args = viaTsx ? undefined : ['scripts/start.mjs'];
  let buildMs = Number.NaN;
  if (!viaTsx) {
    await rm(join(ROOT, 'dist', '.built-from'), { force: true });
    const started = performance.now();
    await promisify(execFile)(process.execPath, ['scripts/build-dist.mjs'], { cwd: ROOT });
    buildMs = performance.now() - started;
  }
  const slack = await startFakeSlack();
  const dirs: string[] = [];
  const env = (dir: string) => ({
    DATA_DIR: dir,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    TEAMS_AUTH_DISABLED: 'true',
  });
  const fresh: number[] = [];
  const restart: number[] = [];
  const freshCpu: number[] = [];
  const restartCpu: number[] = [];
  let idleRssBytes = Number.NaN;
  let idleHeapBytes = Number.NaN;
  try {
    for (let run = 0; run < runs; run++) {
      const dir = await mkdtemp(join(tmpdir(), 'mb-bench-start-'));
      dirs.push(dir);
      const first = await spawnBot({ env: env(dir), args, logFile: join(logDir, 'startup.log') });
      fresh.push(first.readyMs);
      freshCpu.push(first.readyCpuMs);
      await first.stop();
      const again = await spawnBot({ env: env(dir), args, logFile: join(logDir, 'startup.log') });
      restart.push(again.readyMs);
      restartCpu.push(again.readyCpuMs);
      if (run === runs - 1) {
        await new Promise((r) => setTimeout(r, idleSeconds * 1000));
        idleRssBytes = (await metricValue(again.url, 'mentorship_process_resident_memory_bytes')) ?? Number.NaN;
        idleHeapBytes = (await metricValue(again.url, 'mentorship_nodejs_heap_size_used_bytes')) ?? Number.NaN;
      }
      await again.stop();
    }
  } finally {
    await slack.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
  const figures = {
    command,
    buildMs,
    fresh: summarize(fresh),
    restart: summarize(restart),
    freshCpu: summarize(freshCpu),
    restartCpu: summarize(restartCpu),
    idleRssBytes,
    idleHeapBytes,
    idleSeconds,
  };
  log(
    `  start-up (${command}${viaTsx ? '' : `, dist/ built in ${buildMs.toFixed(0)} ms`}): fresh median ${figures.fresh.median.toFixed(0)} ms (CPU ${figures.freshCpu.median.toFixed(0)} ms), restart median ${figures.restart.median.toFixed(0)} ms (CPU ${figures.restartCpu.median.toFixed(0)} ms), idle RSS ${(idleRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  return figures;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const logDir = await mkdtemp(join(tmpdir(), 'mb-bench-startup-'));
  await benchStartup(Number(process.env.BENCH_RUNS ?? 3), 5, logDir, (line) => process.stdout.write(`${line}\n`));
}
