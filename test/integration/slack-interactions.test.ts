// Modals, buttons, DMs and the App Home through the real Bolt app: forms opened from commands and
// buttons, submitted with Slack's view_submission payloads; a logged meeting reaching the other member
// of the pair as a DM with Correct / Not right, and the answer stored.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.js';
import { addPairing } from '../support/fixtures.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { typed } from '../fixtures/slack/payloads.js';
import { settle, TODAY, useSlackBot, type SlackBot } from '../fixtures/slack/harness.js';

const bot = useSlackBot();

async function pair(b: SlackBot) {
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], userId: 'UMENTOR' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], userId: 'UMENTEE' });
  const coordinator = await b.person({ name: 'Cora Coordinator', roles: ['COORDINATOR'], userId: 'UCOORD' });
  await addPairing(b.ctx, mentor, mentee);
  b.stranger('USTRANGER');
  return { mentor, mentee, coordinator };
}

async function openForm(b: SlackBot, userId: string, command: string, text = '') {
  const { triggerId } = await b.command(userId, command, text);
  return b.openedView(triggerId);
}

type Values = Record<string, Record<string, unknown>>;
const meetingValues = (topics = 'Billing and call schedules', duration = '45m'): Values => ({
  date: { date: typed.date(TODAY) },
  duration: { duration: typed.text(duration) },
  format: { format: typed.select('VIDEO') },
  topics: { topics: typed.text(topics) },
});

