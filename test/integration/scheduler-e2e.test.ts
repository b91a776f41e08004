// End to end over HTTP through both fakes: a mentor on Teams logs a meeting in a dialog; the outbox,
// woken by core, sends the mentee on Slack the reflection prompt by DM within moments; the mentee
// presses "Answer now", submits the form, and the answer is stored (its reminders cancelled).
import { afterEach, describe, expect, it } from 'vitest';
import { blockActions, TEAM_ID, typed, viewSubmission } from '../fixtures/slack/payloads.js';
import { openerData, submitData, TODAY, useTeamsBot } from '../fixtures/teams/harness.js';
import { eventually } from '../fixtures/slack/harness.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/index.js';
import { addPairing, addPerson } from '../support/fixtures.js';
import { postSigned } from '../support/slack-sign.js';
import type { FakeSlackCall } from '../support/fake-slack.js';

const bot = useTeamsBot({ slack: true });

interface SlackButton {
  action_id: string;
  value: string;
}

function buttonsIn(call: FakeSlackCall): SlackButton[] {
  const blocks = (call.args.blocks ?? []) as { type: string; elements?: { type: string; action_id?: string; value?: string }[] }[];
  return blocks
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .flatMap((e) => (e.type === 'button' && e.action_id ? [{ action_id: e.action_id, value: e.value ?? '' }] : []));
}

describe('a reflection prompt across platforms, end to end', () => {
  let scheduler: Scheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    bot().ctx.wakeOutbox = undefined;
  });

  it('a meeting logged on Teams brings the Slack mentee the prompt within seconds; the answer is stored', async () => {
    const b = bot();
    // Wired as src/app.ts wires it: core wakes the outbox after queuing something due now.
    scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, metrics: b.app.metrics });
    b.ctx.wakeOutbox = () => scheduler!.wake();

    const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
    b.slack!.users.set('UMENTEE', { email: 'dr.ade.mentee@example.org', name: 'Dr Ade Mentee', tz: 'America/Winnipeg', teamId: TEAM_ID });
    const mentee = await addPerson(b.ctx, { name: 'Dr Ade Mentee', email: 'dr.ade.mentee@example.org', roles: ['MENTEE'], slack: { teamId: TEAM_ID, userId: 'UMENTEE' } });
    await addPairing(b.ctx, mentor, mentee);

    const fetched = await b.invoke('aad-mentor', 'task/fetch', openerData(await b.say('aad-mentor', 'meeting')));
    const saved = await b.invoke('aad-mentor', 'task/submit', { ...submitData(fetched.body), date: TODAY, duration: '50', format: 'VIDEO', topics: 'Discussed billing codes' });
    expect(saved.status).toBe(200);
    const loggedAt = Date.now();

    // No tick: wake() alone delivers it.
    const dm = await b.slack!.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMENTEE' && buttonsIn(c).some((x) => x.action_id.startsWith('reflection.open')), 20_000);
    expect(Date.now() - loggedAt).toBeLessThan(20_000);
    const prompt = await b.ctx.db.reflectionPrompt.findFirstOrThrow({ where: { menteeId: mentee.personId } });
    const answer = buttonsIn(dm).find((x) => x.action_id.startsWith('reflection.open'))!;
    expect(answer.value).toBe(prompt.id);
    // Marked SENT by the UPDATE right after Slack accepted it (the fake records the call a moment before).
    const row = await eventually(async () => {
      const r = await b.ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `reflection-prompt:${prompt.id}` } });
      return r.status === 'SENT' ? r : undefined;
    });
    expect(row).toMatchObject({ status: 'SENT', platform: 'SLACK', platformMessageId: expect.stringMatching(/^\d+\.\d+$/) });

    // The mentee answers on Slack.
    const triggerId = '9999.9999.e2e';
    const press = blockActions({ userId: 'UMENTEE', actionId: answer.action_id, value: answer.value, responseUrl: b.slack!.responseUrl('e2e-answer'), triggerId });
    expect((await postSigned(`${b.app.url}/slack/events`, press)).status).toBe(200);
    const opened = await b.slack!.waitFor('views.open', (c) => c.args.trigger_id === triggerId);
    const view = opened.args.view as Record<string, unknown>;
    expect(view).toMatchObject({ callback_id: 'form:reflection' });
    const submitted = await postSigned(
      `${b.app.url}/slack/events`,
      viewSubmission({
        userId: 'UMENTEE',
        view,
        values: {
          learning: { learning: typed.text('How to structure a billing review') },
          next_step: { next_step: typed.text('Review my billing codes by December') },
        },
      }),
    );
    expect(submitted.status).toBe(200);

    const stored = await b.ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id } });
    expect(stored.status).toBe('ANSWERED');
    expect(JSON.stringify(stored.answers)).toContain('How to structure a billing review');
    // Answering made its reminders pointless: they will never be sent.
    const reminders = await b.ctx.db.notification.findMany({ where: { idempotencyKey: { startsWith: `reflection-reminder:${prompt.id}:` } } });
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((r) => r.status === 'CANCELLED')).toBe(true);
  }, 60_000);
});
