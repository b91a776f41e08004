// The load test: many simulated users (mentors and mentees, on Slack and on Teams) against one bot
// process on PostgreSQL with its scheduler running, for a few minutes: slash commands, one-line
// meeting and CPD logs, modal submissions and Teams messages, each user pausing between actions.
// Every record a user created carries a marker; afterwards each acknowledged one must be stored
// exactly once. `npx tsx bench/load.ts` runs it alone (LOAD_SECONDS, LOAD_USERS).
import { postSigned } from '../test/support/slack-sign.js';
import { slashCommand, typed, viewSubmission } from '../test/fixtures/slack/payloads.js';
import { cardOf, cardText, messageActivity, postActivity, type ActivityScope } from '../test/support/fake-teams.js';
import { BENCH_TENANT, startBenchBot, teamsUserId, type BenchBot } from './bench-bot.js';
import { seededSlackUserId, SEED_SLACK_TEAM, type SeedSize } from './seed.js';
import { summarize, type Summary } from './stats.js';
import { middayZone } from './outbox.bench.js';

export type LoadAction = 'progress' | 'meeting-line' | 'cpd-line' | 'meeting-modal' | 'teams-meeting' | 'teams-progress';

export interface LoadFigures {
  users: number;
  seconds: number;
  actions: number;
  perSecond: number;
  byAction: Record<string, Summary & { count: number; errors: number }>;
  /** HTTP answers other than 200, and requests that failed outright. */
  errors: number;
  /** Creations sent whose HTTP request was answered 200. */
  attempted: number;
  /** Records the bot told the user it saved. */
  created: number;
  /** Answered with a refusal or an error message instead (samples below). */
  refused: number;
  /** No answer came back at all. */
  unanswered: number;
  /** Of the refused or unanswered ones, how many are stored anyway. */
  storedWithoutConfirmation: number;
  refusalSamples: string[];
  stored: number;
  lost: number;
  duplicated: number;
  /** Outbox rows the scheduler delivered during the run. */
  notificationsSent: number;
}

/** Letters only, so no marker ever looks like a date, a PHIN or a duration to the parsers. */
export function marker(n: number): string {
  let s = '';
  let v = n + 26 * 26 * 26;
  while (v > 0) {
    s = String.fromCharCode(97 + (v % 26)) + s;
    v = Math.floor(v / 26);
  }
  return `mk${s}`;
}

export interface Expectation {
  table: 'Meeting' | 'CpdActivity';
  marker: string;
  /** Slack: the response_url id the bot answers on; Teams: the id of the activity it replies to. */
  slackResponseId?: string;
  teamsActivityId?: string;
  /** The submission's HTTP answer already said "saved" (modal). */
  confirmed?: boolean;
  /** Sends the very same request again (as Slack or Teams would retry it). */
  resend?: () => Promise<number>;
  /** The HTTP request was answered 200. */
  sent: boolean;
}

export interface LoadRun {
  figures: LoadFigures;
  expectations: Expectation[];
}

/**
 * Drives `users` simulated users against the bench bot until `stopAt`. Returns per-request latencies
 * and what was created (acknowledged), for the caller to check against the store.
 */
