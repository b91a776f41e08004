// Start-up to ready (`/readyz` answers 200) of `src/main.ts` on the embedded store, on a fresh data
// directory (creates the database and applies the migrations) and on an existing one (a restart), and
// the resident memory after a few seconds idle, as /metrics reports it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { TEST_SIGNING_SECRET } from '../test/support/slack-sign.js';
import { metricValue, spawnBot } from './bot-process.js';
import { summarize, type Summary } from './stats.js';

export interface StartupFigures {
  fresh: Summary;
  restart: Summary;
  idleRssBytes: number;
  idleHeapBytes: number;
  idleSeconds: number;
}

export async function benchStartup(runs: number, idleSeconds: number, logDir: string, log: (line: string) => void): Promise<StartupFigures> {
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
  let idleRssBytes = Number.NaN;
  let idleHeapBytes = Number.NaN;
  try {
    for (let run = 0; run < runs; run++) {
      const dir = await mkdtemp(join(tmpdir(), 'mb-bench-start-'));
      dirs.push(dir);
      const first = await spawnBot({ env: env(dir), logFile: join(logDir, 'startup.log') });
      fresh.push(first.readyMs);
      await first.stop();
      const again = await spawnBot({ env: env(dir), logFile: join(logDir, 'startup.log') });
      restart.push(again.readyMs);
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
  const figures = { fresh: summarize(fresh), restart: summarize(restart), idleRssBytes, idleHeapBytes, idleSeconds };
  log(`  start-up: fresh median ${figures.fresh.median.toFixed(0)} ms, restart median ${figures.restart.median.toFixed(0)} ms, idle RSS ${(idleRssBytes / 2 ** 20).toFixed(0)} MiB`);
  return figures;
}
