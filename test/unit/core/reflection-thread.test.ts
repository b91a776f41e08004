// Answering a reflection by replying in the thread of its DM: each reply answers the next open
// question, the last required one finishes the reflection, identifiers are refused, retries are no-ops.
import { describe, it, expect } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../../support/fixtures.js';
import type { Actor, PlatformUser } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import { answerInThread } from '../../../src/core/dispatch.js';
import { toDbDate } from '../../../src/core/services/db-dates.js';
import { saveReflection } from '../../../src/core/services/reflection.service.js';
import { openReflectionPrompt } from '../../../src/core/services/reflection-prompts.service.js';
import { answerPromptInThread } from '../../../src/core/services/reflection-reply.service.js';
import type { Reply } from '../../../src/core/ui/reply.js';

const NOW = '2026-11-20T15:00:00Z';
const TEAM = 'T0001';
const PROMPT_TS = '1763650000.000100';
const OTHER_PROMPT_TS = '1763650000.000200';

const REPLIES = [
  'A question about deprescribing in older adults.',
  'Use a structured medication review; it touches Medical Expert and Communicator.',
  'Good discussion; next time I would bring the guideline.',
  'It expands my practice.',
  'Try the review with two people on my panel by December.',
];

const slackUser = (userId: string): PlatformUser => ({ platform: 'SLACK', workspaceId: TEAM, userId, lookupProfile: async () => ({}) });

const textOf = (reply: Reply): string => (reply.kind === 'message' ? JSON.stringify(reply.message) : '');