export async function driveUsers(
  b: BenchBot,
  /** stopAt: a time, or an object whose stopAt may move (a test that kills the bot ends the run then). */
  options: { users: number; stopAt: number | { stopAt: number }; thinkMs: [number, number]; seed?: number },
): Promise<{ latencies: Map<LoadAction, number[]>; errors: Map<LoadAction, number>; expectations: Expectation[]; actions: number }> {
  const latencies = new Map<LoadAction, number[]>();
  const errors = new Map<LoadAction, number>();
  const expectations: Expectation[] = [];
  const pairs = b.size.pairs;
  let counter = (options.seed ?? 0) * 1_000_000;
  let actions = 0;
  let failures = 0;
  let rand = (options.seed ?? 1) * 2654435761;
  const random = () => {
    rand = (rand * 1103515245 + 12345) % 2147483648;
    return rand / 2147483648;
  };

  const record = (action: LoadAction, ms: number, ok: boolean) => {
    const list = latencies.get(action) ?? [];
    list.push(ms);
    latencies.set(action, list);
    if (!ok) errors.set(action, (errors.get(action) ?? 0) + 1);
    actions++;
  };

  async function slash(user: string, command: string, text: string): Promise<{ ok: boolean; triggerId: string; responseId: string; resend: () => Promise<number> }> {
    const responseId = `load-${++counter}`;
    const { body, triggerId } = slashCommand({ command, text, userId: user, teamId: SEED_SLACK_TEAM, responseUrl: b.slack.responseUrl(responseId) });
    const resend = async () => (await postSigned(`${b.bot.url}/slack/events`, body, { retryNum: 1, retryReason: 'http_error' })).status;
    const answer = await postSigned(`${b.bot.url}/slack/events`, body).catch(() => ({ status: 0 }));
    return { ok: answer.status === 200, triggerId, responseId, resend };
  }

  async function act(index: number): Promise<void> {
    // Users 1..pairs are mentors, the rest mentees; the first ones also have a Teams account.
    const person = 1 + (index % (pairs * 2));
    const isMentor = person <= pairs;
    const user = seededSlackUserId(person);
    const roll = random();
    const started = performance.now();
    if (roll < 0.3) {
      const { ok } = await slash(user, '/progress', '');
      record('progress', performance.now() - started, ok);
    } else if (roll < 0.5) {
      const mark = marker(++counter);
      const { ok, responseId, resend } = await slash(user, '/meeting', `45m video Load test topics ${mark}`);
      record('meeting-line', performance.now() - started, ok);
      expectations.push({ table: 'Meeting', marker: mark, slackResponseId: responseId, resend, sent: ok });
    } else if (roll < 0.7) {
      const mark = marker(++counter);
      const { ok, responseId, resend } = await slash(user, '/cpd', `1.5h group Load test journal club ${mark}`);
      record('cpd-line', performance.now() - started, ok);
      expectations.push({ table: 'CpdActivity', marker: mark, slackResponseId: responseId, resend, sent: ok });
    } else if (roll < 0.85 && isMentor) {
      const { ok, triggerId } = await slash(user, '/meeting', '');
      const opened = ok ? await b.slack.waitFor('views.open', (c) => c.args.trigger_id === triggerId, 30_000).catch(() => undefined) : undefined;
      if (!opened) {
        record('meeting-modal', performance.now() - started, false);
        return;
      }
      const mark = marker(++counter);
      const values = {
        date: { date: typed.date(b.today) },
        duration: { duration: typed.text('30m') },
        format: { format: typed.select('PHONE') },
        topics: { topics: typed.text(`Load test modal ${mark}`) },
      };
      const t = performance.now();
      const answer = await postSigned(`${b.bot.url}/slack/events`, viewSubmission({ userId: user, teamId: SEED_SLACK_TEAM, view: opened.args.view as Record<string, unknown>, values }));
      const ok2 = answer.status === 200 && answer.json === undefined;
      record('meeting-modal', performance.now() - t, ok2);
      if (ok2) expectations.push({ table: 'Meeting', marker: mark, confirmed: true, sent: true });
    } else {
      const scope: ActivityScope = { serviceUrl: b.teams.serviceUrl, user: { tenantId: BENCH_TENANT, aadObjectId: teamsUserId(person), name: `User ${person}` } };
      if (isMentor) {
        const mark = marker(++counter);
        const activity = messageActivity(scope, `meeting 30m chat Load test teams ${mark}`);
        const answer = await postActivity(b.bot.url, activity).catch(() => ({ status: 0 }));
        record('teams-meeting', performance.now() - started, answer.status === 200);
        const resend = async () => (await postActivity(b.bot.url, activity)).status;
        expectations.push({ table: 'Meeting', marker: mark, teamsActivityId: String(activity.id), resend, sent: answer.status === 200 });
      } else {
        const answer = await postActivity(b.bot.url, messageActivity(scope, 'progress'));
        record('teams-progress', performance.now() - started, answer.status === 200);
      }
    }
  }

  const user = async (index: number) => {
    // Spread the first actions over the think time, as real users do not all start at once.
    await new Promise((r) => setTimeout(r, random() * options.thinkMs[1]));
    const stopAt = () => (typeof options.stopAt === 'number' ? options.stopAt : options.stopAt.stopAt);
    while (Date.now() < stopAt()) {
      await act(index).catch(() => {
        failures++;
      });
      const [lo, hi] = options.thinkMs;
      await new Promise((r) => setTimeout(r, lo + random() * (hi - lo)));
    }
  };
  await Promise.all(Array.from({ length: options.users }, (_, i) => user(i)));
  if (failures) errors.set('progress', (errors.get('progress') ?? 0) + failures);
  return { latencies, errors, expectations, actions };
}

