// Reaching people first on Teams, through the real teams-ai application over HTTP against the fake
// Bot Connector, on both stores: enrolling and pairing by @mention in a channel of members who never
// used the bot (described by the connector's member lookup, created with their real names), their
// first message opened proactively; someone with only an email is held with the reason and the fix.
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/services/digest.service.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/index.js';
import { CHANNEL, TENANT, useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';
import { cardOf, cardText, messageActivity, postActivity, type MentionSpec } from '../support/fake-teams.js';
import { STORE_KINDS } from '../support/stores.js';

describe.each(STORE_KINDS)('reaching people first on Teams (%s)', (kind) => {
  const bot = useTeamsBot({ store: kind });
  let scheduler: Scheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
  });

  /** Types `text` in the team channel with these people @mentioned; what the bot answered (privately). */
  async function inChannel(b: TeamsBot, aad: string, text: string, mentions: MentionSpec[]): Promise<string> {
    const before = b.teams.activities().length;
    const { status } = await postActivity(b.app.url, messageActivity(b.scope(aad, 'channel'), text, mentions));
    expect(status).toBe(200);
    return b.teams.activities().slice(before).map((a) => cardText(cardOf(a)) || String(a.body.text ?? '')).join('\n');
  }

  it('enrolls and pairs by @mention in a channel members who never used the bot, with their real names, and reaches them', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], aad: 'aad-coord' });
    b.teams.members.set('aad-noor', { name: 'Dr Noor Haddad', email: 'noor.haddad@example.org' });
    b.teams.members.set('aad-omar', { name: 'Dr Omar Said', userPrincipalName: 'omar.said@example.org' });
    const noor = { name: 'Dr Noor Haddad', aadObjectId: 'aad-noor' };
    const omar = { name: 'Dr Omar Said', aadObjectId: 'aad-omar' };
    // The coordinator has a personal chat with the bot: the tenant's Bot Connector is known from it.
    await b.say('aad-coord', 'mentorship help');

    expect(await inChannel(b, 'aad-coord', 'mentorship enroll <at>Dr Noor Haddad</at> as mentor', [noor])).toContain('Enrolled Dr Noor Haddad as mentor');
    expect(await inChannel(b, 'aad-coord', 'mentorship enroll <at>Dr Omar Said</at> as mentee pathway PRA-MB-SP', [omar])).toContain('Enrolled Dr Omar Said as mentee');
    expect(await inChannel(b, 'aad-coord', 'mentorship pair <at>Dr Noor Haddad</at> with <at>Dr Omar Said</at>', [noor, omar])).toContain(
      'Paired Dr Noor Haddad (mentor) with Dr Omar Said (mentee)',
    );
    // Looked up in the team the command was typed in.
    expect(b.teams.memberLookups()).toEqual(expect.arrayContaining([{ conversationId: CHANNEL.teamId, userId: '29:aad-noor' }]));
    const person = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'omar.said@example.org' }, include: { chatAccounts: true } });
    expect(person.name).toBe('Dr Omar Said');
    expect(person.chatAccounts).toMatchObject([{ platform: 'TEAMS', workspaceId: TENANT, userId: 'aad-omar' }]);

    // Their welcome opens a personal chat with each of them (the app installed tenant-wide).
    scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger });
    await scheduler.tick();
    const opened = b.teams.conversations().map((c) => c.body.members?.[0]?.id);
    expect(opened).toEqual(expect.arrayContaining(['aad-noor', 'aad-omar']));
  }, 120_000);

  it('refuses a mention of someone who is not a member of the team, creating nobody', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], aad: 'aad-coord' });
    const said = await inChannel(b, 'aad-coord', 'mentorship enroll <at>Dr Ghost</at> as mentor', [{ name: 'Dr Ghost', aadObjectId: 'aad-ghost' }]);
    expect(said).toContain('They are not a member of the team or chat this was typed in');
    expect(await b.ctx.db.person.count()).toBe(1);
  }, 120_000);

  it('holds the messages of someone known only by email, reports them once with the fix, and reaches them when they open the app', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], aad: 'aad-coord' });
    const said = await b.say('aad-coord', 'mentorship enroll lena@example.org as mentee');
    expect(said.text).toContain('Enrolled');
    scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger });
    await scheduler.tick();
    const lena = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'lena@example.org' } });
    const held = await b.ctx.db.notification.findFirstOrThrow({ where: { personId: lena.id } });
    expect(held).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(held.lastError).toContain('no Teams account known for lena@example.org');
    expect(held.lastError).toContain('TEAMS_GRAPH=true');
    const digest = JSON.stringify(await buildDigest(b.ctx));
    expect(digest).toContain('Cannot be reached (1)');

    // Lena opens the app: the installation links her by email and the welcome goes.
    b.teams.members.set('aad-lena', { name: 'Dr Lena Berg', email: 'lena@example.org' });
    await postActivity(b.app.url, { ...messageActivity(b.scope('aad-lena'), ''), type: 'installationUpdate', action: 'add', text: undefined });
    await scheduler.tick();
    expect((await b.ctx.db.notification.findFirstOrThrow({ where: { personId: lena.id } })).status).toBe('SENT');
    expect(b.teams.activities((a) => a.conversationId === 'a:personal-aad-lena' && JSON.stringify(a.body).includes('Welcome')).length).toBeGreaterThan(0);
  }, 120_000);
});
