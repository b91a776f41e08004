// Issue 16: what a command costs. Time to answer (signed slash command sent → what the person sees:
// the response_url reply, or views.open for the meeting form) at one user and at 50 users in a
// closed loop, beside bare Bolt's acknowledgement in the same run; and, per command, the SQL
// statements the bot sent (mentorship_db_statements_total) and the CPU its process used
// (mentorship_process_cpu_seconds_total, i.e. process.cpuUsage), both read from the bot's /metrics.
// `npx tsx bench/answer.bench.ts` runs this part alone (BENCH_QUICK=1 for smaller counts).
import { join } from 'node:path';
import { postSigned } from '../test/support/slack-sign.js';
import { slashCommand } from '../test/fixtures/slack/payloads.js';
import { metricValue, spawnBot } from './bot-process.js';
import { startBenchBot, type BenchBot } from './bench-bot.js';
import { seededSlackUserId, SEED_SLACK_TEAM, QUICK_SIZE } from './seed.js';
import { summarize, type Summary } from './stats.js';
import { runClosedLoop } from './http.bench.js';

export type AnswerCommand = 'progress' | 'meeting-line' | 'meeting-form';
export type CostCommand = 'progress' | 'meeting-line' | 'cpd-line' | 'goals';

export interface AnswerFigures {
  command: AnswerCommand;
  concurrency: number;
  requests: number;
  /** Command sent → the answer the person sees. */
  answer: Summary;
  /** Answered commands per second over the run. */
  answeredPerSecond: number;
  /** Bare Bolt: command sent → acknowledgement (its whole answer), same concurrency, same run. */
  bare: Summary;
  barePerSecond: number;
  /** Commands not answered within the time limit, or not acknowledged with 200. */
  errors: number;
}

export interface CostFigures {
  command: CostCommand;
  commands: number;
  /** SQL statements per command, counted in the bot's driver adapter. */
  statements: number;
  /** Interactive transactions per command (each a BEGIN and a COMMIT besides the statements). */
  transactions: number;
  /** Milliseconds of the bot process's CPU (user + system) per command. */
  cpuMs: number;
}

export interface AnswerPlan {
  answer: { concurrency: number; requests: number }[];
  costCommands: number;
}

export const ANSWER_PLAN = (quick: boolean): AnswerPlan => ({
  answer: quick
    ? [
        { concurrency: 1, requests: 40 },
        { concurrency: 50, requests: 200 },
      ]
    : [
        { concurrency: 1, requests: 300 },
        { concurrency: 50, requests: 2000 },
      ],
  costCommands: quick ? 20 : 100,
});

const ANSWER_TIMEOUT_MS = 30_000;

/** Sends one command and resolves when the person would see its answer (or rejects after the limit). */
function commander(b: BenchBot) {
  const waiting = new Map<string, () => void>();
  const unobserve = b.slack.observe(({ call, post }) => {
    const key = post ? `r:${post.id}` : call?.method === 'views.open' ? `v:${String(call.args.trigger_id)}` : undefined;
    if (!key) return;
    const done = waiting.get(key);
    if (done) {
      waiting.delete(key);
      done();
    }
  });
  let seq = 0;
  const send = async (userIndex: number, command: string, text: string, answeredBy: 'response' | 'modal'): Promise<number> => {
    const id = `answer-${++seq}`;
    const { body, triggerId } = slashCommand({ command, text, userId: seededSlackUserId(userIndex), teamId: SEED_SLACK_TEAM, responseUrl: b.slack.responseUrl(id) });
    const key = answeredBy === 'response' ? `r:${id}` : `v:${triggerId}`;
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<void>((resolve, reject) => {
      waiting.set(key, resolve);
      timer = setTimeout(() => {
        waiting.delete(key);
        reject(new Error(`no answer to ${command} within ${ANSWER_TIMEOUT_MS} ms`));
      }, ANSWER_TIMEOUT_MS);
    });
    try {
      const status = (await postSigned(`${b.bot.url}/slack/events`, body)).status;
      if (status !== 200) return status;
      await answered;
      return 200;
    } finally {
      clearTimeout(timer);
      waiting.delete(key);
    }
  };
  return { send, close: unobserve };
}

/** The command each answer scenario sends from participant i (mentors 1..pairs, mentees after). */
function scenario(b: BenchBot, command: AnswerCommand | CostCommand) {
  const pairs = b.size.pairs;
  let n = 0;
  switch (command) {
    case 'progress':
      return (i: number) => ({ user: pairs + 1 + (i % pairs), command: '/progress', text: '', by: 'response' as const });
    case 'meeting-line':
      return (i: number) => ({ user: 1 + (i % pairs), command: '/meeting', text: `today 45m video Bench answer ${++n} ${Date.now()}`, by: 'response' as const });
    case 'meeting-form':
      return (i: number) => ({ user: 1 + (i % pairs), command: '/meeting', text: '', by: 'modal' as const });
    case 'cpd-line':
      return (i: number) => ({ user: pairs + 1 + (i % pairs), command: '/cpd', text: `1.5h group Bench journal club ${++n}`, by: 'response' as const });
    case 'goals':
      return (i: number) => ({ user: pairs + 1 + (i % pairs), command: '/goals', text: '', by: 'response' as const });
  }
}

