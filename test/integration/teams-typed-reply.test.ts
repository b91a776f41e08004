// A message typed in the personal chat while a reflection prompt waits answers its current question,
// the same rule as a Slack thread reply (reflection-reply.service.ts); a command typed then is still a
// command. Through the real teams-ai application over HTTP, with the fake Bot Connector.
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { messageActivity, postActivity } from '../support/fake-teams.js';
import { useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';
import { createScheduler } from '../../src/scheduler/index.js';

const bot = useTeamsBot();

/** A pair on Teams; the mentor logs a meeting and the outbox delivers the mentee's reflection prompt. */
async function deliverPrompt(b: TeamsBot) {
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], aad: 'aad-mentee' });
  await addPairing(b.ctx, mentor, mentee);
  await b.say('aad-mentor', 'meeting 2026-11-19 45m video Discussed billing codes');
  await createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false }).tick();
  const prompt = await b.ctx.db.reflectionPrompt.findFirstOrThrow({ where: { menteeId: mentee.personId } });
  const dm = await b.ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `reflection-prompt:${prompt.id}` } });
  expect(dm.status).toBe('SENT');
  expect(dm.platformMessageId).toBeTruthy();
  b.teams.reset();
  b.teams.members.set('aad-mentee', { email: 'dr.ade.mentee@example.org', name: 'Dr Ade Mentee' });
  return { prompt, messageId: dm.platformMessageId! };
}

const answersOf = async (b: TeamsBot, id: string) => (await b.ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id } })).answers;

describe('Teams: a reflection answered by typing in the personal chat', () => {
  it('takes typed text as the answer to the current question, confirms it and asks the next', async () => {
    const b = bot();
    const { prompt } = await deliverPrompt(b);

    const said = await b.say('aad-mentee', 'How to run a billing review.');

    expect(said.status).toBe(200);
    expect(said.posted).toHaveLength(1);
    expect(said.posted[0]!.conversationId).toBe('a:personal-aad-mentee');
    expect(said.text).toContain('Saved as your answer to "What situation or question');
    expect(said.text).toContain('What did you learn');
    const saved = await b.ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id } });
    expect(saved.status).toBe('DRAFT');
    expect(saved.answers).toEqual({ situation: 'How to run a billing review.' });

    // The next message answers the next question.
    await b.say('aad-mentee', 'That the codes follow the visit, not the other way round.');
    expect(await answersOf(b, prompt.id)).toMatchObject({ situation: 'How to run a billing review.', learning: 'That the codes follow the visit, not the other way round.' });
  });

  it('still runs a command typed while the prompt waits, and saves nothing as an answer', async () => {
    const b = bot();
    const { prompt } = await deliverPrompt(b);

    const said = await b.say('aad-mentee', 'progress');

    expect(said.posted).toHaveLength(1);
    expect(said.text).not.toContain('Saved as your answer');
    expect(said.text).toMatch(/progress/i);
    expect(await answersOf(b, prompt.id)).toBeNull();
  });

  it('takes a reply to the prompt message (replyToId) as its answer, even when it starts like a command', async () => {
    const b = bot();
    const { prompt, messageId } = await deliverPrompt(b);

    const activity = { ...messageActivity(b.scope('aad-mentee'), 'Goals for billing were the point of it.'), replyToId: messageId };
    const { status } = await postActivity(b.app.url, activity);

    expect(status).toBe(200);
    expect(await answersOf(b, prompt.id)).toEqual({ situation: 'Goals for billing were the point of it.' });
    expect(b.teams.activities().map((a) => JSON.stringify(a.body))).toEqual([expect.stringContaining('Saved as your answer')]);
  });

  it('runs a command that replies to some other message (replyToId not a prompt) as a command', async () => {
    const b = bot();
    const { prompt } = await deliverPrompt(b);

    const activity = { ...messageActivity(b.scope('aad-mentee'), 'progress'), replyToId: 'fake-not-a-prompt' };
    await postActivity(b.app.url, activity);

    expect(await answersOf(b, prompt.id)).toBeNull();
    const said = b.teams.activities().map((a) => JSON.stringify(a.body)).join('\n');
    expect(said).not.toContain('Saved as your answer');
    expect(said).toMatch(/progress/i);
  });

  it('gives the help, and saves nothing, once the reflection is answered (nothing waits)', async () => {
    const b = bot();
    const { prompt } = await deliverPrompt(b);
    await b.ctx.db.reflectionPrompt.update({ where: { id: prompt.id }, data: { status: 'ANSWERED', answers: { learning: 'Done in the form.' } } });

    const said = await b.say('aad-mentee', 'hello there');

    expect(said.text).not.toContain('Saved as your answer');
    expect(said.text).toContain("I don't know \"hello\"");
    expect(await answersOf(b, prompt.id)).toEqual({ learning: 'Done in the form.' });
  });

  it('refuses a typed answer that names a patient, and saves nothing', async () => {
    const b = bot();
    const { prompt } = await deliverPrompt(b);
    const said = await b.say('aad-mentee', 'We discussed Mr John Smith.');
    expect(said.text).toContain('Not saved');
    expect(await answersOf(b, prompt.id)).toBeNull();
  });
});
