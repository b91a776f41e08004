// CPU per Slack command, this checkout against another one (BENCH_BASE_ROOT), both bots side by side on
// the same database and fake Slack, driven in alternating batches so both see the same machine.
// `BENCH_BASE_ROOT=/path/to/other/checkout npx tsx bench/slack-ab.ts [batches] [per batch] [concurrency]`;
// BENCH_MODE=ack times the acknowledgement (the answers are awaited after each batch) instead of the answer.
import { join } from 'node:path';
import { postSigned } from '../test/support/slack-sign.js';
import { slashCommand } from '../test/fixtures/slack/payloads.js';
import { startBenchBot } from './bench-bot.js';
import { runClosedLoop } from './http.bench.js';
import { metricValue, spawnBot, type BotProcess } from './bot-process.js';
import { seededSlackUserId, SEED_SLACK_TEAM, QUICK_SIZE } from './seed.js';
import { summarize } from './stats.js';

const base = process.env.BENCH_BASE_ROOT;
if (!base) throw new Error('set BENCH_BASE_ROOT');
const batches = Number(process.argv[2] ?? 6);
const perBatch = Number(process.argv[3] ?? 500);
const concurrency = Number(process.argv[4] ?? 50);
const command = process.env.BENCH_COMMAND ?? '/progress';
const ackOnly = process.env.BENCH_MODE === 'ack';
const pending: Promise<void>[] = [];
const b = await startBenchBot({ size: QUICK_SIZE });
const other = await spawnBot({ env: b.env, script: join(base, 'src/main.ts'), logFile: join(b.logDir, 'base.log') });
const waiting = new Map<string, () => void>();
b.slack.observe(({ post }) => {
  if (post) waiting.get(post.id)?.();
});
let seq = 0;
const sender = (bot: BotProcess) => async (i: number): Promise<number> => {
  const id = `ab-${++seq}`;
  const user = b.size.pairs + 1 + (i % b.size.pairs);
  const { body } = slashCommand({ command, text: '', userId: seededSlackUserId(user), teamId: SEED_SLACK_TEAM, responseUrl: b.slack.responseUrl(id) });
  const answered = new Promise<void>((resolve) => waiting.set(id, resolve));
  const status = (await postSigned(`${bot.url}/slack/events`, body)).status;
  if (status !== 200) waiting.delete(id);
  else if (ackOnly) pending.push(answered.finally(() => waiting.delete(id)));
  else {
    await answered;
    waiting.delete(id);
  }
  return status;
};
const cpu = async (bot: BotProcess) =>
  ((await metricValue(bot.url, 'mentorship_process_cpu_user_seconds_total'))! + (await metricValue(bot.url, 'mentorship_process_cpu_system_seconds_total'))!) * 1000;
try {
  const bots = { this: b.bot, base: other };
  const cpuMs: Record<string, number[]> = { this: [], base: [] };
  const latency: Record<string, number[]> = { this: [], base: [] };
  for (const bot of Object.values(bots)) await runClosedLoop(concurrency, 300, sender(bot));
  for (let i = 0; i < batches; i++) {
    for (const name of (i % 2 ? ['base', 'this'] : ['this', 'base']) as ('this' | 'base')[]) {
      const bot = bots[name];
      const before = await cpu(bot);
      const r = await runClosedLoop(concurrency, perBatch, sender(bot));
      await Promise.all(pending.splice(0));
      cpuMs[name]!.push((await cpu(bot)) - before);
      latency[name]!.push(...r.latencies);
      if (r.errors) process.stdout.write(`${name}: ${r.errors} errors\n`);
    }
    process.stdout.write(`batch ${i + 1}: this ${(cpuMs.this!.at(-1)! / perBatch).toFixed(3)} ms, base ${(cpuMs.base!.at(-1)! / perBatch).toFixed(3)} ms CPU per command\n`);
  }
  for (const name of ['this', 'base']) {
    const per = cpuMs[name]!.map((c) => c / perBatch).sort((x, y) => x - y);
    const s = summarize(latency[name]!);
    process.stdout.write(`${name}: CPU per command median of batches ${per[Math.floor(per.length / 2)]!.toFixed(3)} ms (min ${per[0]!.toFixed(3)}); ${ackOnly ? 'ack' : 'answer'} median ${s.median.toFixed(1)} ms p99 ${s.p99.toFixed(1)} ms\n`);
  }
} finally {
  await other.stop();
  await b.close();
}
