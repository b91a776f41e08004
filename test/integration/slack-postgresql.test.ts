// The representative Slack path once more on PostgreSQL (the other Slack files run on PGlite): a
// meeting logged with a slash command, retried by Slack, delivered to the mentee, confirmed by button.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.js';
import { addPairing } from '../support/fixtures.js';
import { whileStoreBusy } from '../support/stores.js';
import { textOf, TODAY, useSlackBot, type SlackBot } from '../fixtures/slack/harness.js';
import { typed } from '../fixtures/slack/payloads.js';

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

describe('a modal submitted while the store is busy', () => {
  type ModalView = { blocks: { type: string; block_id?: string; text?: { text: string } }[]; submit?: unknown; close?: { text: string } };
  const meetingValues = (duration: string) => ({
    date: { date: typed.date(TODAY) },
    duration: { duration: typed.text(duration) },
    format: { format: typed.select('VIDEO') },
    topics: { topics: typed.text('Billing and call schedules') },
  });
  const inputIds = (view: ModalView) => view.blocks.filter((x) => x.type === 'input').map((x) => x.block_id);

  /** Holds a lock on the chat accounts, so that identifying the person (the first thing core does) waits. */
  const whileLocked = <T>(b: SlackBot, during: () => Promise<T>) => whileStoreBusy(b.ctx.db, 'LOCK TABLE "ChatAccount" IN ACCESS EXCLUSIVE MODE', during);

  async function openMeetingForm(b: SlackBot) {
    const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], userId: 'UMENTOR' });
    const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], userId: 'UMENTEE' });
    await addPairing(b.ctx, mentor, mentee);
    const { triggerId } = await b.command('UMENTOR', '/meeting');
    return b.openedView(triggerId);
  }

  it('is answered in time with the same inputs and a "saving" line, then the modal shows the saved meeting', async () => {
    const b = bot();
    const view = await openMeetingForm(b);
    // Answered while the store still cannot identify the person: the answer did not wait for it.
    // Submitted twice meanwhile (the "saving" modal keeps its button): saved once all the same.
    const [{ status, json }, again] = await whileLocked(b, () =>
      Promise.all([b.submit('UMENTOR', view, meetingValues('45m'), { viewId: 'VBUSY1' }), b.submit('UMENTOR', view, meetingValues('45m'), { viewId: 'VBUSY1' })]),
    );
    expect(status).toBe(200);
    expect(again.status).toBe(200);
    const answer = json as { response_action: string; view: ModalView };
    expect(answer.response_action).toBe('update');
    expect(textOf(answer.view.blocks[0])).toContain('Saving');
    // Same input blocks, same ids: Slack keeps what was typed.
    expect(inputIds(answer.view)).toEqual(inputIds(view as ModalView));
    expect(answer.view.submit).toBeDefined();

    const update = await b.slack.waitFor('views.update', (c) => c.args.view_id === 'VBUSY1', 20_000);
    const shown = update.args.view as ModalView;
    expect(textOf(shown)).toContain('Meeting saved');
    expect(shown.submit).toBeUndefined();
    expect(shown.close?.text).toBe('Done');
    await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTOR' && String(c.args.text).includes('Meeting saved'));
    expect(await b.ctx.db.meeting.count()).toBe(1);
  });

  it('shows the problems in the modal once known, keeping the inputs, and saves nothing', async () => {
    const b = bot();
    const view = await openMeetingForm(b);
    const { json } = await whileLocked(b, () => b.submit('UMENTOR', view, meetingValues('forever'), { viewId: 'VBUSY2' }));
    expect(json).toMatchObject({ response_action: 'update' });

    const update = await b.slack.waitFor('views.update', (c) => c.args.view_id === 'VBUSY2', 20_000);
    const shown = update.args.view as ModalView;
    expect(textOf(shown.blocks[0])).toMatch(/Not saved yet[\s\S]*Duration/);
    expect(inputIds(shown)).toEqual(inputIds(view as ModalView));
    expect(shown.submit).toBeDefined();
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });

  it('tells the person by DM when they closed the modal before the problems were known', async () => {
    const b = bot();
    const view = await openMeetingForm(b);
    b.slack.failNext('views.update', 'not_found');
    await whileLocked(b, () => b.submit('UMENTOR', view, meetingValues('forever'), { viewId: 'VBUSY3' }));
    const dm = await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTOR', 20_000);
    expect(textOf(dm.args)).toMatch(/Not saved yet[\s\S]*Duration/);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });
});