const buttonsIn = (call: FakeSlackCall) =>
  ((call.args.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

describe('the meeting form in a modal', () => {
  it('renders the neutral form: date picker, select, text inputs, ids = field ids, core state carried', async () => {
    const b = bot();
    await pair(b);
    const view = (await openForm(b, 'UMENTOR', '/meeting')) as { blocks: { block_id?: string; type: string; element?: { type: string; action_id: string } }[]; private_metadata: string };
    const inputs = view.blocks.filter((x) => x.type === 'input');
    const byId = Object.fromEntries(inputs.map((x) => [x.block_id, x.element]));
    expect(byId.date).toMatchObject({ type: 'datepicker', action_id: 'date', initial_date: TODAY });
    expect(byId.format).toMatchObject({ type: 'static_select', action_id: 'format' });
    expect(byId.roles).toMatchObject({ type: 'multi_static_select' });
    expect(byId.topics).toMatchObject({ type: 'plain_text_input' });
    expect(view.private_metadata.length).toBeGreaterThan(0);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('offers the mentee to pick when a mentor has several', async () => {
    const b = bot();
    const { mentor } = await pair(b);
    const second = await b.person({ name: 'Dr Second Mentee', roles: ['MENTEE'], userId: 'UMENTEE2' });
    await addPairing(b.ctx, mentor, second);
    const view = (await openForm(b, 'UMENTOR', '/meeting')) as { blocks: { block_id?: string; element?: { type: string; options?: { text: { text: string } }[] } }[] };
    const pick = view.blocks.find((x) => x.block_id === 'with');
    expect(pick?.element?.type).toBe('static_select');
    expect(pick?.element?.options?.map((o) => o.text.text).join(' ')).toContain('Dr Second Mentee');
  });

  it('saves on submit, closes the modal, and confirms by DM', async () => {
    const b = bot();
    const { mentee } = await pair(b);
    const view = await openForm(b, 'UMENTOR', '/meeting');
    const { status, json } = await b.submit('UMENTOR', view, meetingValues());
    expect(status).toBe(200);
    expect(json).toBeUndefined();
    const meeting = await b.ctx.db.meeting.findFirstOrThrow();
    expect(meeting).toMatchObject({ menteeId: mentee.personId, minutes: 45, format: 'VIDEO', topics: 'Billing and call schedules' });
    const dm = await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTOR');
    expect(String(dm.args.text)).toContain('Meeting saved');
  });

  it('shows validation errors on the fields and saves nothing', async () => {
    const b = bot();
    await pair(b);
    const view = await openForm(b, 'UMENTOR', '/meeting');
    const { status, json } = await b.submit('UMENTOR', view, meetingValues('Billing', 'forever'));
    expect(status).toBe(200);
    expect(json).toMatchObject({ response_action: 'errors', errors: { duration: expect.any(String) } });
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });

  it('warns about a possible patient identifier before saving, and saves once confirmed', async () => {
    const b = bot();
    await pair(b);
    const view = await openForm(b, 'UMENTOR', '/meeting');
    const topics = 'Discussed Mr John Smith, PHIN 123456789, born 1956-03-04';
    const first = await b.submit('UMENTOR', view, meetingValues(topics));
    const answer = first.json as { response_action: string; view: { blocks: { type: string; block_id?: string; text?: { text: string } }[]; callback_id: string; private_metadata: string } };
    expect(answer.response_action).toBe('update');
    expect(answer.view.callback_id).toBe('form:meeting');
    expect(answer.view.blocks[0]!.type).toBe('section');
    expect(answer.view.blocks.some((x) => x.block_id === 'confirm_no_identifiers')).toBe(true);
    expect(await b.ctx.db.meeting.count()).toBe(0);

    const confirmed = await b.submit('UMENTOR', answer.view, { ...meetingValues(topics), confirm_no_identifiers: { confirm_no_identifiers: typed.checkboxes(['true']) } });
    expect(confirmed.json).toBeUndefined();
    expect(await b.ctx.db.meeting.count()).toBe(1);
  });

  it('saves one meeting when Slack delivers the same submission again', async () => {
    const b = bot();
    await pair(b);
    const view = await openForm(b, 'UMENTOR', '/meeting');
    await b.submit('UMENTOR', view, meetingValues(), { viewId: 'VSAME', hash: 'hsame' });
    await b.submit('UMENTOR', view, meetingValues(), { viewId: 'VSAME', hash: 'hsame', retryNum: 1 });
    // And a double click on Save (a second submission of the same form) finds the same meeting too.
    await b.submit('UMENTOR', view, meetingValues(), { viewId: 'VSAME', hash: 'hother' });
    expect(await b.ctx.db.meeting.count()).toBe(1);
  });

  it('refuses a submission from someone not enrolled, saying so by DM', async () => {
    const b = bot();
    await pair(b);
    const view = await openForm(b, 'UMENTOR', '/meeting');
    const { json } = await b.submit('USTRANGER', view, meetingValues());
    expect(json).toBeUndefined();
    const dm = await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUSTRANGER');
    expect(String(dm.args.text)).toContain('not enrolled');
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });

  it('refuses a submission from someone in no pair', async () => {
    const b = bot();
    await pair(b);
    const view = await openForm(b, 'UMENTOR', '/meeting');
    await b.submit('UCOORD', view, meetingValues());
    await settle();
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });
});

describe('the CPD form in a modal', () => {
  const cpdValues = (hours: string): Values => ({
    title: { title: typed.text('Journal club: sepsis') },
    date: { date: typed.date(TODAY) },
    system: { system: typed.select('MAINPRO_PLUS') },
    category: { category: typed.select('CERTIFIED') },
    activityType: { activityType: typed.select('GROUP_LEARNING') },
    hours: { hours: typed.text(hours) },
    roles: { roles: typed.multi(['SCHOLAR']) },
  });

  it('saves an activity with its CanMEDS roles and confirms by DM', async () => {
    const b = bot();
    const { mentee } = await pair(b);
    const view = await openForm(b, 'UMENTEE', '/cpd');
    const { json } = await b.submit('UMENTEE', view, cpdValues('1.5'));
    expect(json).toBeUndefined();
    const activity = await b.ctx.db.cpdActivity.findFirstOrThrow();
    expect(activity).toMatchObject({ personId: mentee.personId, category: 'CERTIFIED', activityType: 'GROUP_LEARNING', certified: true, roles: ['SCHOLAR'] });
    expect(Number(activity.hours)).toBe(1.5);
    await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTEE');
  });

  it('shows an error on the hours field for hours it cannot read', async () => {
    const b = bot();
    await pair(b);
    const view = await openForm(b, 'UMENTEE', '/cpd');
    const { json } = await b.submit('UMENTEE', view, cpdValues('lots'));
    expect(json).toMatchObject({ response_action: 'errors', errors: { hours: expect.any(String) } });
    expect(await b.ctx.db.cpdActivity.count()).toBe(0);
  });

  it('logs one activity when the same submission arrives twice', async () => {
    const b = bot();
    await pair(b);
    const view = await openForm(b, 'UMENTEE', '/cpd');
    await b.submit('UMENTEE', view, cpdValues('2'), { viewId: 'VCPD', hash: 'h1' });
    await b.submit('UMENTEE', view, cpdValues('2'), { viewId: 'VCPD', hash: 'h1', retryNum: 1 });
    expect(await b.ctx.db.cpdActivity.count()).toBe(1);
  });
});

describe('a meeting logged in Slack', () => {
  async function logAndDeliver(b: SlackBot) {
    const parties = await pair(b);
    await b.answer((await b.command('UMENTOR', '/meeting', 'today 45m video Billing')).responseId);
    const meeting = await b.ctx.db.meeting.findFirstOrThrow();
    const queued = await b.ctx.db.notification.findFirstOrThrow({ where: { kind: 'meeting-confirm', personId: parties.mentee.personId } });
    // The outbox delivers it through the Slack messenger, as the running scheduler would.
    const scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false });
    await scheduler.tick();
    const dm = await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTEE' && buttonsIn(c).some((x) => x.action_id.startsWith('meeting.confirm')));
    return { ...parties, meeting, queued, dm };
  }

  it('reaches the mentee by DM with Correct and Not right buttons', async () => {
    const b = bot();
    const { meeting, queued, dm } = await logAndDeliver(b);
    const buttons = buttonsIn(dm);
    expect(buttons.find((x) => x.action_id === 'meeting.confirm')?.value).toBe(meeting.id);
    expect(buttons.find((x) => x.action_id === 'meeting.dispute')?.value).toBe(meeting.id);
    expect(b.slack.calls('conversations.open').some((c) => c.args.users === 'UMENTEE')).toBe(true);
    const sent = await b.ctx.db.notification.findUniqueOrThrow({ where: { id: queued.id } });
    expect(sent.status).toBe('SENT');
    expect(sent.platformMessageId).toMatch(/^\d+\.\d+$/);
  });

  it('is confirmed when the mentee presses "Correct"', async () => {
    const b = bot();
    const { meeting, dm } = await logAndDeliver(b);
    const correct = buttonsIn(dm).find((x) => x.action_id === 'meeting.confirm')!;
    const { status, responseId } = await b.press('UMENTEE', correct.action_id, correct.value);
    expect(status).toBe(200);
    expect(await b.answer(responseId)).toContain('confirmed');
    expect((await b.ctx.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).confirmation).toBe('CONFIRMED');
  });

  it('is marked disputed when the mentee presses "Not right"', async () => {
    const b = bot();
    const { meeting, dm } = await logAndDeliver(b);
    const wrong = buttonsIn(dm).find((x) => x.action_id === 'meeting.dispute')!;
    await b.answer((await b.press('UMENTEE', wrong.action_id, wrong.value)).responseId);
    expect((await b.ctx.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).confirmation).toBe('DISPUTED');
  });

  it('cannot be confirmed by the mentor who logged it, nor by someone not enrolled', async () => {
    const b = bot();
    const { meeting } = await logAndDeliver(b);
    const own = await b.answer((await b.press('UMENTOR', 'meeting.confirm', meeting.id)).responseId);
    expect(own).not.toContain('is confirmed');
    const stranger = await b.answer((await b.press('USTRANGER', 'meeting.confirm', meeting.id)).responseId);
    expect(stranger).toContain('not enrolled');
    expect((await b.ctx.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).confirmation).toBe('PENDING');
  });

  it('is confirmed once when the same press arrives twice', async () => {
    const b = bot();
    const { meeting } = await logAndDeliver(b);
    const first = await b.answer((await b.press('UMENTEE', 'meeting.confirm', meeting.id, { actionTs: '1763650000.5' })).responseId);
    const again = await b.answer((await b.press('UMENTEE', 'meeting.confirm', meeting.id, { actionTs: '1763650000.5', retryNum: 1 })).responseId);
    expect(first).toContain('is confirmed');
    expect(again).toContain('already confirmed');
  });
});

describe('buttons', () => {
  it('"Answer now" on a reflection prompt opens the reflection form, which saves the answer', async () => {
    const b = bot();
    await pair(b);
    await b.answer((await b.command('UMENTOR', '/meeting', 'today 45m video Billing')).responseId);
    const prompt = await b.ctx.db.reflectionPrompt.findFirstOrThrow();
    const triggerId = '9999.9999.answer';
    const { blockActions } = await import('../fixtures/slack/payloads.js');
    const { postSigned } = await import('../support/slack-sign.js');
    const body = blockActions({ userId: 'UMENTEE', actionId: 'reflection.open', value: prompt.id, responseUrl: b.slack.responseUrl('answer-now'), triggerId });
    expect((await postSigned(b.eventsUrl, body)).status).toBe(200);
    const view = await b.openedView(triggerId);
    expect(view).toMatchObject({ callback_id: 'form:reflection' });

    const { json } = await b.submit('UMENTEE', view, {
      learning: { learning: typed.text('How to structure a billing review') },
      next_step: { next_step: typed.text('Review my billing codes by December') },
      share_with_mentor: { share_with_mentor: typed.checkboxes(['true']) },
    });
    expect(json).toBeUndefined();
    const saved = await b.ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id } });
    expect(saved.status).toBe('ANSWERED');
  });

  it('"Answer now" shows what is missing when a required answer is left out', async () => {
    const b = bot();
    await pair(b);
    await b.answer((await b.command('UMENTOR', '/meeting', 'today 45m video Billing')).responseId);
    const view = await openForm(b, 'UMENTEE', '/reflect');
    const { json } = await b.submit('UMENTEE', view, { learning: { learning: typed.text('Something') } });
    expect(json).toMatchObject({ response_action: 'errors' });
    expect((await b.ctx.db.reflectionPrompt.findFirstOrThrow()).status).not.toBe('ANSWERED');
  });

  it('"Log meeting" on a reminder opens the meeting form', async () => {
    const b = bot();
    await pair(b);
    const { blockActions } = await import('../fixtures/slack/payloads.js');
    const { postSigned } = await import('../support/slack-sign.js');
    const triggerId = '9999.9999.log';
    await postSigned(b.eventsUrl, blockActions({ userId: 'UMENTEE', actionId: 'meeting.log', value: '', responseUrl: b.slack.responseUrl('log'), triggerId }));
    expect(await b.openedView(triggerId)).toMatchObject({ callback_id: 'form:meeting' });
  });

  it('a second button of the same kind in one message still reaches core by its neutral id', async () => {
    const b = bot();
    await pair(b);
    const { responseId } = await b.press('UMENTEE', 'reminder.snooze~1', 'no-such-notification:7d');
    expect(await b.answer(responseId)).not.toContain('no longer in use');
  });

  it('an unknown button gets a clear answer', async () => {
    const b = bot();
    await pair(b);
    const { responseId } = await b.press('UMENTEE', 'retired.button', 'x');
    expect(await b.answer(responseId)).toContain('no longer in use');
  });
});

