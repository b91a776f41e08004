// The outbox paces Teams sends to the documented per-conversation limits (7/1 s, 8/2 s, 60/30 s,
// 1,800/h) instead of learning them from 429s, and retries the documented transient statuses.
// Through the real app (startApp, teams-ai) and the outbox, with the fake Bot Connector enforcing the
// limits as Teams does; the rates are checked on the times the fake received each post.
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { queueNotifications } from '../../src/core/services/outbox.js';
import { message } from '../../src/core/ui/message.js';
import { TEAMS_CONVERSATION_LIMITS } from '../../src/teams/pace.js';
import { cardOf, cardText } from '../support/fake-teams.js';

const bot = useTeamsBot();

/** A mentee whose personal chat with the bot is known (they wrote to it once). */
async function menteeInChat(b: TeamsBot) {
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], aad: 'aad-mentee' });
  await addPairing(b.ctx, mentor, mentee);
  await b.say('aad-mentee', 'progress');
  b.teams.reset();
  return mentee;
}

const queue = (b: TeamsBot, personId: string, keys: string[]) =>
  queueNotifications(
    b.ctx.db,
    keys.map((key) => ({ programId: b.ctx.program.id, personId, kind: 'welcome', idempotencyKey: `test:${key}`, payload: message(`Message ${key}`), dueAt: b.ctx.clock.now() })),
  );

describe('Teams send limits', () => {
  it('a burst of 100 proactive messages to one conversation stays within every documented window, and loses none', { timeout: 180_000 }, async () => {
    const b = bot();
    const mentee = await menteeInChat(b);
    b.teams.enforceRateLimits(true);
    const keys = Array.from({ length: 100 }, (_, i) => String(i).padStart(3, '0'));
    await queue(b, mentee.personId, keys);

    const scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false });
    await scheduler.tick();

    const posted = b.teams.activities((a) => a.conversationId === 'a:personal-aad-mentee');
    expect(b.teams.throttled()).toBe(0);
    // Each exactly once (rows due at the same time go in no particular order).
    expect(posted.map((a) => cardText(cardOf(a))).sort()).toEqual(keys.map((k) => `Message ${k}`));
    expect(await b.ctx.db.notification.count({ where: { status: 'SENT', idempotencyKey: { startsWith: 'test:' } } })).toBe(100);
    // In any span of `ms`, at most `count` posts arrived: post i+count came at least `ms` after post i.
    const at = posted.map((a) => a.at);
    for (const { count, ms } of TEAMS_CONVERSATION_LIMITS) {
      for (let i = 0; i + count < at.length; i++) expect(at[i + count]! - at[i]!, `posts ${i} and ${i + count} (${count} per ${ms} ms)`).toBeGreaterThanOrEqual(ms);
    }
    // And the pace was the limits', not a crawl: the 60-per-30 s window was used up.
    expect(at[59]! - at[0]!).toBeLessThan(30_000);
  });

  it.each([412, 502, 504, 429])('a %i from the connector is retried by the outbox, and the message arrives once', async (status) => {
    const b = bot();
    const mentee = await menteeInChat(b);
    await queue(b, mentee.personId, ['retry']);
    b.teams.failNext(1, status, status === 429 ? { 'retry-after': '2' } : {});

    const scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false });
    await scheduler.tick();
    const after = await b.ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: 'test:retry' } });
    expect(after.status).toBe('PENDING');
    expect(after.dueAt.getTime()).toBeGreaterThan(b.ctx.clock.now().getTime());
    expect(b.teams.activities()).toHaveLength(0);

    // Later, once the backoff (or Retry-After) has passed, it goes.
    b.clock.set(new Date(after.dueAt.getTime() + 1_000).toISOString());
    const again = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false });
    await again.tick();
    expect((await b.ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: 'test:retry' } })).status).toBe('SENT');
    expect(b.teams.activities().map((a) => cardText(cardOf(a)))).toEqual(['Message retry']);
  });
});
