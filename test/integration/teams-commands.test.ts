// Every command and form through the real teams-ai application over HTTP, with Bot Framework
// activities (channelId msteams) whose serviceUrl is a fake Bot Connector: happy path, bad input,
// an unenrolled user, the wrong role; dialogs; card buttons; channel mentions; installs.
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { whileStoreBusy } from '../support/stores.js';
import { cardOf, cardText, dialogCardOf, inputOf, installActivity, invokeActivity, messageActivity, postActivity } from '../support/fake-teams.js';
import { CHANNEL, openerData, submitData, TODAY, useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { deliveryProblems } from '../../src/core/services/digest.service.js';
import { queueNotification } from '../../src/core/services/outbox.js';
import { message } from '../../src/core/ui/message.js';

const bot = useTeamsBot();

async function pair(b: TeamsBot) {
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], aad: 'aad-mentee' });
  const coordinator = await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], aad: 'aad-coord' });
  await addPairing(b.ctx, mentor, mentee);
  b.stranger('aad-stranger');
  return { mentor, mentee, coordinator };
}

describe('Teams: meeting', () => {
  it('a mentor logs a complete meeting in one line', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentor', 'meeting 2026-11-19 45m video Discussed billing codes');
    expect(said.status).toBe(200);
    expect(said.posted).toHaveLength(1);
    // A reply in the personal chat, to the message typed.
    expect(said.posted[0]).toMatchObject({ conversationId: 'a:personal-aad-mentor', replyToId: expect.any(String) });
    expect(said.text).toMatch(/meeting/i);
    const meetings = await b.ctx.db.meeting.findMany();
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.minutes).toBe(45);
  });

  it('a retried activity is one request: the meeting is saved once, with or without an activity id', async () => {
    const b = bot();
    await pair(b);
    const line = 'meeting 2026-11-19 45m video Discussed billing codes';
    const activity = messageActivity(b.scope('aad-mentor'), line);
    for (let i = 0; i < 2; i++) expect((await postActivity(b.app.url, activity)).status).toBe(200);
    expect(await b.ctx.db.meeting.count()).toBe(1);

    // A channel that sends no id nor timestamp: the retry still carries the same activity, so the same request id (never the time of receipt).
    const { id: _id, timestamp: _timestamp, ...noId } = messageActivity(b.scope('aad-mentor'), 'meeting 2026-11-18 30m phone Call about the locum');
    for (let i = 0; i < 2; i++) {
      b.clock.advanceMinutes(1);
      expect((await postActivity(b.app.url, noId)).status).toBe(200);
    }
    expect(await b.ctx.db.meeting.count()).toBe(2);
  });

  it('opens the dialog, shows errors on the fields, then saves and confirms in the chat', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentor', 'meeting');
    const opener = openerData(said);
    expect(opener).toMatchObject({ msteams: { type: 'task/fetch' }, verb: 'form', formId: 'meeting' });

    const fetched = await b.invoke('aad-mentor', 'task/fetch', opener);
    expect(fetched.status).toBe(200);
    expect(fetched.body?.task?.type).toBe('continue');
    const dialog = dialogCardOf(fetched.body);
    expect(inputOf(dialog, 'date')).toMatchObject({ type: 'Input.Date', value: TODAY });

    const bad = await b.invoke('aad-mentor', 'task/submit', { ...submitData(fetched.body), date: TODAY, duration: 'forever', format: 'VIDEO', topics: 'Billing' });
    expect(bad.body?.task?.type).toBe('continue');
    const again = dialogCardOf(bad.body)!;
    const index = again.body!.findIndex((e) => e.id === 'duration');
    expect(again.body![index]).toMatchObject({ value: 'forever' });
    expect(again.body!.slice(index + 1).find((e) => e.color === 'Attention')).toBeDefined();
    expect(await b.ctx.db.meeting.count()).toBe(0);

    const good = await b.invoke('aad-mentor', 'task/submit', { ...submitData(bad.body), date: TODAY, duration: '45', format: 'VIDEO', topics: 'Billing', roles: 'SCHOLAR,LEADER' });
    expect(good.status).toBe(200);
    expect(good.body?.task).toBeUndefined();
    expect(good.posted).toHaveLength(1);
    expect(cardText(cardOf(good.posted[0]!))).toMatch(/meeting/i);
    const [meeting] = await b.ctx.db.meeting.findMany();
    expect(meeting).toMatchObject({ minutes: 45, format: 'VIDEO' });
  });

  /** Keeps the store busy (the Teams bot runs on PGlite: one transaction at a time) while `during` runs. */
  const whileBusy = <T>(b: TeamsBot, during: () => Promise<T>) => whileStoreBusy(b.ctx.db, 'SELECT 1', during);

  it('answers a dialog in time when the store is busy, and posts the saved meeting in the chat once it is', async () => {
    const b = bot();
    await pair(b);
    const fetched = await b.invoke('aad-mentor', 'task/fetch', openerData(await b.say('aad-mentor', 'meeting')));
    const values = { ...submitData(fetched.body), date: TODAY, duration: '45', format: 'VIDEO', topics: 'Billing' };
    // Not linked yet: core will look the mentor up at the connector (by email) after the turn has ended.
    await b.ctx.db.chatAccount.deleteMany({ where: { userId: 'aad-mentor' } });
    // Answered while the store still cannot say who is asking: the answer did not wait for it.
    const answered = await whileBusy(b, () => b.invoke('aad-mentor', 'task/submit', values));
    expect(answered.status).toBe(200);
    expect(answered.body?.task).toMatchObject({ type: 'message', value: expect.stringMatching(/^Saving/) });
    const confirmation = await b.teams.waitFor((a) => /Meeting saved/.test(cardText(cardOf(a))), 20_000);
    expect(confirmation.conversationId).toBe('a:personal-aad-mentor');
    expect(confirmation.replyToId).toBeUndefined();
    expect(await b.ctx.db.meeting.count()).toBe(1);
    expect(b.teams.memberLookups().length).toBeGreaterThan(0);
    // The same dialog submitted again (as Teams does when an answer is late): nothing saved twice.
    await b.invoke('aad-mentor', 'task/submit', values);
    expect(await b.ctx.db.meeting.count()).toBe(1);
  });

  it('opened from a channel, the late outcome goes to a personal chat, never to the channel', async () => {
    const b = bot();
    await pair(b);
    const fetched = await b.invoke('aad-mentor', 'task/fetch', openerData(await b.say('aad-mentor', 'meeting')));
    const values = { ...submitData(fetched.body), date: TODAY, duration: '45', format: 'VIDEO', topics: 'Billing' };
    b.teams.reset();
    const answered = await whileBusy(b, () => postActivity(b.app.url, invokeActivity(b.scope('aad-mentor', 'channel'), 'task/submit', { data: values })));
    expect(answered.status).toBe(200);
    const confirmation = await b.teams.waitFor((a) => /Meeting saved/.test(cardText(cardOf(a))), 20_000);
    expect(b.teams.conversations().map((c) => c.body.members)).toEqual([[{ id: '29:aad-mentor' }]]);
    expect(confirmation.conversationId).toBe(b.teams.conversations()[0]!.id);
    expect(b.teams.activities().filter((a) => a.conversationId.startsWith('19:'))).toEqual([]);
  });

  it('posts a card that reopens the form with what was typed when the late outcome is a problem', async () => {
    const b = bot();
    await pair(b);
    const fetched = await b.invoke('aad-mentor', 'task/fetch', openerData(await b.say('aad-mentor', 'meeting')));
    const values = { ...submitData(fetched.body), date: TODAY, duration: 'forever', format: 'VIDEO', topics: 'Billing' };
    const answered = await whileBusy(b, () => b.invoke('aad-mentor', 'task/submit', values));
    expect(answered.body?.task).toMatchObject({ type: 'message' });
    const card = await b.teams.waitFor((a) => /Not saved yet/.test(cardText(cardOf(a))), 20_000);
    expect(cardText(cardOf(card))).toMatch(/Duration/);
    const reopen = cardOf(card)!.actions!.find((a) => (a.data as { verb?: string }).verb === 'form')!;
    const reopened = await b.invoke('aad-mentor', 'task/fetch', reopen.data as Record<string, unknown>);
    expect(inputOf(dialogCardOf(reopened.body), 'topics')).toMatchObject({ value: 'Billing' });
    expect(inputOf(dialogCardOf(reopened.body), 'duration')).toMatchObject({ value: 'forever' });
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });

  it('warns about something that looks like a patient identifier in the dialog before saving', async () => {
    const b = bot();
    await pair(b);
    const fetched = await b.invoke('aad-mentor', 'task/fetch', openerData(await b.say('aad-mentor', 'meeting')));
    const warned = await b.invoke('aad-mentor', 'task/submit', { ...submitData(fetched.body), date: TODAY, duration: '45', format: 'VIDEO', topics: 'Patient PHIN 123456789 follow-up' });
    expect(warned.body?.task?.type).toBe('continue');
    const card = dialogCardOf(warned.body)!;
    expect(JSON.stringify(card.body)).toMatch(/identif/i);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });

  it('a mentor without a mentee is told, and nothing is saved', async () => {
    const b = bot();
    await b.person({ name: 'Dr Lone Mentor', roles: ['MENTOR'], aad: 'aad-lone' });
    const said = await b.say('aad-lone', 'meeting 2026-11-19 45m video Billing');
    expect(said.text).toMatch(/not in an active mentor–mentee pair/);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });

  it('a coordinator who is in no pair cannot log a meeting', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-coord', 'meeting 2026-11-19 45m video Billing');
    expect(said.text).toMatch(/not in an active mentor–mentee pair/);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });
});

