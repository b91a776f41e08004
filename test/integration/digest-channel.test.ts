// Issue 12, findings 4 and 8, through the real Bolt app and the real teams-ai application over HTTP:
// the digest goes only to a channel the platform says is private (Slack conversations.info, Teams the
// channel's membership type), can be taken back (`channel off`), is listed in `status`, is posted in the
// digest channel it was asked for in; a Slack retry of `/mentorship digest` or of the digest's export
// button acts once.
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { englishWords } from '../support/french.js';
import { STORE_KINDS } from '../support/stores.js';
import { useSlackBot, type SlackBot } from '../fixtures/slack/harness.js';
import { CHANNEL, useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';

async function slackProgram(b: SlackBot) {
  const coordinator = await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], userId: 'UMENTOR' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], userId: 'UMENTEE' });
  await addPairing(b.ctx, mentor, mentee);
  b.slack.channels.set('CPUBLIC', { name: 'general' });
  b.slack.channels.set('GMPIM', { name: 'mpdm-cora--maria--ade-1', is_mpim: true });
  b.slack.channels.set('CCONNECT', { name: 'partners', is_private: true, is_ext_shared: true });
  b.slack.channels.set('CPRIV1', { name: 'coordinators', is_private: true });
  b.slack.channels.set('CPRIV2', { name: 'program-office', is_private: true });
  return { coordinator };
}

describe.each(STORE_KINDS)('Slack: the digest channel on %s', (store) => {
  const bot = useSlackBot({ store });
  const channelCommand = async (b: SlackBot, channelId: string, text = 'channel') => b.answer((await b.command('UCOORD', '/mentorship', text, { channelId })).responseId);

  it('refuses a public channel, a group DM, a Slack Connect channel and one it cannot see, each with the reason', async () => {
    const b = bot();
    await slackProgram(b);
    expect(await channelCommand(b, 'CPUBLIC')).toMatch(/not private \(it is a public channel anyone in the workspace can join\)/);
    expect(await channelCommand(b, 'GMPIM')).toMatch(/A group DM is not a channel/);
    expect(await channelCommand(b, 'CCONNECT')).toMatch(/shared with another organisation through Slack Connect/);
    expect(await channelCommand(b, 'CUNSEEN')).toMatch(/could not check that this channel is private \(Slack says the bot is not in it\)/);
    expect(await b.ctx.db.programChannel.count()).toBe(0);
    expect(b.slack.calls('conversations.info').map((c) => c.args.channel)).toEqual(['CPUBLIC', 'GMPIM', 'CCONNECT', 'CUNSEEN']);
  });

  it('gives a French coordinator the platform’s reasons in French', async () => {
    const b = bot();
    await b.person({ name: 'Claire Coordonnatrice', roles: ['COORDINATOR'], userId: 'UCOORDFR', language: 'fr' });
    b.slack.channels.set('CPUBLIC', { name: 'general' });
    b.slack.channels.set('CCONNECT', { name: 'partners', is_private: true, is_ext_shared: true });
    const canal = async (channelId: string) => (JSON.parse(await b.answer((await b.command('UCOORDFR', '/mentorship', 'canal', { channelId })).responseId)) as { text: string }).text;
    const refusals = [await canal('CPUBLIC'), await canal('CCONNECT'), await canal('CUNSEEN')];
    expect(refusals[0]).toContain('n’est pas privé (c’est un canal public que tout membre de l’espace de travail peut rejoindre)');
    expect(refusals[1]).toContain('(il est partagé avec une autre organisation par Slack Connect)');
    expect(refusals[2]).toContain('(Slack indique que le bot n’en fait pas partie)');
    expect(englishWords(refusals.join('\n'), ['Slack Connect'])).toEqual([]);
    expect(await b.ctx.db.programChannel.count()).toBe(0);
  });

  it('takes a private channel, lists it in status, and stops it with channel off', async () => {
    const b = bot();
    await slackProgram(b);
    expect(await channelCommand(b, 'CPRIV1')).toMatch(/will get the coordinator digest/);
    expect(await b.answer((await b.command('UCOORD', '/mentorship', 'status')).responseId)).toMatch(/Digest channels: Slack CPRIV1 \(since 2026-11-20\)/);
    expect(await channelCommand(b, 'CPRIV1', 'channel off')).toMatch(/no longer gets the coordinator digest/);
    expect(await b.ctx.db.programChannel.count()).toBe(0);
    expect(await b.answer((await b.command('UCOORD', '/mentorship', 'status')).responseId)).toMatch(/Digest channels: none yet/);
    expect(await channelCommand(b, 'CPRIV1', 'channel off')).toMatch(/does not get the coordinator digest: nothing to stop/);
  });

  it('posts /mentorship digest in the digest channel it was typed in, once despite a Slack retry', async () => {
    const b = bot();
    await slackProgram(b);
    await channelCommand(b, 'CPRIV1');
    await channelCommand(b, 'CPRIV2');
    const second = await b.ctx.db.programChannel.findFirstOrThrow({ where: { channelId: 'CPRIV2' } });
    for (const retryNum of [undefined, 1, 2]) {
      const { responseId } = await b.command('UCOORD', '/mentorship', 'digest', { channelId: 'CPRIV2', triggerId: '2020.2020.digest', ...(retryNum ? { retryNum } : {}) });
      expect(await b.answer(responseId)).toMatch(/Also posted in this channel/);
    }
    const queued = await b.ctx.db.notification.findMany({ where: { kind: 'digest' } });
    expect(queued.map((n) => n.channelId)).toEqual([second.id]);
  });

  it("acts once on the digest's export button when Slack retries the press", async () => {
    const b = bot();
    await slackProgram(b);
    for (const retryNum of [undefined, 1]) await b.press('UCOORD', 'digest.export', 'summary', { actionTs: '1763650000.123456', ...(retryNum ? { retryNum } : {}) });
    await b.slack.waitFor('files.completeUploadExternal');
    // A different press is a new request: it exports again.
    await b.press('UCOORD', 'digest.export', 'summary', { actionTs: '1763650099.000001' });
    await b.slack.waitFor('files.completeUploadExternal', () => b.slack.calls('files.completeUploadExternal').length >= 2);
    expect(await b.ctx.db.auditEvent.count({ where: { action: 'export.summary' } })).toBe(2);
    expect(b.slack.calls('files.completeUploadExternal')).toHaveLength(2);
  });
});

