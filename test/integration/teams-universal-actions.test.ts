// A meeting to confirm is a live card (Adaptive Card 1.5, Universal Actions): Action.Execute buttons
// with an Action.Submit fallback, and a refresh. In a chat both members of the pair see, one press
// updates the card in place for both, so nobody presses a stale button. Through the real teams-ai
// application over HTTP with the fake Bot Connector.
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { cardOf, cardText, executeActivity, postActivity, type AdaptiveCardJson, type RecordedActivity } from '../support/fake-teams.js';
import { TENANT, useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { cardProblems } from '../fixtures/teams/card-schema.js';
import type { Message } from '../../src/core/ui/message.js';

const bot = useTeamsBot();
const PAIR_CHAT = { id: '19:pair-chat-0001@thread.v2', conversationType: 'groupChat' };

/** Every action of a card, wherever it sits (ActionSets in the body, the card's own actions). */
function actionsOf(card: AdaptiveCardJson | undefined): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Record<string, unknown>;
    if (typeof el.type === 'string' && el.type.startsWith('Action.')) found.push(el);
    for (const key of ['body', 'items', 'columns', 'actions']) if (key in el) walk(el[key]);
  };
  walk(card?.body);
  walk(card?.actions);
  return found;
}

const executeData = (card: AdaptiveCardJson | undefined, title: string) => actionsOf(card).find((a) => a.title === title)?.data;

/** The pair, a meeting the mentor logged, and its confirmation card posted in a chat both are in. */
async function liveCardInPairChat(b: TeamsBot) {
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], aad: 'aad-mentee' });
  await addPairing(b.ctx, mentor, mentee);
  await b.say('aad-mentee', 'progress');
  await b.say('aad-mentor', 'meeting 2026-11-19 45m video Discussed billing codes');
  const note = await b.ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `meeting-confirm:${(await b.ctx.db.meeting.findFirstOrThrow()).id}` } });
  b.teams.reset();
  const messenger = b.app.messengers.find((m) => m.platform === 'TEAMS')!;
  const reference = { serviceUrl: b.teams.serviceUrl, channelId: 'msteams', conversation: { ...PAIR_CHAT, isGroup: true, tenantId: TENANT }, bot: { id: '28:bot-app-id' } };
  const sent = await messenger.postToChannel({ platform: 'TEAMS', workspaceId: TENANT, channelId: PAIR_CHAT.id, conversationRef: reference }, note.payload as unknown as Message);
  const [posted] = b.teams.activities();
  expect(posted!.id).toBe(sent.messageId);
  return { posted: posted!, meetingId: (await b.ctx.db.meeting.findFirstOrThrow()).id };
}

async function execute(b: TeamsBot, aad: string, posted: RecordedActivity, action: { verb: string; data: unknown }, trigger: 'manual' | 'automatic' = 'manual') {
  const { status, body } = await postActivity(b.app.url, executeActivity(b.scope(aad), { replyToId: posted.id, conversation: PAIR_CHAT }, action, trigger));
  const response = body as { statusCode?: number; type?: string; value?: AdaptiveCardJson | string } | undefined;
  const card = typeof response?.value === 'object' ? response.value : undefined;
  if (card) expect(cardProblems(card)).toEqual([]);
  return { status, response, card };
}