describe('Teams: someone not enrolled', () => {
  it('is told so, with the coordinators to ask, whatever they type', async () => {
    const b = bot();
    await pair(b);
    for (const text of ['progress', 'meeting 2026-11-19 45m video Billing', 'cpd 2h group Journal club']) {
      const said = await b.say('aad-stranger', text);
      expect(said.text).toMatch(/not enrolled/i);
      expect(said.text).toContain('Cora Coordinator');
    }
    expect(b.teams.memberLookups().some((l) => l.userId === 'aad-stranger')).toBe(true);
    expect(await b.ctx.db.chatAccount.count({ where: { userId: 'aad-stranger' } })).toBe(0);
    expect(await b.ctx.db.meeting.count()).toBe(0);
    expect(await b.ctx.db.cpdActivity.count()).toBe(0);
  });

  it('is linked by the email Teams gives when the roster has it, and the personal chat is remembered', async () => {
    const b = bot();
    await pair(b);
    const { addPerson } = await import('../support/fixtures.js');
    await addPerson(b.ctx, { name: 'Dr New Mentee', email: 'new.mentee@example.org', roles: ['MENTEE'] });
    b.teams.members.set('aad-new', { email: 'new.mentee@example.org', name: 'Dr New Mentee' });
    const said = await b.say('aad-new', 'progress');
    expect(said.text).not.toMatch(/not enrolled/i);
    const account = await b.ctx.db.chatAccount.findFirstOrThrow({ where: { platform: 'TEAMS', userId: 'aad-new' } });
    expect(account.workspaceId).toBe('tenant-0001');
    expect(account.conversationRef).toMatchObject({ conversation: { id: 'a:personal-aad-new' }, serviceUrl: b.teams.serviceUrl });
  });

  it('links nobody by the email of a guest from another tenant, even one claiming an enrolled address', async () => {
    const b = bot();
    await pair(b);
    const { addPerson } = await import('../support/fixtures.js');
    await addPerson(b.ctx, { name: 'Dr Claimed Mentee', email: 'claimed@example.org', roles: ['MENTEE'] });
    b.teams.members.set('aad-guest', { email: 'claimed@example.org', name: 'Guest', tenantId: 'ffffffff-1111-4222-8333-444444444444' });
    const said = await b.say('aad-guest', 'progress');
    expect(said.text).toMatch(/not enrolled/i);
    expect(await b.ctx.db.chatAccount.count({ where: { userId: 'aad-guest' } })).toBe(0);
  });
});