describe('Teams: the digest channel', () => {
  const bot = useTeamsBot();

  async function coordinator(b: TeamsBot) {
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], aad: 'aad-coord' });
  }
  const sayIn = (b: TeamsBot, scope: ReturnType<TeamsBot['scope']>, text: string) =>
    import('../support/fake-teams.js').then(async ({ messageActivity, postActivity, cardOf, cardText }) => {
      const before = b.teams.activities().length;
      await postActivity(b.app.url, messageActivity(scope, text));
      return b.teams.activities().slice(before).map((a) => cardText(cardOf(a))).join('\n');
    });

  it('refuses a standard channel, a shared channel and a group chat; takes a private channel', async () => {
    const b = bot();
    await coordinator(b);
    const base = b.scope('aad-coord');
    expect(await sayIn(b, { ...base, channel: { ...CHANNEL, type: 'standard' } }, 'mentorship channel')).toMatch(/everyone in the team reads it/);
    expect(await sayIn(b, { ...base, channel: { ...CHANNEL, type: 'shared' } }, 'mentorship channel')).toMatch(/people outside the team read it/);
    expect(await sayIn(b, { ...base, groupChat: '19:group-0001@thread.v2' }, 'mentorship channel')).toMatch(/A group chat is not a channel/);
    expect(await b.ctx.db.programChannel.count()).toBe(0);
    expect(await sayIn(b, { ...base, channel: { ...CHANNEL, type: 'private' } }, 'mentorship channel')).toMatch(/will get the coordinator digest/);
    expect(await b.ctx.db.programChannel.count()).toBe(1);
  });

  it("asks the connector for the channel's type when the activity does not carry it", async () => {
    const b = bot();
    await coordinator(b);
    expect(await sayIn(b, b.scope('aad-coord', 'channel'), 'mentorship channel')).toMatch(/could not check that this channel is private \(Teams did not list the team's channels \(404\)\)/);
    b.teams.teamChannels.set(CHANNEL.teamId, [{ id: CHANNEL.channelId, name: 'General', type: 'standard' }]);
    expect(await sayIn(b, b.scope('aad-coord', 'channel'), 'mentorship channel')).toMatch(/everyone in the team reads it/);
    expect(await b.ctx.db.programChannel.count()).toBe(0);
  });
});
