// Crashes under load: many simulated users (Slack commands, modal submissions, Teams messages) against
// one bot process (`src/main.ts` on a test PostgreSQL database, fakes of Slack and Teams), SIGKILL at
// a random moment, restart, and compare: every record the bot confirmed is stored, none twice — and
// the requests cut off by the crash, sent again as Slack and Teams retry them, are stored exactly once.
// Bounded (≈ 40 s); LOAD_SECONDS / LOAD_USERS for a longer, heavier run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBenchBot, type BenchBot } from '../../bench/bench-bot.js';
import { checkStored, driveUsers, LOAD_SIZE, replyOf, settleRecords, type Expectation } from '../../bench/load.js';
import { postgresReachable } from '../support/stores.js';

const seconds = Number(process.env.LOAD_SECONDS ?? 8);
const users = Number(process.env.LOAD_USERS ?? 40);
let b: BenchBot;

beforeAll(async () => {
  b = await startBenchBot({ size: { ...LOAD_SIZE, pairs: Math.ceil(users / 2), cpdPerParticipant: 2, meetingsPerPair: 4, reflectionsPerPair: 2 }, scheduler: true, teamsAccounts: users });
}, 120_000);

afterAll(async () => {
  await b?.close();
});

describe.skipIf(!postgresReachable())('a bot killed (SIGKILL) under load, on PostgreSQL', () => {
  it('keeps every confirmed record after a restart, and a retried request never makes a second one', async () => {
    const started = Date.now();
    // Kill at a random moment once the load is under way (some records confirmed), within the budget.
    const control = { stopAt: started + 60_000 };
    let killAt = 0;
    const killed = (async () => {
      const saved = () => b.slack.responses().filter((p) => /saved|logged/i.test(String((p.body as { text?: unknown }).text ?? ''))).length;
      while (saved() < 5 && Date.now() < started + 40_000) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, Math.random() * seconds * 1000));
      killAt = Date.now();
      await b.bot.kill();
      control.stopAt = Date.now() + 500;
    })();
    const run = await driveUsers(b, { users, stopAt: control, thinkMs: [300, 1200], seed: Math.floor(Math.random() * 1000) });
    await killed;

    // Everything the users were told before the crash.
    const before = run.expectations.map((e) => ({ e, reply: replyOf(b, e) }));
    const confirmed = before.filter((x) => x.reply.kind === 'saved').map((x) => x.e);
    expect(confirmed.length).toBeGreaterThan(0);

    await b.restart();
    // Cut off by the crash (no answer, or the HTTP request itself failed): sent again, identical.
    const cutOff = before.filter((x) => x.reply.kind === 'none' && x.e.resend).map((x) => x.e);
    const retried: Expectation[] = [];
    const queue = [...cutOff];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let e = queue.shift(); e; e = queue.shift()) {
          const status = await e.resend!().catch(() => 0);
          if (status === 200) retried.push(e);
        }
      }),
    );
    await settleRecords(b, confirmed.length + retried.length, 15_000);

    const kept = await checkStored(b, confirmed);
    expect(kept.lost, 'confirmed before the crash but not stored').toEqual([]);
    expect(kept.duplicated, 'stored twice').toEqual([]);

    // Retried ones: stored exactly once (whether or not the first attempt got through before the kill).
    const again = await checkStored(b, retried);
    expect(again.duplicated).toEqual([]);
    const afterRetry = retried.map((e) => replyOf(b, e));
    const savedOnRetry = retried.filter((_, i) => afterRetry[i]!.kind === 'saved');
    const retriedStored = await checkStored(b, savedOnRetry);
    expect(retriedStored.lost).toEqual([]);

    // Nothing at all is duplicated, confirmed or not.
    const all = await checkStored(b, run.expectations);
    expect(all.duplicated).toEqual([]);
    // The store is whole after the crash: no meeting without its reflection prompt and confirmation request.
    const partial = await b.db.$queryRawUnsafe<{ n: number }[]>(`
      SELECT count(*)::int AS n FROM "Meeting" m
       WHERE m."topics" LIKE '%Load test%' AND (NOT EXISTS (SELECT 1 FROM "ReflectionPrompt" r WHERE r."meetingId" = m."id" AND r."kind" = 'AFTER_MEETING')
          OR NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."idempotencyKey" = 'meeting-confirm:' || m."id"))`);
    expect(Number(partial[0]?.n)).toBe(0);
    // And it serves again.
    expect((await fetch(`${b.bot.url}/readyz`)).status).toBe(200);
    console.info(
      `crash-load: ${run.actions} actions, killed after ${((killAt - started) / 1000).toFixed(1)} s; ${confirmed.length} confirmed before the kill, ${cutOff.length} cut off and ${retried.length} retried; ${all.stored} stored, 0 lost, 0 duplicated`,
    );
  }, 120_000);
});
