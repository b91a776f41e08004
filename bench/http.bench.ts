// Over HTTP, against processes: slash-command acknowledgement latency of the real bot and of a bare
// Bolt app measured in the same run, and meeting form submission to stored record (Slack modal and
// Teams dialog).
import { join } from 'node:path';
import { postSigned } from '../test/support/slack-sign.js';
import { slashCommand, typed, viewSubmission } from '../test/fixtures/slack/payloads.js';
import { cardOf, dialogCardOf, invokeActivity, messageActivity, postActivity, type ActivityScope, type InvokeResponseBody, type RecordedActivity } from '../test/support/fake-teams.js';
import { spawnBot } from './bot-process.js';
import { BENCH_TENANT, teamsUserId, type BenchBot } from './bench-bot.js';
import { seededSlackUserId, SEED_SLACK_TEAM } from './seed.js';
import { summarize, type Summary } from './stats.js';

export interface AckFigures {
  concurrency: number;
  requests: number;
  real: Summary;
  bare: Summary;
  /** Requests per second the real bot acknowledged. */
  realThroughput: number;
  bareThroughput: number;
  /** Non-200 answers (should be 0). */
  realErrors: number;
  bareErrors: number;
}

/** `total` requests from `concurrency` parallel clients; milliseconds per request and the wall time. */
export async function runClosedLoop(concurrency: number, total: number, send: (i: number) => Promise<number>): Promise<{ latencies: number[]; errors: number; wallMs: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const client = async () => {
    for (let i = next++; i < total; i = next++) {
      const t = performance.now();
      const status = await send(i).catch(() => 0);
      latencies.push(performance.now() - t);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { latencies, errors, wallMs: performance.now() - started };
}

/**
 * The same signed /progress commands, from the seeded participants in turn, to the real bot and to the
 * bare Bolt app, alternating batches so that both see the same machine conditions.
 */
export async function benchAck(b: BenchBot, plan: { concurrency: number; requests: number }[], logDir: string, log: (line: string) => void): Promise<AckFigures[]> {
  const bare = await spawnBot({ script: 'bench/bare-bolt.ts', env: { SLACK_SIGNING_SECRET: process.env.BENCH_SIGNING_SECRET ?? 'test-signing-secret-0123456789abcdef' }, logFile: join(logDir, 'bare-bolt.log') });
  const participants = b.size.pairs * 2;
  let seq = 0;
  let toReal = 0;
  const send = (url: string) => async (i: number) => {
    const user = seededSlackUserId(1 + (i % participants));
    const { body } = slashCommand({ command: '/progress', text: '', userId: user, teamId: SEED_SLACK_TEAM, responseUrl: b.slack.responseUrl(`ack-${++seq}`) });
    const status = (await postSigned(`${url}/slack/events`, body)).status;
    if (url === b.bot.url && status === 200) toReal++;
    return status;
  };
  const results: AckFigures[] = [];
  try {
    for (const { concurrency, requests } of plan) {
      // Warm both (JIT, connection pools), then measure in alternating halves.
      await runClosedLoop(concurrency, Math.min(requests, 50), send(b.bot.url));
      await runClosedLoop(concurrency, Math.min(requests, 50), send(bare.url));
      const real = { latencies: [] as number[], errors: 0, wallMs: 0 };
      const base = { latencies: [] as number[], errors: 0, wallMs: 0 };
      for (let half = 0; half < 2; half++) {
        for (const [target, into] of [
          [b.bot.url, real],
          [bare.url, base],
        ] as const) {
          const r = await runClosedLoop(concurrency, Math.ceil(requests / 2), send(target));
          into.latencies.push(...r.latencies);
          into.errors += r.errors;
          into.wallMs += r.wallMs;
          // Let the real bot finish the work it does after acknowledging before the next batch.
          await drain(b, toReal);
        }
      }
      const figures: AckFigures = {
        concurrency,
        requests: real.latencies.length,
        real: summarize(real.latencies),
        bare: summarize(base.latencies),
        realThroughput: (real.latencies.length / real.wallMs) * 1000,
        bareThroughput: (base.latencies.length / base.wallMs) * 1000,
        realErrors: real.errors,
        bareErrors: base.errors,
      };
      log(`  ack c=${concurrency}: real median ${figures.real.median.toFixed(1)} ms p99 ${figures.real.p99.toFixed(1)} ms; bare median ${figures.bare.median.toFixed(1)} ms p99 ${figures.bare.p99.toFixed(1)} ms`);
      results.push(figures);
    }
  } finally {
    await bare.stop();
  }
  return results;
}

/** Waits until the bot has answered (on response_url) every command it acknowledged, or its answers stop coming. */
async function drain(b: BenchBot, acknowledged: number, maxMs = 300_000): Promise<void> {
  const until = Date.now() + maxMs;
  const answered = () => b.slack.responses().filter((p) => p.id.startsWith('ack-')).length;
  let last = -1;
  let still = 0;
  while (Date.now() < until && answered() < acknowledged) {
    const now = answered();
    still = now === last ? still + 1 : 0;
    if (still >= 50) return; // ten seconds without a single answer: stuck, not busy
    last = now;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface FormFigures {
  platform: 'Slack' | 'Teams';
  /** Submission sent → HTTP answer. */
  response: Summary;
  /** Submission sent → the Meeting row is visible in the database. */
  stored: Summary;
  stored_ok: number;
  attempts: number;
}

/** Polls until a meeting with these topics exists; returns when it does (or after timeoutMs). */
async function waitForMeeting(b: BenchBot, topics: string, timeoutMs = 30_000): Promise<number | undefined> {
  const started = performance.now();
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const rows = await b.db.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM "Meeting" WHERE "topics" = $1', topics);
    if ((rows[0]?.n ?? 0) > 0) return performance.now() - started;
    await new Promise((r) => setImmediate(r));
  }
  return undefined;
}

const meetingValues = (today: string, topics: string) => ({
  date: { date: typed.date(today) },
  duration: { duration: typed.text('45m') },
  format: { format: typed.select('VIDEO') },
  topics: { topics: typed.text(topics) },
});

/** Mentor i opens /meeting (modal), then submits it; measured from the submission. */
export async function benchSlackForm(b: BenchBot, runs: number, log: (line: string) => void): Promise<FormFigures> {
  const response: number[] = [];
  const stored: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const mentor = 1 + (run % b.size.pairs);
    const user = seededSlackUserId(mentor);
    const { body, triggerId } = slashCommand({ command: '/meeting', text: '', userId: user, teamId: SEED_SLACK_TEAM, responseUrl: b.slack.responseUrl(`form-${run}`) });
    await postSigned(`${b.bot.url}/slack/events`, body);
    const opened = await b.slack.waitFor('views.open', (c) => c.args.trigger_id === triggerId, 60_000);
    const topics = `Slack bench meeting ${run} ${Date.now()}`;
    const submission = viewSubmission({ userId: user, teamId: SEED_SLACK_TEAM, view: opened.args.view as Record<string, unknown>, values: meetingValues(b.today, topics) });
    const started = performance.now();
    const polled = waitForMeeting(b, topics);
    const answer = await postSigned(`${b.bot.url}/slack/events`, submission);
    const answeredMs = performance.now() - started;
    const storedMs = await polled;
    if (answer.status !== 200 || answer.json !== undefined) log(`  slack form run ${run}: unexpected answer ${answer.status} ${answer.text.slice(0, 200)}`);
    if (run === 0) continue; // warm-up
    response.push(answeredMs);
    if (storedMs !== undefined) stored.push(storedMs);
  }
  const figures: FormFigures = { platform: 'Slack', response: summarize(response), stored: summarize(stored), stored_ok: stored.length, attempts: runs };
  log(`  slack form: stored median ${figures.stored.median.toFixed(1)} ms (${stored.length}/${runs})`);
  return figures;
}

function openerData(posted: RecordedActivity[]): Record<string, unknown> | undefined {
  for (const activity of posted) {
    const action = cardOf(activity)?.actions?.find((a) => (a.data as { verb?: string } | undefined)?.verb === 'form');
    if (action) return action.data as Record<string, unknown>;
  }
  return undefined;
}

const submitData = (body: InvokeResponseBody | undefined) => (dialogCardOf(body)?.actions?.[0]?.data ?? undefined) as Record<string, unknown> | undefined;

/** Mentor i types "meeting", opens the dialog (task/fetch) and submits it (task/submit). */
export async function benchTeamsForm(b: BenchBot, runs: number, log: (line: string) => void): Promise<FormFigures> {
  const response: number[] = [];
  const stored: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const mentor = 1 + (run % b.size.pairs);
    const scope: ActivityScope = { serviceUrl: b.teams.serviceUrl, user: { tenantId: BENCH_TENANT, aadObjectId: teamsUserId(mentor), name: `Mentor ${mentor}` } };
    const before = b.teams.activities().length;
    await postActivity(b.bot.url, messageActivity(scope, 'meeting'));
    const opener = openerData(b.teams.activities().slice(before));
    if (!opener) throw new Error(`Teams: "meeting" gave no form opener (${b.teams.activities().length - before} activities posted)`);
    const fetched = await postActivity(b.bot.url, invokeActivity(scope, 'task/fetch', { data: opener }));
    const data = submitData(fetched.body);
    if (!data) throw new Error(`Teams: task/fetch gave no dialog: ${JSON.stringify(fetched.body).slice(0, 300)}`);
    const topics = `Teams bench meeting ${run} ${Date.now()}`;
    const values = { ...data, date: b.today, duration: '45', format: 'VIDEO', topics };
    const started = performance.now();
    const polled = waitForMeeting(b, topics);
    const answer = await postActivity(b.bot.url, invokeActivity(scope, 'task/submit', { data: values }));
    const answeredMs = performance.now() - started;
    const storedMs = await polled;
    if (answer.status !== 200 || answer.body?.task?.type === 'continue') log(`  teams form run ${run}: unexpected answer ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    if (run === 0) continue;
    response.push(answeredMs);
    if (storedMs !== undefined) stored.push(storedMs);
  }
  const figures: FormFigures = { platform: 'Teams', response: summarize(response), stored: summarize(stored), stored_ok: stored.length, attempts: runs };
  log(`  teams form: stored median ${figures.stored.median.toFixed(1)} ms (${stored.length}/${runs})`);
  return figures;
}