export async function benchAnswer(b: BenchBot, plan: AnswerPlan, logDir: string, log: (line: string) => void): Promise<{ answer: AnswerFigures[]; cost: CostFigures[] }> {
  const bare = await spawnBot({ script: 'bench/bare-bolt.ts', env: { SLACK_SIGNING_SECRET: process.env.BENCH_SIGNING_SECRET ?? 'test-signing-secret-0123456789abcdef' }, logFile: join(logDir, 'bare-bolt-answer.log') });
  const { send, close } = commander(b);
  let bareSeq = 0;
  const sendBare = async (i: number) => {
    const { body } = slashCommand({ command: '/progress', text: '', userId: seededSlackUserId(1 + (i % (b.size.pairs * 2))), teamId: SEED_SLACK_TEAM, responseUrl: b.slack.responseUrl(`bare-${++bareSeq}`) });
    return (await postSigned(`${bare.url}/slack/events`, body)).status;
  };
  const answer: AnswerFigures[] = [];
  const cost: CostFigures[] = [];
  try {
    for (const command of ['progress', 'meeting-line', 'meeting-form'] as const) {
      for (const { concurrency, requests } of plan.answer) {
        const next = scenario(b, command);
        const run = (i: number) => {
          const c = next(i);
          return send(c.user, c.command, c.text, c.by);
        };
        await runClosedLoop(concurrency, Math.min(requests, 50), run); // warm-up
        await runClosedLoop(concurrency, Math.min(requests, 50), sendBare);
        const real = { latencies: [] as number[], errors: 0, wallMs: 0 };
        const base = { latencies: [] as number[], errors: 0, wallMs: 0 };
        for (let half = 0; half < 2; half++) {
          for (const [work, into] of [
            [run, real],
            [sendBare, base],
          ] as const) {
            const r = await runClosedLoop(concurrency, Math.ceil(requests / 2), work);
            into.latencies.push(...r.latencies);
            into.errors += r.errors;
            into.wallMs += r.wallMs;
          }
        }
        const figures: AnswerFigures = {
          command,
          concurrency,
          requests: real.latencies.length,
          answer: summarize(real.latencies),
          answeredPerSecond: ((real.latencies.length - real.errors) / real.wallMs) * 1000,
          bare: summarize(base.latencies),
          barePerSecond: (base.latencies.length / base.wallMs) * 1000,
          errors: real.errors + base.errors,
        };
        log(`  answer ${command} c=${concurrency}: median ${figures.answer.median.toFixed(1)} ms p99 ${figures.answer.p99.toFixed(1)} ms ${figures.answeredPerSecond.toFixed(0)}/s; bare ${figures.bare.median.toFixed(1)} / ${figures.bare.p99.toFixed(1)} ms; errors ${figures.errors}`);
        answer.push(figures);
      }
    }

    // Statements and CPU per command: one user at a time, so nothing else runs in the bot meanwhile.
    for (const command of ['progress', 'meeting-line', 'cpd-line', 'goals'] as const) {
      const next = scenario(b, command);
      const run = (i: number) => {
        const c = next(i);
        return send(c.user, c.command, c.text, c.by);
      };
      await runClosedLoop(1, 5, run);
      const read = async () => ({
        statements: (await metricValue(b.bot.url, 'mentorship_db_statements_total')) ?? Number.NaN,
        transactions: (await metricValue(b.bot.url, 'mentorship_db_transactions_total')) ?? Number.NaN,
        cpu: (await metricValue(b.bot.url, 'mentorship_process_cpu_seconds_total')) ?? Number.NaN,
      });
      const before = await read();
      const r = await runClosedLoop(1, plan.costCommands, run);
      const after = await read();
      const done = plan.costCommands - r.errors;
      const figures: CostFigures = {
        command,
        commands: done,
        statements: (after.statements - before.statements) / done,
        transactions: (after.transactions - before.transactions) / done,
        cpuMs: ((after.cpu - before.cpu) * 1000) / done,
      };
      log(`  cost ${command}: ${figures.statements.toFixed(1)} statements, ${figures.transactions.toFixed(1)} transactions, ${figures.cpuMs.toFixed(2)} ms CPU per command (${done} commands)`);
      cost.push(figures);
    }
  } finally {
    close();
    await bare.stop();
  }
  return { answer, cost };
}

// Alone: `npx tsx bench/answer.bench.ts` (BENCH_QUICK=1 for smaller counts).
if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = /^(1|true|yes)$/i.test(process.env.BENCH_QUICK ?? '');
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const logDir = await mkdtemp(join(tmpdir(), 'mb-bench-answer-'));
  const bot = await startBenchBot({ size: QUICK_SIZE });
  try {
    const result = await benchAnswer(bot, ANSWER_PLAN(quick), logDir, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await bot.close();
  }
}