/** What the bot told the user about a record they asked for: saved, refused (with its words), or nothing. */
export function replyOf(b: BenchBot, e: Expectation): { kind: 'saved' | 'refused' | 'none'; text: string } {
  if (e.confirmed) return { kind: 'saved', text: '' };
  let text: string | undefined;
  if (e.slackResponseId) {
    const post = b.slack.responses(e.slackResponseId)[0];
    text = post ? String((post.body as { text?: unknown }).text ?? JSON.stringify(post.body)) : undefined;
  } else if (e.teamsActivityId) {
    const replies = b.teams.activities((a) => a.replyToId === e.teamsActivityId);
    text = replies.length ? replies.map((a) => `${a.body.text ?? ''} ${cardText(cardOf(a))}`).join(' ') : undefined;
  }
  if (text === undefined) return { kind: 'none', text: '' };
  const saved = /\b(saved|logged)\b/i.test(text) && !/nothing (was|is) saved|not saved|went wrong/i.test(text);
  return { kind: saved ? 'saved' : 'refused', text };
}

/** Counts, per expected marker, the stored rows carrying it. */
export async function checkStored(b: BenchBot, expectations: Expectation[]): Promise<{ stored: number; lost: string[]; duplicated: string[] }> {
  const counts = new Map<string, number>();
  const meetings = await b.db.$queryRawUnsafe<{ m: string; n: number }[]>(
    `SELECT substring("topics" from 'mk[a-z]+') AS m, count(*)::int AS n FROM "Meeting" WHERE "topics" LIKE '%Load test%' GROUP BY 1`,
  );
  const cpd = await b.db.$queryRawUnsafe<{ m: string; n: number }[]>(
    `SELECT substring("title" from 'mk[a-z]+') AS m, count(*)::int AS n FROM "CpdActivity" WHERE "title" LIKE '%Load test%' GROUP BY 1`,
  );
  for (const row of [...meetings, ...cpd]) counts.set(row.m, (counts.get(row.m) ?? 0) + Number(row.n));
  const lost: string[] = [];
  const duplicated: string[] = [];
  let stored = 0;
  for (const e of expectations) {
    const n = counts.get(e.marker) ?? 0;
    if (n === 0) lost.push(e.marker);
    else stored++;
    if (n > 1) duplicated.push(e.marker);
  }
  return { stored, lost, duplicated };
}