describe('Teams: a live meeting-to-confirm card (Universal Actions)', () => {
  it('is an Adaptive Card 1.5 with Action.Execute buttons, each falling back to Action.Submit, and a refresh', async () => {
    const b = bot();
    const { posted } = await liveCardInPairChat(b);
    const card = cardOf(posted)!;
    expect(card.version).toBe('1.5');
    expect(card.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'refresh', data: { action: 'meeting.view' } } });
    const correct = actionsOf(card).find((a) => a.title === 'Correct')!;
    expect(correct).toMatchObject({ type: 'Action.Execute', verb: 'button', data: { action: 'meeting.confirm' }, fallback: { type: 'Action.Submit', data: { action: 'meeting.confirm' } } });
  });

  it('a confirm pressed by one member updates the card for both: the presser at once, the chat in place, the other on refresh', async () => {
    const b = bot();
    const { posted, meetingId } = await liveCardInPairChat(b);
    const shown = cardOf(posted);

    // Before: the mentee may confirm (buttons); the mentor, who logged it, sees no buttons.
    const menteeBefore = await execute(b, 'aad-mentee', posted, { verb: 'refresh', data: (shown!.refresh as { action: { data: unknown } }).action.data }, 'automatic');
    expect(actionsOf(menteeBefore.card).map((a) => a.title)).toEqual(['Correct', 'Not right']);
    const mentorBefore = await execute(b, 'aad-mentor', posted, { verb: 'refresh', data: (shown!.refresh as { action: { data: unknown } }).action.data }, 'automatic');
    expect(actionsOf(mentorBefore.card)).toEqual([]);
    expect(cardText(mentorBefore.card)).toContain('Waiting for the other member of the pair to confirm it.');
    expect(b.teams.updates()).toEqual([]);

    // The mentee presses "Correct".
    const pressed = await execute(b, 'aad-mentee', posted, { verb: 'button', data: executeData(shown, 'Correct') });
    expect(pressed.status).toBe(200);
    expect(pressed.response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(pressed.card)).toContain('Thanks: the meeting of 2026-11-19 (45 min) is confirmed.');
    expect(cardText(pressed.card)).toContain('Confirmed.');
    expect(actionsOf(pressed.card)).toEqual([]);
    expect((await b.ctx.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).confirmation).toBe('CONFIRMED');

    // The card in the chat (what the mentor has in front of them) was replaced, without buttons.
    const updates = b.teams.updates();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ conversationId: PAIR_CHAT.id, activityId: posted.id });
    const inChat = updates[0]!.body.attachments![0]!.content;
    expect(cardProblems(inChat)).toEqual([]);
    expect(cardText(inChat)).toContain('Confirmed.');
    expect(actionsOf(inChat)).toEqual([]);

    // And the mentor's client, refreshing, gets the same state.
    const mentorAfter = await execute(b, 'aad-mentor', posted, { verb: 'refresh', data: (inChat.refresh as { action: { data: unknown } }).action.data }, 'automatic');
    expect(cardText(mentorAfter.card)).toContain('Confirmed.');
    expect(actionsOf(mentorAfter.card)).toEqual([]);
  });

  it('a press the actor may not make changes nothing and leaves the card in the chat alone', async () => {
    const b = bot();
    const { posted, meetingId } = await liveCardInPairChat(b);
    await b.person({ name: 'Dr Other Mentor', roles: ['MENTOR'], aad: 'aad-other' });

    const forged = await execute(b, 'aad-other', posted, { verb: 'button', data: executeData(cardOf(posted), 'Correct') });

    expect(forged.status).toBe(200);
    expect(forged.card).toBeUndefined();
    expect(String(forged.response?.value)).toMatch(/Only the mentor or mentee of this meeting/);
    expect(b.teams.updates()).toEqual([]);
    expect((await b.ctx.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).confirmation).toBe('PENDING');
  });

  it('the mentee also gets the card in their own chat, refreshed for them', async () => {
    const b = bot();
    const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
    const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], aad: 'aad-mentee' });
    await addPairing(b.ctx, mentor, mentee);
    await b.say('aad-mentee', 'progress');
    await b.say('aad-mentor', 'meeting 2026-11-19 45m video Discussed billing codes');
    b.teams.reset();
    await createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false }).tick();
    const dm = b.teams.activities((a) => a.conversationId === 'a:personal-aad-mentee' && cardText(cardOf(a)).includes('Is it right?'));
    expect(dm).toHaveLength(1);
    expect(cardOf(dm[0]!)!.refresh).toMatchObject({ userIds: ['29:aad-mentee'] });
  });
});
