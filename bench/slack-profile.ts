// Where the bot's CPU goes on the Slack command path: the real bot (src/main.ts, own process) under
// --cpu-prof, driven with signed /progress commands answered on response_url, then the profile's self
// time summed by function and by file. `npx tsx bench/slack-profile.ts [commands] [concurrency]`.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postSigned } from '../test/support/slack-sign.js';
import { slashCommand } from '../test/fixtures/slack/payloads.js';
import { startBenchBot } from './bench-bot.js';
import { runClosedLoop } from './http.bench.js';
import { metricValue, ROOT } from './bot-process.js';
import { seededSlackUserId, SEED_SLACK_TEAM, QUICK_SIZE } from './seed.js';

const commands = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 50);
const profDir = await mkdtemp(join(tmpdir(), 'mb-slack-prof-'));
const profiling = process.env.BENCH_PROFILE !== '0';
const b = await startBenchBot({ size: QUICK_SIZE, extraEnv: profiling ? { NODE_OPTIONS: `--import ${join(ROOT, 'bench', 'profiler.mjs')}`, BENCH_PROFILE_DIR: profDir } : {} });
const waiting = new Map<string, () => void>();
b.slack.observe(({ post }) => {
  if (post) waiting.get(post.id)?.();
});
let seq = 0;
const send = async (i: number): Promise<number> => {
  const id = `p-${++seq}`;
  const user = b.size.pairs + 1 + (i % b.size.pairs);
  const { body } = slashCommand({ command: '/progress', text: '', userId: seededSlackUserId(user), teamId: SEED_SLACK_TEAM, responseUrl: b.slack.responseUrl(id) });
  const answered = new Promise<void>((resolve) => waiting.set(id, resolve));
  const status = (await postSigned(`${b.bot.url}/slack/events`, body)).status;
  if (status === 200) await answered;
  waiting.delete(id);
  return status;
};
try {
  await runClosedLoop(concurrency, 200, send);
  const cpu = async () => ({
    user: (await metricValue(b.bot.url, 'mentorship_process_cpu_user_seconds_total'))!,
    system: (await metricValue(b.bot.url, 'mentorship_process_cpu_system_seconds_total'))!,
  });
  const cpu0 = await cpu();
  const r = await runClosedLoop(concurrency, commands, send);
  const cpu1 = await cpu();
  const per = (s: number) => ((s * 1000) / commands).toFixed(2);
  process.stdout.write(
    `${commands} commands at c=${concurrency}: ${(commands / r.wallMs * 1000).toFixed(0)}/s, CPU per command ${per(cpu1.user - cpu0.user)} ms user + ${per(cpu1.system - cpu0.system)} ms system, errors ${r.errors}\n`,
  );
} finally {
  await b.close();
}
if (!profiling) process.exit(0);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const file = (await readdir(profDir)).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile in ${profDir}`);
const profile = JSON.parse(await readFile(join(profDir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
const short = (url: string) => url.replace(/^file:\/\/.*?node_modules\//, 'nm/').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/');
for (const n of profile.nodes) {
  const us = self.get(n.id) ?? 0;
  const where = short(n.callFrame.url) || '(native)';
  byFn.set(`${n.callFrame.functionName || '(anon)'} ${where}:${n.callFrame.lineNumber + 1}`, (byFn.get(`${n.callFrame.functionName || '(anon)'} ${where}:${n.callFrame.lineNumber + 1}`) ?? 0) + us);
  const pkg = where.startsWith('nm/') ? where.split('/').slice(0, where.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : where;
  byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
}
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n');
process.stdout.write(`profile ${join(profDir, file)}\nby package/file:\n${top(byFile, 30)}\nby function:\n${top(byFn, 40)}\n`);
