// Every slash command through the real Bolt app over HTTP, signed as Slack signs, against a fake Slack
// Web API: happy path, bad input, an unenrolled user, the wrong role, Slack's retries, and forged requests.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/core/commands/index.js';
import { addPairing } from '../support/fixtures.js';
import { postSigned, slackSignature, TEST_SIGNING_SECRET } from '../support/slack-sign.js';
import { slashCommand } from '../fixtures/slack/payloads.js';
import { settle, useSlackBot, type SlackBot } from '../fixtures/slack/harness.js';

const bot = useSlackBot();

async function pair(b: SlackBot) {
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], userId: 'UMENTOR' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], userId: 'UMENTEE' });
  const coordinator = await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
  await addPairing(b.ctx, mentor, mentee);
  b.stranger('USTRANGER');
  return { mentor, mentee, coordinator };
}

const counts = async (b: SlackBot) => ({
  meetings: await b.ctx.db.meeting.count(),
  cpd: await b.ctx.db.cpdActivity.count(),
  aways: await b.ctx.db.away.count(),
  enrollments: await b.ctx.db.enrollment.count(),
  goals: await b.ctx.db.learningGoal.count(),
});

describe('Slack requests that are not from Slack', () => {
  const meetingLine = () =>
    slashCommand({ command: '/meeting', text: 'today 45m video Forged', userId: 'UMENTOR', responseUrl: bot().slack.responseUrl('forged') }).body;

  it.each([
    ['unsigned', { signature: null }],
    ['wrongly signed', { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' }],
    ['signed with another secret', { secret: 'not-the-signing-secret' }],
    ['stale (over 5 minutes old)', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ] as const)('get 401 and change nothing when %s', async (_what, options) => {
    const b = bot();
    await pair(b);
    const before = await counts(b);
    const { status } = await postSigned(b.eventsUrl, meetingLine(), options);
    expect(status).toBe(401);
    await settle();
    expect(await counts(b)).toEqual(before);
    expect(b.slack.calls()).toHaveLength(0);
    expect(b.slack.responses()).toHaveLength(0);
  });

  it('get 401 when the body was changed after signing', async () => {
    const b = bot();
    await pair(b);
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = meetingLine();
    const tampered = signed.replace('UMENTOR', 'UMENTEE');
    const { status } = await postSigned(b.eventsUrl, tampered, { timestamp, signature: slackSignature(TEST_SIGNING_SECRET, timestamp, signed) });
    expect(status).toBe(401);
    await settle();
    expect(await b.ctx.db.meeting.count()).toBe(0);
    expect(b.slack.calls()).toHaveLength(0);
  });

  it('get 401 for forged button presses and events too', async () => {
    const b = bot();
    await pair(b);
    expect((await b.press('UMENTEE', 'meeting.confirm', 'x', { signature: null })).status).toBe(401);
    expect((await b.event({ type: 'app_home_opened', user: 'UMENTEE', channel: 'DUMENTEE', tab: 'home', event_ts: '1.2' }, { secret: 'wrong' })).status).toBe(401);
    await settle();
    expect(b.slack.calls()).toHaveLength(0);
  });

  it('are acknowledged at once when correctly signed, even with a future timestamp', async () => {
    const b = bot();
    await pair(b);
    const { status, responseId } = await b.command('UMENTEE', '/progress', '', { timestamp: Math.floor(Date.now() / 1000) + 60 });
    expect(status).toBe(200);
    expect(await b.answer(responseId)).toContain('Your progress');
  });
});

describe('slash commands', () => {
  it('are registered for every command of the registry', async () => {
    const b = bot();
    await pair(b);
    for (const command of COMMANDS) {
      const { status, responseId, triggerId } = await b.command('USTRANGER', command.slash, command.slash === '/mentorship' ? 'help' : '');
      expect(status, command.slash).toBe(200);
      // Someone not enrolled is told so (or, for /mentorship help, helped): never silence.
      await Promise.race([b.answer(responseId), b.openedView(triggerId)]);
    }
  });

  it('tell an unenrolled Slack user so, naming the coordinators, for every command', async () => {
    const b = bot();
    await pair(b);
    for (const command of COMMANDS.filter((c) => c.slash !== '/mentorship')) {
      const { responseId } = await b.command('USTRANGER', command.slash, '');
      const text = await b.answer(responseId);
      expect(text, command.slash).toContain('not enrolled');
      expect(text, command.slash).toContain('Cora Coordinator');
    }
    expect(b.slack.calls('views.open')).toHaveLength(0);
    expect(await b.ctx.db.chatAccount.count({ where: { userId: 'USTRANGER' } })).toBe(0);
  });

  it('link a Slack user to the person enrolled with their email, looked up once with users.info', async () => {
    const b = bot();
    const { addPerson } = await import('../support/fixtures.js');
    await addPerson(b.ctx, { name: 'Dr Nova Newcomer', email: 'nova@example.org', roles: ['MENTEE'] });
    b.slack.users.set('UNOVA', { email: 'Nova@Example.org', name: 'Nova N', tz: 'America/Toronto', teamId: 'T0001' });
    const first = await b.command('UNOVA', '/progress');
    expect(await b.answer(first.responseId)).toContain('Your progress');
    const second = await b.command('UNOVA', '/progress');
    expect(await b.answer(second.responseId)).toContain('Your progress');
    expect(b.slack.calls('users.info')).toHaveLength(1);
    expect(b.slack.calls('users.info')[0]!.args.user).toBe('UNOVA');
    expect(await b.ctx.db.chatAccount.findFirst({ where: { platform: 'SLACK', workspaceId: 'T0001', userId: 'UNOVA' } })).not.toBeNull();
  });

  it('tell a user whose Slack profile cannot be read that they are not enrolled', async () => {
    const b = bot();
    await pair(b);
    b.slack.failNext('users.info', 'user_not_found');
    const { responseId } = await b.command('UGHOST', '/progress');
    expect(await b.answer(responseId)).toContain('not enrolled');
  });

  describe('/meeting', () => {
    it('saves a complete line at once and answers privately', async () => {
      const b = bot();
      const { mentor, mentee } = await pair(b);
      const { responseId } = await b.command('UMENTOR', '/meeting', 'today 45m video Discussed billing & call schedules');
      const answer = await b.answer(responseId);
      expect(answer).toContain('"response_type":"ephemeral"');
      expect(answer).toContain('Meeting saved');
      const meeting = await b.ctx.db.meeting.findFirstOrThrow();
      expect(meeting).toMatchObject({ mentorId: mentor.personId, menteeId: mentee.personId, minutes: 45, format: 'VIDEO' });
      // Slack sends & as &amp;: core gets what the person typed.
      expect(meeting.topics).toBe('Discussed billing & call schedules');
      // Derived by core from Slack's trigger id and the mentor: nothing a client could choose.
      expect(meeting.requestId).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
    });

    it('opens the form from the command\'s trigger when typed alone', async () => {
      const b = bot();
      await pair(b);
      const { triggerId } = await b.command('UMENTOR', '/meeting');
      const view = await b.openedView(triggerId);
      expect(view).toMatchObject({ type: 'modal', callback_id: 'form:meeting' });
      expect(b.slack.responses()).toHaveLength(0);
    });

    it('explains bad input and saves nothing', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTOR', '/meeting', 'today 4m video Too short');
      expect(await b.answer(responseId)).toMatch(/shorter than/);
      expect(await b.ctx.db.meeting.count()).toBe(0);
    });

    it('refuses someone who is in no pair', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UCOORD', '/meeting', 'today 45m video Not my pair');
      expect(await b.answer(responseId)).toContain('not in an active mentor');
      expect(await b.ctx.db.meeting.count()).toBe(0);
    });

    it('creates one meeting when Slack delivers the same command again', async () => {
      const b = bot();
      await pair(b);
      const first = await b.command('UMENTOR', '/meeting', 'today 45m video Retried', { triggerId: '4242.4242.retry' });
      await b.answer(first.responseId);
      const again = await b.command('UMENTOR', '/meeting', 'today 45m video Retried', { triggerId: '4242.4242.retry', retryNum: 1, retryReason: 'http_timeout' });
      expect(again.status).toBe(200);
      await b.answer(again.responseId);
      expect(await b.ctx.db.meeting.count()).toBe(1);
      expect(await b.ctx.db.notification.count({ where: { kind: 'meeting-confirm' } })).toBe(1);
    });

    it('answers even when Slack refuses to open the form, telling the user to try again', async () => {
      const b = bot();
      await pair(b);
      b.slack.failNext('views.open', 'expired_trigger_id');
      const { responseId } = await b.command('UMENTOR', '/meeting');
      expect(await b.answer(responseId)).toContain('took too long');
    });
  });

  describe('/cpd', () => {
    it('logs a complete line at once', async () => {
      const b = bot();
      const { mentee } = await pair(b);
      const { responseId } = await b.command('UMENTEE', '/cpd', '2h group "Journal club: sepsis"');
      expect(await b.answer(responseId)).toContain('2 credits');
      expect(await b.ctx.db.cpdActivity.findFirstOrThrow()).toMatchObject({ personId: mentee.personId, title: 'Journal club: sepsis', category: 'NON_CERTIFIED', activityType: 'GROUP_LEARNING' });
    });

    it('opens the form prefilled when the line is not understood', async () => {
      const b = bot();
      await pair(b);
      const { triggerId } = await b.command('UMENTEE', '/cpd', 'lots group Something');
      expect(await b.openedView(triggerId)).toMatchObject({ callback_id: 'form:cpd' });
      expect(await b.ctx.db.cpdActivity.count()).toBe(0);
    });

    it('refuses a coordinator who is not a participant', async () => {
      const b = bot();
      await pair(b);
      const { responseId, triggerId } = await b.command('UCOORD', '/cpd', '2h group Coordinating');
      await settle();
      expect(await b.ctx.db.cpdActivity.count()).toBe(0);
      expect(b.slack.calls('views.open').filter((c) => c.args.trigger_id === triggerId)).toHaveLength(0);
      expect(await b.answer(responseId)).not.toContain('Logged');
    });

    it('logs one activity when Slack delivers the same command again', async () => {
      const b = bot();
      await pair(b);
      for (const retryNum of [undefined, 1, 2]) {
        const { responseId } = await b.command('UMENTEE', '/cpd', '1h self Reading', { triggerId: '777.777.cpd', ...(retryNum ? { retryNum } : {}) });
        await b.answer(responseId);
      }
      expect(await b.ctx.db.cpdActivity.count()).toBe(1);
    });
  });

  describe('/goals', () => {
    it('lists the learning plan and opens the goal form with "add"', async () => {
      const b = bot();
      await pair(b);
      const list = await b.command('UMENTEE', '/goals');
      expect(await b.answer(list.responseId)).toContain('Learning plan');
      const add = await b.command('UMENTEE', '/goals', 'add Opioid stewardship');
      expect(await b.openedView(add.triggerId)).toMatchObject({ callback_id: 'form:goal' });
    });

    it('explains an unknown subcommand', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTEE', '/goals', 'achieved 99');
      expect(await b.answer(responseId)).not.toBe('');
      expect(await b.ctx.db.learningGoal.count()).toBe(0);
    });
  });

  describe('/reflect', () => {
    it('tells a mentor there is nothing for them to answer', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTOR', '/reflect');
      expect(await b.answer(responseId)).toContain('asked of mentees');
    });

    it('opens the oldest open reflection for the mentee, and lists them with "list"', async () => {
      const b = bot();
      await pair(b);
      await b.answer((await b.command('UMENTOR', '/meeting', 'today 45m video Billing')).responseId);
      const open = await b.command('UMENTEE', '/reflect');
      expect(await b.openedView(open.triggerId)).toMatchObject({ callback_id: 'form:reflection' });
      const list = await b.command('UMENTEE', '/reflect', 'list');
      const text = await b.answer(list.responseId);
      expect(text).toContain('open reflection');
      expect(text).toContain('"action_id":"reflection.open"');
    });
  });

  describe('/progress', () => {
    it('shows the mentee their own progress', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTEE', '/progress');
      const text = await b.answer(responseId);
      expect(text).toContain('Your progress');
      expect(text).toContain('▱');
    });

    it('shows a mentor their mentee, named by a mention', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTOR', '/progress', '<@UMENTEE|ade>');
      expect(await b.answer(responseId)).toContain('Progress of Dr Ade Mentee');
    });

    it('refuses a mentee looking at someone else', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTEE', '/progress', '<@UMENTOR>');
      expect(await b.answer(responseId)).toContain('only see your own');
    });
  });

  describe('/away', () => {
    it('records an away period', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTEE', '/away', '2026-12-20 2027-01-05');
      expect(await b.answer(responseId)).toContain('Away from 2026-12-20 to 2027-01-05');
      expect(await b.ctx.db.away.count()).toBe(1);
    });

    it('explains dates it cannot read', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTEE', '/away', 'whenever');
      expect(await b.answer(responseId)).toContain('not a date I understand');
      expect(await b.ctx.db.away.count()).toBe(0);
    });

    it('records one period when Slack delivers the same command again', async () => {
      const b = bot();
      await pair(b);
      for (const retryNum of [undefined, 1]) {
        const { responseId } = await b.command('UMENTEE', '/away', '2026-12-20 2027-01-05', { triggerId: '555.555.away', ...(retryNum ? { retryNum } : {}) });
        await b.answer(responseId);
      }
      expect(await b.ctx.db.away.count()).toBe(1);
    });
  });

  describe('/mentorship', () => {
    it('helps everyone with "help" and with an unknown subcommand', async () => {
      const b = bot();
      await pair(b);
      expect(await b.answer((await b.command('UMENTEE', '/mentorship', 'help')).responseId)).toContain('Mentorship program tools');
      const unknown = await b.answer((await b.command('UCOORD', '/mentorship', 'frobnicate')).responseId);
      expect(unknown).toContain("I don't know 'frobnicate'");
      expect(unknown).toContain('Mentorship program tools');
    });

    it('lets a coordinator enroll someone, and refuses a mentee', async () => {
      const b = bot();
      await pair(b);
      const refused = await b.answer((await b.command('UMENTEE', '/mentorship', 'enroll new.person@example.org as mentee')).responseId);
      expect(refused).toContain('Only coordinators');
      expect(await b.ctx.db.person.count({ where: { email: 'new.person@example.org' } })).toBe(0);
      const done = await b.answer((await b.command('UCOORD', '/mentorship', 'enroll new.person@example.org as mentee')).responseId);
      expect(done).toContain('Enrolled');
      expect(await b.ctx.db.person.count({ where: { email: 'new.person@example.org' } })).toBe(1);
    });

    it('explains a malformed enroll and changes nothing', async () => {
      const b = bot();
      await pair(b);
      const before = await counts(b);
      const text = await b.answer((await b.command('UCOORD', '/mentorship', 'enroll nobody as astronaut')).responseId);
      expect(text.length).toBeGreaterThan(0);
      expect(await counts(b)).toEqual(before);
    });

    it('enrolls once when Slack delivers the same command again', async () => {
      const b = bot();
      await pair(b);
      for (const retryNum of [undefined, 1]) {
        const { responseId } = await b.command('UCOORD', '/mentorship', 'enroll twice@example.org as mentor', { triggerId: '888.888.enroll', ...(retryNum ? { retryNum } : {}) });
        await b.answer(responseId);
      }
      expect(await b.ctx.db.enrollment.count({ where: { person: { email: 'twice@example.org' } } })).toBe(1);
    });

    it('sends an export as a file by DM', async () => {
      const b = bot();
      await pair(b);
      await b.answer((await b.command('UMENTOR', '/meeting', 'today 45m video Billing')).responseId);
      const { responseId } = await b.command('UCOORD', '/mentorship', 'export meetings');
      expect(await b.answer(responseId)).toContain('meetings export');
      const complete = await b.slack.waitFor('files.completeUploadExternal');
      expect(complete.args.channel_id).toBe('DUCOORD');
      const upload = await b.slack.waitFor('files.getUploadURLExternal');
      expect(String(upload.args.filename)).toMatch(/meetings.*\.csv$/);
      expect(b.slack.uploads).toHaveLength(1);
      expect(b.slack.uploads[0]!.content).toContain('Billing');
    });

    it('refuses a mentee an export', async () => {
      const b = bot();
      await pair(b);
      const { responseId } = await b.command('UMENTEE', '/mentorship', 'export meetings');
      expect(await b.answer(responseId)).toContain('Only coordinators');
      await settle();
      expect(b.slack.calls('files.getUploadURLExternal')).toHaveLength(0);
    });
  });
});
