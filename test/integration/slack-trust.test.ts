// Issue 12, finding 2, through the real Bolt app over HTTP: the bot token's workspace (auth.test) is
// trusted; a signed request from another workspace, whose profile carries the coordinator's email, is
// refused with a clear answer and an audit event, and nothing is linked or exported.
import { describe, expect, it } from 'vitest';
import { addPerson } from '../support/fixtures.js';
import { STORE_KINDS } from '../support/stores.js';
import { postSigned } from '../support/slack-sign.js';
import { textOf, useSlackBot } from '../fixtures/slack/harness.js';
import { slashCommand, TEAM_ID } from '../fixtures/slack/payloads.js';

describe.each(STORE_KINDS)('Slack: only the trusted workspace, on %s', (store) => {
  const bot = useSlackBot({ store });

  it("refuses a user of another workspace who claims the coordinator's email, and links them nowhere", async () => {
    const b = bot();
    await addPerson(b.ctx, { name: 'Cora Coordinator', email: 'coord@example.org', roles: ['COORDINATOR'] });
    b.slack.users.set('UEVIL', { email: 'coord@example.org', name: 'Not Cora', tz: 'America/Winnipeg', teamId: 'T0666' });
    const responseId = 'trust-1';
    const { body } = slashCommand({ command: '/mentorship', text: 'export participants', userId: 'UEVIL', teamId: 'T0666', responseUrl: b.slack.responseUrl(responseId) });
    expect((await postSigned(b.eventsUrl, body)).status).toBe(200);
    const answer = textOf((await b.slack.waitForResponse(responseId)).body);
    expect(answer).toMatch(/does not accept requests from this Slack workspace \(T0666\)/);
    expect(answer).not.toContain('coord@example.org');
    expect(await b.ctx.db.chatAccount.count()).toBe(0);
    expect(b.slack.calls().filter((c) => c.method === 'users.info' || c.method.startsWith('files.'))).toEqual([]);
    expect(await b.ctx.db.auditEvent.findMany({ where: { action: 'access.untrusted-workspace' } })).toEqual([
      expect.objectContaining({ detail: { platform: 'SLACK', workspaceId: 'T0666', userId: 'UEVIL' } }),
    ]);

    // The same address in the bot's own workspace is linked as before.
    b.slack.users.set('UCORA', { email: 'coord@example.org', name: 'Cora Coordinator', tz: 'America/Winnipeg', teamId: TEAM_ID });
    const { responseId: ok } = await b.command('UCORA', '/mentorship', 'status');
    expect(await b.answer(ok)).not.toMatch(/does not accept/);
    expect(await b.ctx.db.chatAccount.findMany({ select: { workspaceId: true, userId: true } })).toEqual([{ workspaceId: TEAM_ID, userId: 'UCORA' }]);
  });

  it('answers /progress <email> the same for a stored and an unknown address (issue 12 #9)', async () => {
    const b = bot();
    await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], userId: 'UMENTEE' });
    await addPerson(b.ctx, { name: 'Dr Olga Other', email: 'olga.other@example.org', roles: ['MENTEE'] });
    const ask = async (text: string) => (await b.answer((await b.command('UMENTEE', '/progress', text)).responseId)).replace(/"response_type":"\w+",?/, '');
    const stored = await ask('olga.other@example.org');
    expect(stored).toMatch(/You can only see your own records/);
    expect(await ask('nobody.here@example.org')).toBe(stored);
  });
});