describe('Teams: cpd', () => {
  it('logs a CPD activity typed in one line', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentee', 'cpd 2h group Journal club: sepsis');
    expect(said.text).toContain('Logged "Journal club: sepsis" on 2026-11-20');
    const [activity] = await b.ctx.db.cpdActivity.findMany();
    expect(activity).toMatchObject({ title: 'Journal club: sepsis' });
  });

  it('opens the form rather than saving a line it cannot read', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentee', 'cpd -3h group Journal club');
    expect(openerData(said)).toMatchObject({ formId: 'cpd' });
    expect(await b.ctx.db.cpdActivity.count()).toBe(0);
  });

  it('opens the CPD dialog and saves from it', async () => {
    const b = bot();
    await pair(b);
    const fetched = await b.invoke('aad-mentee', 'task/fetch', openerData(await b.say('aad-mentee', 'cpd')));
    const dialog = dialogCardOf(fetched.body)!;
    const ids = dialog.body!.filter((e) => typeof e.id === 'string').map((e) => e.id as string);
    expect(ids.length).toBeGreaterThan(3);
    const first = await b.invoke('aad-mentee', 'task/submit', { ...submitData(fetched.body) });
    // Empty required fields come back as errors on the same dialog.
    expect(first.body?.task?.type).toBe('continue');
    expect(await b.ctx.db.cpdActivity.count()).toBe(0);
  });
});

