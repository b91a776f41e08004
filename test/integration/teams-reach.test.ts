// Reaching people first on Teams, through the real teams-ai application over HTTP against the fake
// Bot Connector, on both stores: enrolling and pairing by @mention in a channel of members who never
// used the bot (described by the connector's member lookup, created with their real names), their
// first message opened proactively; someone with only an email is held with the reason and the fix.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/context.js';
import type { Directory } from '../../src/core/directory.js';
import { createGraphDirectory } from '../../src/teams/graph.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { buildDigest } from '../../src/core/services/digest.service.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/index.js';
import { CHANNEL, TENANT, useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';
import { cardOf, cardText, messageActivity, postActivity, type MentionSpec } from '../support/fake-teams.js';
import { STORE_KINDS } from '../support/stores.js';
import { heldText } from '../support/held.js';

describe.each(STORE_KINDS)('reaching people first on Teams (%s)', (kind) => {
  const bot = useTeamsBot({ store: kind });
  let scheduler: Scheduler | undefined;
  let graph: FakeGraph;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    graph = await startFakeGraph({ tenantId: TENANT, catalogAppId: 'catalog-mentorship' });
  });
  afterAll(() => graph.close());
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    restore?.();
    restore = undefined;
    graph.reset();
  });

  /**
   * The Teams directory with the Graph path on, as src/app.ts builds it for TEAMS_GRAPH=true (that
   * needs TEAMS_APP_ID, which turns Bot Framework auth on: the harness runs without it).
   */
  function withGraph(b: TeamsBot): { lines: { level: string; msg?: string }[] } {
    const lines: { level: string; msg?: string }[] = [];
    const log = (level: string) => (_obj: object, msg?: string) => void lines.push({ level, msg });
    const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const path = createGraphDirectory({
      graphUrl: graph.graphUrl,
      loginUrl: graph.loginUrl,
      tenantId: TENANT,
      clientId: graph.clientId,
      clientSecret: graph.clientSecret,
      catalogAppId: 'catalog-mentorship',
      botAppId: graph.clientId,
      serviceUrlFor: async () => b.teams.serviceUrl,
      clock: b.clock,
      logger,
    });
    const directories = b.ctx.directories!;
    const index = directories.findIndex((d) => d.platform === 'TEAMS');
    const original = directories[index]!;
    const teams: Directory = { ...original, findByEmail: (email) => path.findByEmail(email), openDirect: (account) => path.openDirect(account) };
    directories[index] = teams;
    restore = () => {
      directories[index] = original;
    };
    return { lines };
  }

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
    expect(said).toContain('I could not look them up: they are not a member of the team or chat this was typed in');
    expect(await b.ctx.db.person.count()).toBe(1);
  }, 120_000);

  it('Graph path: finds someone known only by email, installs the app for them, reads the chat id and sends the first DM', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], aad: 'aad-coord' });
    withGraph(b);
    graph.users.set('aad-lena', { mail: 'lena@example.org', displayName: 'Dr Lena Berg' });
    graph.users.set('aad-max', { userPrincipalName: 'max@example.org', displayName: 'Dr Max Roy' });
    graph.installedFor.add('aad-max'); // installed before (tenant-wide): Graph answers 409 to the install
    for (const email of ['lena@example.org', 'max@example.org']) expect((await b.say('aad-coord', `mentorship enroll ${email} as mentee`)).text).toContain('Enrolled');

    scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger });
    await scheduler.tick();
    for (const [aad, email] of [['aad-lena', 'lena@example.org'], ['aad-max', 'max@example.org']] as const) {
      const dm = b.teams.activities((a) => a.conversationId === graph.chatIdOf(aad));
      expect(dm.map((a) => JSON.stringify(a.body)).join()).toContain('Welcome');
      const person = await b.ctx.db.person.findUniqueOrThrow({ where: { email }, include: { chatAccounts: true } });
      expect(person.chatAccounts).toMatchObject([{ platform: 'TEAMS', workspaceId: TENANT, userId: aad, conversationRef: { conversation: { id: graph.chatIdOf(aad) } } }]);
    }
    expect(graph.calls((c) => c.method === 'POST').map((c) => c.path)).toEqual(expect.arrayContaining(['users/aad-lena/teamwork/installedApps', 'users/aad-max/teamwork/installedApps']));
    expect(graph.calls((c) => c.path === 'users/lena@example.org')).toHaveLength(1);
    expect(graph.tokensIssued()).toBe(1);
    // The next message reuses the chat: no Graph call.
    const before = graph.calls().length;
    await scheduler.tick();
    expect(graph.calls()).toHaveLength(before);
  }, 120_000);

  it('Graph path: 404, 403 and 429 are answered with a clear reason (and log line) and no retry storm', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], aad: 'aad-coord' });
    const { lines } = withGraph(b);
    expect((await b.say('aad-coord', 'mentorship enroll nobody@example.org as mentee')).text).toContain('Enrolled');
    const nobody = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'nobody@example.org' } });
    scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger });
    await scheduler.tick();
    const held = await b.ctx.db.notification.findFirstOrThrow({ where: { personId: nobody.id } });
    expect(held).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(heldText(held.lastError)).toBe(`no user nobody@example.org in the Microsoft 365 tenant ${TENANT}: check the address, or add teams_user_id to the roster`);
    const calls = graph.calls().length;
    b.clock.advanceMinutes(1);
    await scheduler.tick();
    b.clock.advanceMinutes(30);
    await scheduler.tick();
    expect(graph.calls()).toHaveLength(calls);

    // 403: the registration lacks User.Read.All.
    graph.permissions.delete('User.Read.All');
    graph.users.set('aad-ida', { mail: 'ida@example.org', displayName: 'Dr Ida Lund' });
    expect((await b.say('aad-coord', 'mentorship enroll ida@example.org as mentee')).text).toContain('Enrolled');
    const ida = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'ida@example.org' } });
    await scheduler.tick();
    const refused = await b.ctx.db.notification.findFirstOrThrow({ where: { personId: ida.id } });
    expect(heldText(refused.lastError)).toBe('Microsoft Graph refused to look up ida@example.org: the app registration needs the application permission User.Read.All, with admin consent');
    expect(refused.dueAt.getTime()).toBeGreaterThan(b.clock.now().getTime());
    expect(lines).toContainEqual({ level: 'error', msg: expect.stringContaining('grant the app registration the application permission User.Read.All') });

    // 429: asked again after Retry-After, then reached.
    graph.permissions.add('User.Read.All');
    graph.throttleNext(30);
    b.clock.set(refused.dueAt);
    await scheduler.tick();
    const throttled = await b.ctx.db.notification.findFirstOrThrow({ where: { personId: ida.id } });
    expect(throttled).toMatchObject({ status: 'PENDING', attempts: 0, dueAt: new Date(b.clock.now().getTime() + 30_000) });
    b.clock.set(throttled.dueAt);
    await scheduler.tick();
    expect((await b.ctx.db.notification.findFirstOrThrow({ where: { personId: ida.id } })).status).toBe('SENT');
  }, 120_000);

  it('someone who installed the app before being enrolled is reached the moment they are enrolled, in the chat the installation opened', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], aad: 'aad-coord' });
    b.teams.members.set('aad-pia', { name: 'Dr Pia Holm', email: 'pia@example.org' });
    await postActivity(b.app.url, { ...messageActivity(b.scope('aad-pia'), ''), type: 'installationUpdate', action: 'add', text: undefined });
    expect(await b.ctx.db.chatInstallation.findFirst({ where: { email: 'pia@example.org' } })).toMatchObject({ platform: 'TEAMS', workspaceId: TENANT, userId: 'aad-pia' });
    expect(await b.ctx.db.person.count()).toBe(1);

    expect((await b.say('aad-coord', 'mentorship enroll pia@example.org as mentee')).text).toContain('Enrolled');
    scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger });
    await scheduler.tick();
    const welcome = b.teams.activities((a) => a.conversationId === 'a:personal-aad-pia' && JSON.stringify(a.body).includes('Welcome'));
    expect(welcome).toHaveLength(1);
    expect(b.teams.conversations().filter((c) => c.body.members?.[0]?.id === 'aad-pia')).toHaveLength(0);
    const pia = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'pia@example.org' }, include: { chatAccounts: true } });
    expect(pia.chatAccounts).toMatchObject([{ platform: 'TEAMS', userId: 'aad-pia', conversationRef: { conversation: { id: 'a:personal-aad-pia' } } }]);
    expect(await b.ctx.db.chatInstallation.count()).toBe(0);
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
    expect(heldText(held.lastError)).toContain('no Teams account known for lena@example.org');
    expect(heldText(held.lastError)).toContain('TEAMS_GRAPH=true');
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