describe.each(STORE_KINDS)('answering a reflection in its DM thread on %s', (kind) => {
  const store = useTestStore(kind);

  /** A mentee with an AFTER_MEETING prompt whose DM went out as PROMPT_TS (and another mentee's as OTHER_PROMPT_TS). */
  async function setup() {
    const ctx = await makeContext(store().prisma, { now: NOW });
    const mentor = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'], slack: { teamId: TEAM, userId: 'UMENTOR' } });
    const mentee = await addPerson(ctx, { name: 'Mina Mentee', roles: ['MENTEE'], slack: { teamId: TEAM, userId: 'UMENTEE' } });
    const other = await addPerson(ctx, { name: 'Oscar Othermentee', roles: ['MENTEE'], slack: { teamId: TEAM, userId: 'UOTHER' } });
    await addPerson(ctx, { name: 'Walt Withdrawn', roles: ['MENTEE'], status: 'WITHDRAWN', slack: { teamId: TEAM, userId: 'UWALT' } });
    const prompt = await promptFor(ctx, mentor, mentee, PROMPT_TS);
    const otherPrompt = await promptFor(ctx, mentor, other, OTHER_PROMPT_TS);
    return { ctx, mentor, mentee, other, prompt, otherPrompt };
  }

  async function promptFor(ctx: CoreContext, mentor: Actor, mentee: Actor, ts: string) {
    const pairingId = await addPairing(ctx, mentor, mentee);
    const meeting = await ctx.db.meeting.create({
      data: { programId: ctx.program.id, pairingId, mentorId: mentor.personId, menteeId: mentee.personId, date: toDbDate('2026-11-19'), minutes: 45, format: 'VIDEO', topics: 'Billing' },
    });
    const { id } = await openReflectionPrompt(ctx.db, ctx, { menteeId: mentee.personId, kind: 'AFTER_MEETING', meetingId: meeting.id, dueAt: ctx.clock.now() });
    // As the outbox records a delivered DM (src/scheduler/deliver.ts).
    await ctx.db.notification.update({
      where: { idempotencyKey: `reflection-prompt:${id}` },
      data: { status: 'SENT', platform: 'SLACK', platformMessageId: ts, sentAt: ctx.clock.now() },
    });
    return id;
  }

  const stored = (ctx: CoreContext, id: string) => ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id } });
  const reminderStatuses = async (ctx: CoreContext, id: string) =>
    (await ctx.db.notification.findMany({ where: { idempotencyKey: { startsWith: `reflection-reminder:${id}:` } }, orderBy: { idempotencyKey: 'asc' } })).map((n) => n.status);
  const reply = (ctx: CoreContext, actor: Actor, text: string, ts = PROMPT_TS) =>
    answerPromptInThread(ctx, actor, { platform: 'SLACK', threadMessageId: ts, text });

  it('fills the questions in order, keeps a draft until the last required answer, then finishes and cancels the reminders', async () => {
    const { ctx, mentee, prompt } = await setup();
    const ids = ['situation', 'learning', 'went_well', 'practice', 'next_step'];

    for (let i = 0; i < 4; i++) {
      const outcome = await reply(ctx, mentee, REPLIES[i]!);
      expect(outcome.kind).toBe('saved');
      const row = await stored(ctx, prompt);
      expect(row.status).toBe('DRAFT');
      expect(row.answers).toEqual(Object.fromEntries(ids.slice(0, i + 1).map((id, j) => [id, REPLIES[j]])));
      // The bot asks the next question in the thread.
      expect(outcome.kind === 'saved' && outcome.message.text).toContain(`Next (${i + 2} of 5`);
      expect(await reminderStatuses(ctx, prompt)).toEqual(['PENDING', 'PENDING']);
    }

    const last = await reply(ctx, mentee, REPLIES[4]!);
    expect(last.kind).toBe('saved');
    expect(last.kind === 'saved' && last.message.text).toContain('complete');
    const done = await stored(ctx, prompt);
    expect(done.status).toBe('ANSWERED');
    expect(done.answeredAt).not.toBeNull();
    expect(done.answers).toEqual(Object.fromEntries(ids.map((id, j) => [id, REPLIES[j]])));
    expect(await reminderStatuses(ctx, prompt)).toEqual(['CANCELLED', 'CANCELLED']);

    // Nothing left to answer: a further reply changes nothing.
    const extra = await reply(ctx, mentee, 'One more thought.');
    expect(extra.kind).toBe('complete');
    expect((await stored(ctx, prompt)).answers).toEqual(done.answers);
  });

  it('skips questions already answered in the form and finishes once the required ones are there', async () => {
    const { ctx, mentee, prompt } = await setup();
    await saveReflection(ctx, mentee, prompt, { answers: { learning: REPLIES[1], next_step: REPLIES[4] }, draft: true });
    const outcome = await reply(ctx, mentee, REPLIES[0]!);
    expect(outcome.kind === 'saved' && outcome.question.id).toBe('situation');
    const row = await stored(ctx, prompt);
    expect(row.status).toBe('ANSWERED');
    expect(await reminderStatuses(ctx, prompt)).toEqual(['CANCELLED', 'CANCELLED']);
    // The optional questions left are still offered.
    expect(outcome.kind === 'saved' && outcome.message.text).toContain('optional');
    await reply(ctx, mentee, REPLIES[2]!);
    expect((await stored(ctx, prompt)).answers).toMatchObject({ went_well: REPLIES[2] });
  });

  it('refuses a reply that looks like it holds a patient identifier, saving nothing and asking to rephrase', async () => {
    const { ctx, mentee, prompt } = await setup();
    const outcome = await reply(ctx, mentee, 'We discussed Mr John Smith, PHIN 123456789.');
    expect(outcome.kind).toBe('identifier');
    expect(outcome.kind === 'identifier' && outcome.message.text).toMatch(/Not saved.*patient identifier.*reply again/);
    const row = await stored(ctx, prompt);
    expect(row.status).toBe('OPEN');
    expect(row.answers).toBeNull();
  });

  it("refuses a reply in the thread of another person's prompt, saving nothing", async () => {
    const { ctx, mentee, otherPrompt } = await setup();
    await expect(reply(ctx, mentee, REPLIES[0]!, OTHER_PROMPT_TS)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const answer = await answerInThread(
      { ctx, user: slackUser('UMENTEE'), conversation: slackConversation(TEAM, 'DUMENTEE'), requestId: 'slack:evt:Ev1' },
      { threadMessageId: OTHER_PROMPT_TS, text: REPLIES[0]! },
    );
    expect(textOf(answer)).toContain('Only the mentee who was asked');
    expect((await stored(ctx, otherPrompt)).answers).toBeNull();
  });

  it('saves a redelivered reply once, even when both deliveries arrive together', async () => {
    const { ctx, mentee, prompt } = await setup();
    const first = await reply(ctx, mentee, REPLIES[0]!);
    const again = await reply(ctx, mentee, REPLIES[0]!);
    expect(first.kind).toBe('saved');
    expect(again.kind).toBe('already-saved');
    expect((await stored(ctx, prompt)).answers).toEqual({ situation: REPLIES[0] });

    // Two copies at the same moment: one fills the next question, the other finds it saved.
    const both = await Promise.all([reply(ctx, mentee, REPLIES[1]!), reply(ctx, mentee, REPLIES[1]!)]);
    expect(both.map((o) => o.kind).sort()).toEqual(['already-saved', 'saved']);
    expect((await stored(ctx, prompt)).answers).toEqual({ situation: REPLIES[0], learning: REPLIES[1] });

    // Two different replies at the same moment both land, each on its own question.
    await Promise.all([reply(ctx, mentee, REPLIES[2]!), reply(ctx, mentee, REPLIES[3]!)]);
    const answers = (await stored(ctx, prompt)).answers as Record<string, string>;
    expect(Object.keys(answers).sort()).toEqual(['learning', 'practice', 'situation', 'went_well']);
    expect([answers.went_well, answers.practice].sort()).toEqual([REPLIES[2], REPLIES[3]].sort());
  });

  it('also takes a reply in the thread of a reminder about the prompt', async () => {
    const { ctx, mentee, prompt } = await setup();
    await ctx.db.notification.update({
      where: { idempotencyKey: `reflection-reminder:${prompt}:1` },
      data: { status: 'SENT', platform: 'SLACK', platformMessageId: '1763650000.000300' },
    });
    expect((await reply(ctx, mentee, REPLIES[0]!, '1763650000.000300')).kind).toBe('saved');
    expect((await stored(ctx, prompt)).answers).toEqual({ situation: REPLIES[0] });
  });

  it('answers a reply in any other thread with the help, and someone not enrolled with the usual message', async () => {
    const { ctx, prompt } = await setup();
    const req = (userId: string) => ({ ctx, user: slackUser(userId), conversation: slackConversation(TEAM, `D${userId}`), requestId: `slack:evt:${userId}` });

    const help = await answerInThread(req('UMENTEE'), { threadMessageId: '1763650000.999999', text: 'hello' });
    expect(textOf(help)).toContain('Mentorship bot commands');
    expect(textOf(help)).toContain('reply in the thread');

    const walt = await answerInThread(req('UWALT'), { threadMessageId: PROMPT_TS, text: REPLIES[0]! });
    expect(textOf(walt)).toContain('not enrolled');

    // Through the same door, the owner's reply is saved and answered with the next question.
    const saved = await answerInThread(req('UMENTEE'), { threadMessageId: PROMPT_TS, text: REPLIES[0]! });
    expect(textOf(saved)).toContain('What did you learn');
    expect(textOf(saved)).toContain('"action":"reflection.open"');
    expect((await stored(ctx, prompt)).answers).toEqual({ situation: REPLIES[0] });
  });
});