describe('Teams: goals, reflect, progress, away', () => {
  it('goals answers a mentee with the learning plan or its form', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentee', 'goals');
    expect(said.text).toContain('Learning plan');
  });

  it('reflect tells a mentee with nothing open so', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentee', 'reflect');
    expect(said.text).toMatch(/no open reflections/);
  });

  it('progress shows a mentee their own progress', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentee', 'progress');
    expect(said.text).toMatch(/progress/i);
  });

  it('a mentee may not see another mentee\'s progress', async () => {
    const b = bot();
    await pair(b);
    await b.person({ name: 'Dr Other Mentee', roles: ['MENTEE'], aad: 'aad-other' });
    const said = await b.say('aad-mentee', 'progress dr.other.mentee@example.org');
    expect(said.posted).toHaveLength(1);
    expect(said.text).not.toMatch(/Dr Other Mentee/);
    expect(await b.ctx.db.auditEvent.count()).toBe(0);
  });

  it('away records a period, and refuses one that ends before it starts', async () => {
    const b = bot();
    await pair(b);
    await b.say('aad-mentee', 'away 2026-12-20 2027-01-03');
    expect(await b.ctx.db.away.count()).toBe(1);
    const bad = await b.say('aad-mentee', 'away 2027-01-03 2026-12-20');
    expect(bad.text).toMatch(/end date 2026-12-20 is before the start date 2027-01-03/);
    expect(await b.ctx.db.away.count()).toBe(1);
  });
});

