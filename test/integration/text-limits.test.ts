// Issue 12, findings 3 and 7, through the real Bolt app and the real teams-ai application over HTTP:
// a text longer than core takes is refused at the door with the limit named (before any parser or
// the identifier check reads it), the one-line /meeting keeps the form's limit on topics, and a NUL
// typed in a text is removed instead of failing in PostgreSQL ("Something went wrong").
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { STORE_KINDS } from '../support/stores.js';
import { useSlackBot } from '../fixtures/slack/harness.js';
import { openerData, submitData, TODAY, useTeamsBot } from '../fixtures/teams/harness.js';
import { MAX_COMMAND_LENGTH, MAX_TEXT_LENGTH } from '../../src/core/domain/limits.js';

const limit = (n: number) => n.toLocaleString('en-CA');

describe.each(STORE_KINDS)('Slack: text limits on %s', (store) => {
  const bot = useSlackBot({ store });

  async function pair() {
    const b = bot();
    const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], userId: 'UMENTOR' });
    const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], userId: 'UMENTEE' });
    await addPairing(b.ctx, mentor, mentee);
    return b;
  }

  it('refuses an 80,000-character /meeting line with the limit named, and the bot keeps answering', async () => {
    const b = await pair();
    const { status, responseId } = await b.command('UMENTOR', '/meeting', `today 45m video ${'A'.repeat(80_000)}`);
    expect(status).toBe(200);
    const answer = await b.answer(responseId);
    expect(answer).toContain(`at most ${limit(MAX_COMMAND_LENGTH)} on one line`);
    expect(answer).toContain('/meeting alone');
    expect((await fetch(`${b.app.url}/healthz`)).status).toBe(200);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });

  it('keeps the form\'s 3,000-character limit on topics typed on one line', async () => {
    const b = await pair();
    const { responseId } = await b.command('UMENTOR', '/meeting', `today 45m video ${'Billing '.repeat(400)}`);
    expect(await b.answer(responseId)).toMatch(/Keep the topics under 3000 characters \(they have 3199\)/);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });

  it('saves a line with a NUL in it, without the NUL, instead of "Something went wrong"', async () => {
    const b = await pair();
    const { responseId } = await b.command('UMENTOR', '/meeting', 'today 45m video Billing\u0000 codes\u0007');
    const answer = await b.answer(responseId);
    expect(answer).toContain('Meeting saved');
    expect(answer).not.toMatch(/Something went wrong/);
    expect((await b.ctx.db.meeting.findFirstOrThrow()).topics).toBe('Billing codes');
  });

  it('refuses a thread reply longer than an answer takes, naming the limit', async () => {
    const b = await pair();
    await b.event({ type: 'message', channel: 'DUMENTEE', channel_type: 'im', user: 'UMENTEE', text: 'x'.repeat(MAX_TEXT_LENGTH + 1), ts: '1763650001.000100', thread_ts: '1763650000.000100', event_ts: '1763650001.000100' });
    const posted = await b.slack.waitFor('chat.postMessage', (c) => JSON.stringify(c.args).includes('an answer takes at most'));
    expect(JSON.stringify(posted.args)).toContain(`at most ${limit(MAX_TEXT_LENGTH)}`);
  });
});

describe('Teams: text limits', () => {
  const bot = useTeamsBot();

  it('refuses a 300 KB one-line meeting with the limit named, and a dialog field over the limit on its field', async () => {
    const b = bot();
    const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
    const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], aad: 'aad-mentee' });
    await addPairing(b.ctx, mentor, mentee);

    const said = await b.say('aad-mentor', `meeting today 45m video ${'<'.repeat(300_000)}`);
    expect(said.status).toBe(200);
    expect(said.text).toContain(`at most ${limit(MAX_COMMAND_LENGTH)} on one line`);

    const fetched = await b.invoke('aad-mentor', 'task/fetch', openerData(await b.say('aad-mentor', 'meeting')));
    const answered = await b.invoke('aad-mentor', 'task/submit', { ...submitData(fetched.body), date: TODAY, duration: '45', format: 'VIDEO', topics: 'Billing', notes: 'n'.repeat(MAX_TEXT_LENGTH + 10) });
    expect(answered.body?.task?.type).toBe('continue');
    expect(JSON.stringify(answered.body)).toContain(`Keep this under ${limit(MAX_TEXT_LENGTH)} characters (it has ${limit(MAX_TEXT_LENGTH + 10)})`);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });
});
