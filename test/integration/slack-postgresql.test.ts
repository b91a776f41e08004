// The representative Slack path once more on PostgreSQL (the other Slack files run on PGlite): a
// meeting logged with a slash command, retried by Slack, delivered to the mentee, confirmed by button.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.js';
import { addPairing } from '../support/fixtures.js';
import { useSlackBot } from '../fixtures/slack/harness.js';

const bot = useSlackBot({ store: 'postgresql' });

describe('Slack on PostgreSQL', () => {
  it('logs a meeting once despite a retry, delivers it to the mentee and stores the confirmation', async () => {
    const b = bot();
    const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], userId: 'UMENTOR' });
    const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], userId: 'UMENTEE' });
    await addPairing(b.ctx, mentor, mentee);

    for (const retryNum of [undefined, 1]) {
      const { responseId } = await b.command('UMENTOR', '/meeting', 'today 1h video Handover', { triggerId: '1010.1010.pg', ...(retryNum ? { retryNum } : {}) });
      expect(await b.answer(responseId)).toMatch(retryNum ? /already saved/ : /Meeting saved/);
    }
    expect(await b.ctx.db.meeting.count()).toBe(1);

    await createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false }).tick();
    const dm = await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTEE' && JSON.stringify(c.args.blocks).includes('meeting.confirm'));
    const meeting = await b.ctx.db.meeting.findFirstOrThrow();
    expect(JSON.stringify(dm.args.blocks)).toContain(meeting.id);

    const { responseId } = await b.press('UMENTEE', 'meeting.confirm', meeting.id);
    expect(await b.answer(responseId)).toContain('confirmed');
    expect((await b.ctx.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).confirmation).toBe('CONFIRMED');
  });

  it('refuses a forged request', async () => {
    const b = bot();
    const res = await b.command('UMENTOR', '/meeting', 'today 1h video Forged', { signature: null });
    expect(res.status).toBe(401);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });
});