describe('the App Home and the DM', () => {
  it('shows a mentee their progress when they open the Home tab', async () => {
    const b = bot();
    await pair(b);
    const { status } = await b.event({ type: 'app_home_opened', user: 'UMENTEE', channel: 'DUMENTEE', tab: 'home', event_ts: '1763650000.1' });
    expect(status).toBe(200);
    const publish = await b.slack.waitFor('views.publish', (c) => c.args.user_id === 'UMENTEE');
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('Your progress');
  });

  it('shows a mentor their mentees and a coordinator the program', async () => {
    const b = bot();
    await pair(b);
    await b.event({ type: 'app_home_opened', user: 'UMENTOR', channel: 'DUMENTOR', tab: 'home', event_ts: '1763650000.2' });
    await b.event({ type: 'app_home_opened', user: 'UCOORD', channel: 'DUCOORD', tab: 'home', event_ts: '1763650000.3' });
    const mentor = await b.slack.waitFor('views.publish', (c) => c.args.user_id === 'UMENTOR');
    const coordinator = await b.slack.waitFor('views.publish', (c) => c.args.user_id === 'UCOORD');
    expect(JSON.stringify(mentor.args.view)).toContain('Dr Ade Mentee');
    expect(JSON.stringify(coordinator.args.view).length).toBeGreaterThan(100);
  });

  it('tells someone not enrolled so on the Home tab', async () => {
    const b = bot();
    await pair(b);
    await b.event({ type: 'app_home_opened', user: 'USTRANGER', channel: 'DUSTRANGER', tab: 'home', event_ts: '1763650000.4' });
    const publish = await b.slack.waitFor('views.publish', (c) => c.args.user_id === 'USTRANGER');
    expect(JSON.stringify(publish.args.view)).toContain('not enrolled');
  });

  it('answers a message typed to the bot with the help, in the thread, once', async () => {
    const b = bot();
    await pair(b);
    const event = { type: 'message', channel_type: 'im', channel: 'DUMENTEE', user: 'UMENTEE', text: 'my reflection: it went well', ts: '1763650001.1', thread_ts: '1763650000.9' };
    await b.event(event, { eventId: 'EvDM1' });
    await b.event(event, { eventId: 'EvDM1', retryNum: 1 });
    const reply = await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTEE');
    expect(reply.args.thread_ts).toBe('1763650000.9');
    expect(String(reply.args.text)).toContain('Answer now');
    await settle();
    expect(b.slack.calls('chat.postMessage')).toHaveLength(1);
  });

  it('ignores the bot\'s own messages', async () => {
    const b = bot();
    await pair(b);
    await b.event({ type: 'message', channel_type: 'im', channel: 'DUMENTEE', bot_id: 'BBOT0001', user: 'UBOT0001', text: 'a prompt', ts: '1763650002.1' });
    await settle();
    expect(b.slack.calls('chat.postMessage')).toHaveLength(0);
  });
});

