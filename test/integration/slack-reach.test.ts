// Reaching people first on Slack, through the real Bolt app over HTTP against the fake Slack, on both
// stores: a roster of emails only gets everyone a welcome within one scheduler tick (users.lookupByEmail)
// and the mentee the reflection prompt after the first meeting; enrolling and pairing by @mention of
// members who never used the bot; someone in no workspace is held and reported once, then reached.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { buildDigest } from '../../src/core/services/digest.service.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/index.js';
import { TEAM_ID } from '../fixtures/slack/payloads.js';
import { textOf, useSlackBot, type SlackBot } from '../fixtures/slack/harness.js';
import { STORE_KINDS } from '../support/stores.js';
import { heldText } from '../support/held.js';

const HEADER = 'name,email,role,pathway,start,end,mentor_email,slack_user_id,teams_user_id';

describe.each(STORE_KINDS)('reaching people first on Slack (%s)', (kind) => {
  const bot = useSlackBot({ store: kind });
  let scheduler: Scheduler | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const startScheduler = (b: SlackBot) => {
    scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger });
    return scheduler;
  };

  async function importRoster(b: SlackBot, lines: string[]) {
    dir = await mkdtemp(join(tmpdir(), 'mb-reach-'));
    await writeFile(join(dir, 'roster.csv'), [HEADER, ...lines].join('\n'));
    const io = memoryIo({ store: b.app.store, clock: b.clock, cwd: dir, env: {} });
    const code = await runCli(['import-roster', 'roster.csv'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
  }

  const dmsTo = (b: SlackBot, userId: string) => b.slack.calls('chat.postMessage').filter((c) => c.args.channel === `D${userId}`);

  it('a roster of emails only: welcomes within one tick, the reflection prompt after the first meeting; someone in no workspace is held, reported once, then reached', async () => {
    const b = bot();
    const coordinator = await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
    b.slack.users.set('UMARIA', { email: 'Maria.Mentor@example.org', name: 'Dr Maria Mentor', tz: 'America/Toronto', teamId: TEAM_ID });
    b.slack.users.set('UADE', { email: 'ade@example.org', name: 'Dr Ade Mentee', tz: 'America/Winnipeg', teamId: TEAM_ID });
    await importRoster(b, [
      'Dr Maria Mentor,maria.mentor@example.org,mentor,,2026-11-01,,,,',
      'Dr Ade Mentee,ade@example.org,mentee,PRA-MB-FP,2026-11-01,,maria.mentor@example.org,,',
      'Dr Far Away,far@example.org,mentee,PRA-MB-FP,2026-11-01,,maria.mentor@example.org,,',
    ]);

    const s = startScheduler(b);
    await s.tick();
    expect(dmsTo(b, 'UMARIA').map((c) => textOf(c.args))).toEqual(expect.arrayContaining([expect.stringContaining('Welcome')]));
    expect(dmsTo(b, 'UADE').map((c) => textOf(c.args))).toEqual(expect.arrayContaining([expect.stringContaining('Welcome')]));
    const maria = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'maria.mentor@example.org' }, include: { chatAccounts: true } });
    expect(maria.chatAccounts).toMatchObject([{ platform: 'SLACK', workspaceId: TEAM_ID, userId: 'UMARIA', dmChannelId: 'DUMARIA' }]);
    // The roster's name stays; the time zone Slack gives fills the one the roster had not.
    expect(maria).toMatchObject({ name: 'Dr Maria Mentor', timeZone: 'America/Toronto' });

    // Far is in no workspace: held with the reason and the fix, not retried every minute.
    const far = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'far@example.org' } });
    const held = await b.ctx.db.notification.findMany({ where: { personId: far.id, status: 'PENDING' } });
    expect(held.length).toBeGreaterThan(0);
    for (const row of held) {
      expect(row.attempts).toBe(0);
      expect(row.lastError).toMatch(/^UNREACHABLE: \{/);
      expect(heldText(row.lastError)).toBe(`no Slack member with far@example.org in workspace ${TEAM_ID}: add slack_user_id to the roster, or invite them to the workspace`);
    }
    const lookups = b.slack.calls('users.lookupByEmail').filter((c) => c.args.email === 'far@example.org').length;
    b.clock.advanceMinutes(1);
    await s.tick();
    b.clock.advanceMinutes(60);
    await s.tick();
    expect(b.slack.calls('users.lookupByEmail').filter((c) => c.args.email === 'far@example.org')).toHaveLength(lookups);

    const digest = textOf(await buildDigest(b.ctx));
    expect(digest).toContain('Cannot be reached (1)');
    expect(digest.split('Dr Far Away: no Slack member with far@example.org').length - 1).toBe(1);

    // The mentor logs the first meeting: the mentee gets the reflection prompt by DM.
    const meeting = await b.command('UMARIA', '/meeting', 'with ade@example.org 2026-11-19 45m video Discussed billing');
    expect(await b.answer(meeting.responseId)).toContain('Meeting saved');
    await s.tick();
    expect(dmsTo(b, 'UADE').some((c) => /reflect/i.test(textOf(c.args)))).toBe(true);

    // Far joins the workspace and writes to the bot: linked, and the held messages go at once.
    b.slack.users.set('UFAR', { email: 'far@example.org', name: 'Dr Far Away', teamId: TEAM_ID });
    const first = await b.command('UFAR', '/progress');
    expect(await b.answer(first.responseId)).toContain('Your progress');
    await s.tick();
    expect(dmsTo(b, 'UFAR').map((c) => textOf(c.args))).toEqual(expect.arrayContaining([expect.stringContaining('Welcome')]));
    expect(await b.ctx.db.notification.count({ where: { personId: far.id, status: 'PENDING', lastError: { startsWith: 'UNREACHABLE' } } })).toBe(0);
    expect(textOf(await buildDigest(b.ctx))).not.toContain('Cannot be reached');
    expect(coordinator.personId).toBeTruthy();
  }, 120_000);

  it('a held message goes as soon as a roster import gives the Slack id', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
    await importRoster(b, ['Dr Lou Later,lou@example.org,mentor,,2026-11-01,,,,']);
    const s = startScheduler(b);
    await s.tick();
    const lou = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'lou@example.org' } });
    expect(await b.ctx.db.notification.findFirst({ where: { personId: lou.id } })).toMatchObject({ status: 'PENDING', lastError: expect.stringMatching(/^UNREACHABLE: \{"key":"reach\.slack\.notFound"/) });
    // Lou has another address in Slack: the coordinator adds the Slack id to the roster.
    b.slack.users.set('ULOU', { email: 'lou.personal@example.net', name: 'Lou', teamId: TEAM_ID });
    await importRoster(b, [`Dr Lou Later,lou@example.org,mentor,,2026-11-01,,,${TEAM_ID}:ULOU,`]);
    await s.tick();
    expect(dmsTo(b, 'ULOU').map((c) => textOf(c.args))).toEqual(expect.arrayContaining([expect.stringContaining('Welcome')]));
  }, 120_000);

  it('enrolls and pairs by @mention members who never used the bot, with their real names, time zones and locales', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
    b.slack.users.set('UNEWMENTOR', { email: 'nia.mentor@example.org', name: 'Dr Nia Okafor', tz: 'America/Halifax', locale: 'fr-CA', teamId: TEAM_ID });
    b.slack.users.set('UNEWMENTEE', { email: 'li.mentee@example.org', name: 'Dr Li Wei', tz: 'America/Vancouver', teamId: TEAM_ID });

    const mentor = await b.command('UCOORD', '/mentorship', 'enroll <@UNEWMENTOR|nia> as mentor');
    expect(await b.answer(mentor.responseId)).toContain('Enrolled Dr Nia Okafor as mentor');
    const mentee = await b.command('UCOORD', '/mentorship', 'enroll <@UNEWMENTEE|li> as mentee pathway PRA-MB-FP');
    expect(await b.answer(mentee.responseId)).toContain('Enrolled Dr Li Wei as mentee');
    const nia = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'nia.mentor@example.org' }, include: { chatAccounts: true } });
    expect(nia).toMatchObject({ name: 'Dr Nia Okafor', timeZone: 'America/Halifax', locale: 'fr-CA' });
    expect(nia.chatAccounts).toMatchObject([{ platform: 'SLACK', workspaceId: TEAM_ID, userId: 'UNEWMENTOR' }]);

    const paired = await b.command('UCOORD', '/mentorship', 'pair <@UNEWMENTOR> with <@UNEWMENTEE>');
    expect(await b.answer(paired.responseId)).toContain('Paired Dr Nia Okafor (mentor) with Dr Li Wei (mentee)');
    expect(await b.ctx.db.person.count()).toBe(3);
  }, 120_000);

  it('saves a meeting the day before a pairing recorded today, and moves the pairing start back', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
    b.slack.users.set('UOLA', { email: 'ola@example.org', name: 'Dr Ola Mentor', teamId: TEAM_ID });
    b.slack.users.set('UBEA', { email: 'bea@example.org', name: 'Dr Bea Mentee', teamId: TEAM_ID });
    for (const text of ['enroll <@UOLA> as mentor from 2026-11-01', 'enroll <@UBEA> as mentee pathway MLPIMG from 2026-11-01', 'pair <@UOLA> with <@UBEA>']) {
      const r = await b.command('UCOORD', '/mentorship', text);
      expect(await b.answer(r.responseId)).not.toContain('couldn');
    }
    const pairing = await b.ctx.db.pairing.findFirstOrThrow();
    expect(pairing.fromDate.toISOString().slice(0, 10)).toBe('2026-11-20');
    const logged = await b.command('UOLA', '/meeting', 'yesterday 45m in-person First coffee, goals for the year');
    const answer = await b.answer(logged.responseId);
    expect(answer).toContain('Meeting saved: 2026-11-19');
    expect(answer).toContain('Your pairing was recorded from 2026-11-20; it now starts on 2026-11-19');
    expect((await b.ctx.db.pairing.findUniqueOrThrow({ where: { id: pairing.id } })).fromDate.toISOString().slice(0, 10)).toBe('2026-11-19');
  }, 120_000);

  it('pairs by @mention people enrolled by email who never used the bot, linking them', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
    for (const [email, role] of [['sam@example.org', 'mentor'], ['kim@example.org', 'mentee']] as const) {
      const r = await b.command('UCOORD', '/mentorship', `enroll ${email} as ${role}`);
      expect(await b.answer(r.responseId)).toContain('Enrolled');
    }
    b.slack.users.set('USAM', { email: 'sam@example.org', name: 'Dr Sam Lee', teamId: TEAM_ID });
    b.slack.users.set('UKIM', { email: 'KIM@example.org', name: 'Dr Kim Park', teamId: TEAM_ID });
    const paired = await b.command('UCOORD', '/mentorship', 'pair <@USAM> with <@UKIM>');
    // Enrolled by email only, so their names were placeholders until Slack described them.
    expect(await b.answer(paired.responseId)).toContain('Paired Dr Sam Lee (mentor) with Dr Kim Park (mentee)');
    expect(await b.ctx.db.chatAccount.count({ where: { userId: { in: ['USAM', 'UKIM'] } } })).toBe(2);
  }, 120_000);

  it('refuses deactivated members, bots and members unknown to Slack with a clear message, creating nobody', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
    b.slack.users.set('UGONE', { email: 'gone@example.org', name: 'Dr Gone', teamId: TEAM_ID, deleted: true });
    b.slack.users.set('UROBOT', { name: 'Pager Bot', teamId: TEAM_ID, bot: true });
    const gone = await b.command('UCOORD', '/mentorship', 'enroll <@UGONE> as mentor');
    expect(await b.answer(gone.responseId)).toContain('UGONE&gt; is a deactivated Slack member');
    const robot = await b.command('UCOORD', '/mentorship', 'enroll <@UROBOT> as mentor');
    expect(await b.answer(robot.responseId)).toContain('UROBOT&gt; is a Slack bot or app, not a person');
    const nobody = await b.command('UCOORD', '/mentorship', 'enroll <@UNOBODY> as mentor');
    expect(await b.answer(nobody.responseId)).toContain(`I could not look them up: no Slack member with &lt;@UNOBODY&gt; in workspace ${TEAM_ID}`);
    expect(await b.ctx.db.person.count()).toBe(1);
  }, 120_000);

  it('waits out users.lookupByEmail rate limits (Retry-After) and a missing users:read.email scope without a retry storm', async () => {
    const b = bot();
    await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
    b.slack.users.set('URAY', { email: 'ray@example.org', name: 'Dr Ray', teamId: TEAM_ID });
    const r = await b.command('UCOORD', '/mentorship', 'enroll ray@example.org as mentor');
    expect(await b.answer(r.responseId)).toContain('Enrolled');
    const ray = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'ray@example.org' } });
    const s = startScheduler(b);

    b.slack.failNext('users.lookupByEmail', { status: 429, retryAfter: 30 });
    await s.tick();
    const limited = await b.ctx.db.notification.findFirstOrThrow({ where: { personId: ray.id } });
    expect(limited).toMatchObject({ status: 'PENDING', attempts: 0, dueAt: new Date(b.clock.now().getTime() + 30_000) });
    expect(heldText(limited.lastError)).toBe('Slack asked to wait before looking up ray@example.org (rate limited)');

    b.clock.advanceMinutes(1);
    b.slack.failNext('users.lookupByEmail', 'missing_scope');
    await s.tick();
    const scope = await b.ctx.db.notification.findFirstOrThrow({ where: { personId: ray.id } });
    expect(heldText(scope.lastError)).toContain('lacks the users:read.email scope');
    // Asked again in an hour, not every minute.
    expect(scope.dueAt).toEqual(new Date(b.clock.now().getTime() + 3_600_000));
    const calls = b.slack.calls('users.lookupByEmail').length;
    for (let minute = 0; minute < 5; minute++) {
      b.clock.advanceMinutes(1);
      await s.tick();
    }
    expect(b.slack.calls('users.lookupByEmail')).toHaveLength(calls);

    b.clock.set(scope.dueAt);
    await s.tick();
    expect(dmsTo(b, 'URAY')).toHaveLength(1);
  }, 120_000);
});