describe('Teams: mentorship', () => {
  it('help is for everyone', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentee', 'mentorship help');
    expect(said.text).toMatch(/enroll/);
  });

  it('the welcome, the help and an error read in Teams syntax: commands as words, the slash only where it is explained', async () => {
    const b = bot();
    const { mentor } = await pair(b);
    await b.say('aad-mentor', 'progress');
    const help = await b.say('aad-mentee', 'help');
    expect(help.text).toMatch(/• meeting — Log a meeting/);
    expect(help.text).not.toMatch(/\/(meeting|cpd|mentorship)\b/);
    const refused = await b.say('aad-mentee', 'mentorship enroll jo.new@example.org as mentee');
    expect(refused.text).toMatch(/can use mentorship enroll/);
    expect(refused.text).not.toContain('/mentorship');

    // Enrolled in a second role: the welcome goes to the personal chat the mentor used.
    await b.say('aad-coord', `mentorship enroll ${mentor.email} as coordinator`);
    b.teams.reset();
    await createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false }).tick();
    const welcome = b.teams.activities((a) => a.conversationId === 'a:personal-aad-mentor' && /Welcome/.test(cardText(cardOf(a))));
    expect(welcome).toHaveLength(1);
    const text = cardText(cardOf(welcome[0]!));
    expect(text).toContain('enroll and pair people with mentorship');
    expect(text).toContain('in Slack it starts with a slash, in Teams it is the word alone');
    // The old sentence lost its slash in Teams: "type the command with a slash (meeting)".
    expect(text).not.toMatch(/slash \((meeting|\/meeting)\)/);
  });

  it('a coordinator enrolls someone', async () => {
    const b = bot();
    await pair(b);
    await b.say('aad-coord', 'mentorship enroll jo.new@example.org as mentee');
    expect(await b.ctx.db.person.count({ where: { email: 'jo.new@example.org' } })).toBe(1);
  });

  it('a mentee cannot enroll anyone', async () => {
    const b = bot();
    await pair(b);
    const before = await b.ctx.db.enrollment.count();
    const said = await b.say('aad-mentee', 'mentorship enroll jo.new@example.org as mentee');
    expect(said.text).toMatch(/coordinator/i);
    expect(await b.ctx.db.enrollment.count()).toBe(before);
  });

  it('a coordinator makes a channel the digest channel with an @mention, and the channel reference is kept', async () => {
    const b = bot();
    await pair(b);
    // A private channel, as the connector lists the team's channels (the activity need not say).
    b.teams.teamChannels.set(CHANNEL.teamId, [{ id: CHANNEL.channelId, name: 'Coordinators', type: 'private' }]);
    await b.say('aad-coord', 'mentorship channel', 'channel');
    const channel = await b.ctx.db.programChannel.findFirstOrThrow();
    expect(channel).toMatchObject({ platform: 'TEAMS', channelId: '19:general-0001@thread.tacv2' });
    expect(channel.conversationRef).toMatchObject({ conversation: { id: '19:general-0001@thread.tacv2' } });
  });
});