describe('a reflection answered in the thread of its DM', () => {
  /** Logs a meeting, lets the outbox deliver the mentee's reflection prompt, and returns the prompt's Slack ts. */
  async function deliverPrompt(b: SlackBot) {
    const parties = await pair(b);
    await b.answer((await b.command('UMENTOR', '/meeting', 'today 45m video Billing')).responseId);
    const scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false });
    await scheduler.tick();
    await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTEE' && buttonsIn(c).some((x) => x.action_id.startsWith('reflection.open')));
    const prompt = await b.ctx.db.reflectionPrompt.findFirstOrThrow({ where: { menteeId: parties.mentee.personId } });
    const dm = await b.ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `reflection-prompt:${prompt.id}` } });
    expect(dm.platformMessageId).toBeTruthy();
    b.slack.reset();
    return { ...parties, prompt, ts: dm.platformMessageId! };
  }

  it('stores a reply as the answer to the first question and asks the next one in the same thread, once', async () => {
    const b = bot();
    const { prompt, ts } = await deliverPrompt(b);
    const event = { type: 'message', channel_type: 'im', channel: 'DUMENTEE', user: 'UMENTEE', text: 'How to run a billing review.', ts: '1763650100.000001', thread_ts: ts };
    expect((await b.event(event, { eventId: 'EvThread1' })).status).toBe(200);
    const reply = await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTEE' && c.args.thread_ts === ts);
    expect(String(reply.args.text)).toContain('Saved as your answer');
    expect(String(reply.args.text)).toContain('What did you learn');
    expect(buttonsIn(reply).some((x) => x.action_id.startsWith('reflection.open') && x.value === prompt.id)).toBe(true);
    const saved = await b.ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id } });
    expect(saved.status).toBe('DRAFT');
    expect(saved.answers).toEqual({ situation: 'How to run a billing review.' });

    // Slack redelivers the same event: nothing saved twice, no second reply.
    await b.event(event, { eventId: 'EvThread1', retryNum: 1 });
    await settle();
    expect((await b.ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id } })).answers).toEqual({ situation: 'How to run a billing review.' });
    expect(b.slack.calls('chat.postMessage')).toHaveLength(1);
  });

  it('refuses a reply naming a patient, in the thread, and saves nothing', async () => {
    const b = bot();
    const { prompt, ts } = await deliverPrompt(b);
    await b.event({ type: 'message', channel_type: 'im', channel: 'DUMENTEE', user: 'UMENTEE', text: 'We discussed Mr John Smith.', ts: '1763650100.000002', thread_ts: ts }, { eventId: 'EvThread2' });
    const reply = await b.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === ts);
    expect(String(reply.args.text)).toContain('Not saved');
    expect((await b.ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id } })).answers).toBeNull();
  });
});