/** Waits until the count of marked records stops changing (work the bot does after acknowledging). */
export async function settleRecords(b: BenchBot, expected: number, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs;
  let last = -1;
  let stable = 0;
  while (Date.now() < until) {
    const rows = await b.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT ((SELECT count(*) FROM "Meeting" WHERE "topics" LIKE '%Load test%') + (SELECT count(*) FROM "CpdActivity" WHERE "title" LIKE '%Load test%'))::int AS n`,
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n >= expected) return;
    stable = n === last ? stable + 1 : 0;
    // Nothing new for five seconds: whatever is missing is not coming.
    if (stable >= 10) return;
    last = n;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const LOAD_SIZE: SeedSize = { pairs: 100, meetingsPerPair: 12, cpdPerParticipant: 10, reflectionsPerPair: 10, goalsPerMentee: 1 };

export async function runLoadTest(options: { users: number; seconds: number }, log: (line: string) => void): Promise<LoadFigures> {
  const pairs = Math.max(1, Math.ceil(options.users / 2));
  const b = await startBenchBot({ size: { ...LOAD_SIZE, pairs }, scheduler: true, teamsAccounts: pairs * 2 });
  try {
    // Everyone lives where it is midday, so the outbox delivers during the run whatever the hour here.
    await b.db.$executeRawUnsafe(`UPDATE "Person" SET "timeZone" = '${middayZone()}'`);
    const started = Date.now();
    const run = await driveUsers(b, { users: options.users, stopAt: started + options.seconds * 1000, thinkMs: [2000, 5000], seed: 7 });
    const seconds = (Date.now() - started) / 1000;
    await settleRecords(b, run.expectations.filter((e) => e.sent).length);
    // A record counts as acknowledged when the bot told the user it was saved; refusals are listed.
    const sent = run.expectations.filter((e) => e.sent);
    const replies = sent.map((e) => ({ e, reply: replyOf(b, e) }));
    const acknowledged = replies.filter((r) => r.reply.kind === 'saved').map((r) => r.e);
    const refused = replies.filter((r) => r.reply.kind === 'refused');
    const unanswered = replies.filter((r) => r.reply.kind === 'none').length;
    const check = await checkStored(b, acknowledged);
    const storedWithoutConfirmation = (await checkStored(b, replies.filter((r) => r.reply.kind !== 'saved').map((r) => r.e))).stored;
    const refusalSamples = [...new Set(refused.map((r) => r.reply.text.slice(0, 160)))].slice(0, 5);
    const byAction: LoadFigures['byAction'] = {};
    let errors = 0;
    for (const [action, list] of run.latencies) {
      const e = run.errors.get(action) ?? 0;
      errors += e;
      byAction[action] = { ...summarize(list), count: list.length, errors: e };
    }
    const notificationsSent = await b.db.notification.count({ where: { status: 'SENT' } });
    const figures: LoadFigures = {
      users: options.users,
      seconds,
      actions: run.actions,
      perSecond: run.actions / seconds,
      byAction,
      errors,
      attempted: sent.length,
      created: acknowledged.length,
      refused: refused.length,
      unanswered,
      storedWithoutConfirmation,
      refusalSamples,
      stored: check.stored,
      lost: check.lost.length,
      duplicated: check.duplicated.length,
      notificationsSent,
    };
    log(`  load: ${run.actions} actions in ${seconds.toFixed(0)} s (${figures.perSecond.toFixed(1)}/s), ${errors} errors, ${figures.created} records acknowledged (${figures.refused} refused, ${unanswered} unanswered), ${figures.lost} lost, ${figures.duplicated} duplicated`);
    for (const sample of refusalSamples) log(`    refused: ${sample}`);
    for (const mark of check.lost.slice(0, 5)) {
      const e = acknowledged.find((x) => x.marker === mark)!;
      log(`    lost: ${e.table} ${mark} via ${e.slackResponseId ? 'Slack command' : e.teamsActivityId ? 'Teams message' : 'Slack modal'}: ${replyOf(b, e).text.slice(0, 160)}`);
    }
    return figures;
  } finally {
    await b.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const users = Number(process.env.LOAD_USERS ?? 200);
  const seconds = Number(process.env.LOAD_SECONDS ?? 120);
  runLoadTest({ users, seconds }, (l) => process.stdout.write(`${l}\n`))
    .then((f) => process.stdout.write(`${JSON.stringify(f, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