describe('Teams conversations', () => {
  it('unknown text gets help, not silence', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentee', 'hello there');
    expect(said.text).toContain('meeting');
    expect(said.text).toContain('progress');
  });

  it('a command with an @mention in a channel is answered privately in a 1:1 chat', async () => {
    const b = bot();
    await pair(b);
    const said = await b.say('aad-mentee', 'progress', 'channel');
    expect(b.teams.conversations()).toHaveLength(1);
    expect(b.teams.conversations()[0]!.body).toMatchObject({ isGroup: false, members: [{ id: '29:aad-mentee' }], tenantId: 'tenant-0001' });
    expect(said.posted).toHaveLength(1);
    expect(said.posted[0]!.conversationId).toBe(b.teams.conversations()[0]!.id);
    expect(said.posted.some((a) => a.conversationId.startsWith('19:'))).toBe(false);
  });

  it('a card button press reaches core with its action and value', async () => {
    const b = bot();
    await pair(b);
    await b.say('aad-mentor', 'meeting 2026-11-19 45m video Discussed billing codes');
    // The mentee's confirmation request sits in the outbox, with its buttons.
    const notes = await b.ctx.db.notification.findMany();
    const button = notes
      .flatMap((n) => ((n.payload as { blocks?: { type: string; buttons?: { action: string; value: string }[] }[] }).blocks ?? []))
      .flatMap((block) => block.buttons ?? [])
      .find((x) => x.action === 'meeting.confirm');
    expect(button).toBeDefined();
    const said = await b.press('aad-mentee', { action: button!.action, value: button!.value });
    expect(said.posted).toHaveLength(1);
    const [meeting] = await b.ctx.db.meeting.findMany();
    expect(meeting!.confirmation).toBe('CONFIRMED');
  });

  it('a button that opens a form gives a dialog opener, and the dialog opens', async () => {
    const b = bot();
    await pair(b);
    await b.say('aad-mentor', 'meeting 2026-11-19 45m video Discussed billing codes');
    const prompt = await b.ctx.db.notification.findFirstOrThrow({ where: { kind: 'reflection-prompt' } });
    const button = (prompt.payload as { blocks: { buttons?: { action: string; value: string }[] }[] }).blocks
      .flatMap((block) => block.buttons ?? [])
      .find((x) => x.action === 'reflection.open')!;
    const said = await b.press('aad-mentee', { action: button.action, value: button.value });
    const opener = openerData(said);
    expect(opener).toMatchObject({ formId: 'reflection' });
    const fetched = await b.invoke('aad-mentee', 'task/fetch', opener);
    expect(dialogCardOf(fetched.body)?.body?.some((e) => String(e.type).startsWith('Input.'))).toBe(true);
  });

  it('an export comes as a file the person accepts into OneDrive', async () => {
    const b = bot();
    await pair(b);
    await b.say('aad-mentor', 'meeting 2026-11-19 45m video Discussed billing codes');
    const said = await b.say('aad-coord', 'mentorship export meetings');
    const consent = said.posted.flatMap((a) => a.body.attachments ?? []).find((x) => x.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(consent).toBeDefined();
    const accept = consent!.content.acceptContext as { filename: string; content: string };
    expect(accept.content).toContain('Discussed billing codes');
    const { status } = await postActivity(
      b.app.url,
      invokeActivity(b.scope('aad-coord'), 'fileConsent/invoke', {
        type: 'fileUpload',
        action: 'accept',
        context: accept,
        uploadInfo: { name: accept.filename, uploadUrl: b.teams.uploadUrl(accept.filename), contentUrl: 'https://contoso.sharepoint.com/x.csv', uniqueId: 'u1', fileType: 'csv' },
      }),
    );
    expect(status).toBe(200);
    expect(b.teams.uploads).toHaveLength(1);
    expect(b.teams.uploads[0]!.content).toBe(accept.content);
    const info = b.teams.activities().flatMap((a) => a.body.attachments ?? []).find((x) => x.contentType === 'application/vnd.microsoft.teams.card.file.info');
    expect(info).toBeDefined();
  });

  it('an out-of-date dialog gets an answer, and an invoke this bot does not serve is refused with 400', async () => {
    const b = bot();
    const stale = await postActivity(b.app.url, invokeActivity(b.scope('aad-coord'), 'task/fetch', { data: { verb: 'something-old' } }));
    expect(stale.status).toBe(200);
    expect(JSON.stringify(stale.body)).toContain('This dialog is out of date');
    // No verb, no data, no value at all: still a dialog, still an answer (teams-ai alone would say 501).
    for (const value of [{ data: {} }, {}, undefined]) {
      const bare = await postActivity(b.app.url, invokeActivity(b.scope('aad-coord'), 'task/fetch', value));
      expect(bare.status).toBe(200);
      expect(JSON.stringify(bare.body)).toContain('This dialog is out of date');
      const submitted = await postActivity(b.app.url, invokeActivity(b.scope('aad-coord'), 'task/submit', value));
      expect(submitted.status).toBe(200);
      expect(JSON.stringify(submitted.body)).toContain('This dialog is out of date');
    }
    const other = await postActivity(b.app.url, { ...invokeActivity(b.scope('aad-coord'), 'task/fetch', {}), name: 'composeExtension/query' });
    expect(other.status).toBe(400);
  });

  it('installing the app in a personal chat remembers the chat for later DMs and says hello', async () => {
    const b = bot();
    await pair(b);
    await b.ctx.db.chatAccount.updateMany({ data: { conversationRef: undefined } });
    const { status } = await postActivity(b.app.url, installActivity(b.scope('aad-mentee')));
    expect(status).toBe(200);
    const account = await b.ctx.db.chatAccount.findFirstOrThrow({ where: { userId: 'aad-mentee' } });
    expect(account.conversationRef).toMatchObject({ conversation: { id: 'a:personal-aad-mentee' } });
    expect(b.teams.activities()).toHaveLength(1);
  });

  it('a DM the outbox sends reaches the stored personal chat', async () => {
    const b = bot();
    await pair(b);
    await b.say('aad-mentee', 'progress');
    const account = await b.ctx.db.chatAccount.findFirstOrThrow({ where: { userId: 'aad-mentee' } });
    const messenger = b.app.messengers.find((m) => m.platform === 'TEAMS')!;
    b.teams.reset();
    const sent = await messenger.sendDirect(
      { platform: 'TEAMS', workspaceId: account.workspaceId, userId: account.userId, dmChannelId: null, conversationRef: account.conversationRef },
      { text: 'Reflection time', blocks: [{ type: 'text', text: 'How did the meeting go?' }] },
    );
    const [posted] = b.teams.activities();
    expect(posted).toMatchObject({ conversationId: 'a:personal-aad-mentee', replyToId: undefined, id: sent.messageId });
  });

  it('someone on the roster who never wrote to the bot gets a chat the bot opens (tenant-wide install), kept for later DMs', async () => {
    const b = bot();
    const { mentor } = await pair(b);
    // The mentee wrote once: the tenant's connector is known. The mentor never did.
    await b.say('aad-mentee', 'progress');
    b.teams.reset();
    for (const key of ['first', 'second']) {
      await queueNotification(b.ctx.db, { programId: b.ctx.program.id, personId: mentor.personId, kind: 'welcome', idempotencyKey: `test:${key}`, payload: message(`DM ${key}`), dueAt: b.ctx.clock.now() });
    }
    await createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false }).tick();
    // One chat opened, with the mentor's AAD id in the tenant; both DMs in it.
    expect(b.teams.conversations().map((c) => c.body)).toEqual([expect.objectContaining({ isGroup: false, members: [{ id: 'aad-mentor' }], tenantId: b.scope('aad-mentor').user.tenantId })]);
    const conversationId = b.teams.conversations()[0]!.id;
    expect(b.teams.activities().map((a) => `${a.conversationId} ${cardText(cardOf(a))}`).sort()).toEqual([`${conversationId} DM first`, `${conversationId} DM second`]);
    const account = await b.ctx.db.chatAccount.findFirstOrThrow({ where: { userId: 'aad-mentor' } });
    expect(account.conversationRef).toMatchObject({ conversation: { id: conversationId } });
    expect(await b.ctx.db.notification.count({ where: { status: 'SENT' } })).toBe(2);
  });

  it('the outbox delivers to Teams, and a user who never installed the app (403) is reported to coordinators', async () => {
    const b = bot();
    await pair(b);
    // The mentee talked to the bot once (reference stored); the mentor never did.
    await b.say('aad-mentee', 'progress');
    await b.say('aad-mentor', 'meeting 2026-11-19 45m video Discussed billing codes');
    b.teams.reset();
    // Teams answers 403 for the mentee's personal chat: the app was uninstalled since.
    b.teams.failNext(1, 403);
    const scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false });
    await scheduler.tick();
    const account = await b.ctx.db.chatAccount.findFirstOrThrow({ where: { userId: 'aad-mentee' } });
    expect(account.unreachableSince).not.toBeNull();
    const problems = await deliveryProblems(b.ctx);
    expect(problems.unreachable.map((u) => u.personName)).toContain('Dr Ade Mentee');
  });
});
