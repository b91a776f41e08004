// The Teams Messenger against the fake Bot Connector, with botbuilder's real HTTP client (auth off).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { DeliveryError } from '../../../src/core/delivery.js';
import { message } from '../../../src/core/ui/message.js';
import { createTeamsMessenger, retryAfterMs } from '../../../src/teams/messenger.js';
import { cardOf, cardText, startFakeTeams, type FakeTeams } from '../../support/fake-teams.js';
import { cardProblems } from '../../fixtures/teams/card-schema.js';

let teams: FakeTeams;
let messenger: ReturnType<typeof createTeamsMessenger>;

beforeAll(async () => {
  process.env.NO_PROXY = '127.0.0.1,localhost';
  teams = await startFakeTeams();
  const adapter = new TeamsAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'MultiTenant' });
  // As in the app, where teams-ai installs a turn error handler that would swallow send failures.
  adapter.onTurnError = async () => {};
  // The tenant's connector, as the stored references of other people in it would give it.
  messenger = createTeamsMessenger(adapter, '', async (tenantId) => (tenantId === 'tenant-1' ? teams.serviceUrl : undefined));
});
afterAll(async () => teams?.close());
beforeEach(() => teams.reset());

const reference = () => ({
  serviceUrl: teams.serviceUrl,
  channelId: 'msteams',
  conversation: { id: 'a:personal-aad-1', conversationType: 'personal', tenantId: 'tenant-1' },
  bot: { id: '28:bot', name: 'Mentorship' },
  user: { id: '29:aad-1', aadObjectId: 'aad-1' },
  // A stored reference may still carry the activity it was taken from: the post must not reply to it.
  activityId: 'old-activity',
});
const direct = () => ({ platform: 'TEAMS' as const, workspaceId: 'tenant-1', userId: 'aad-1', dmChannelId: null, conversationRef: reference() });

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected the send to fail');
}

describe('Teams proactive messages', () => {
  it('posts a DM as a new message in the personal chat and returns its id', async () => {
    const sent = await messenger.sendDirect(direct(), message('Time to reflect on your meeting of 2026-11-20.'));
    const [posted] = teams.activities();
    expect(posted).toMatchObject({ conversationId: 'a:personal-aad-1', replyToId: undefined, id: sent.messageId });
    expect(cardText(cardOf(posted!))).toContain('Time to reflect');
    expect(cardProblems(cardOf(posted!))).toEqual([]);
  });

  it('posts to a channel with the channel reference', async () => {
    const ref = { ...reference(), conversation: { id: '19:digest@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-1' } };
    await messenger.postToChannel({ platform: 'TEAMS', workspaceId: 'tenant-1', channelId: '19:digest@thread.tacv2', conversationRef: ref }, message('Weekly digest'));
    expect(teams.activities()[0]).toMatchObject({ conversationId: '19:digest@thread.tacv2', replyToId: undefined });
  });

  it('reports a 403 as permanent and unreachable: the user has not installed the app', async () => {
    teams.failNext(1, 403);
    const error = await failure(messenger.sendDirect(direct(), message('hello')));
    expect(error.options).toMatchObject({ permanent: true, unreachable: true });
    expect(teams.activities()).toHaveLength(0);
  });

  it('reports 429 and 412 with the Retry-After the connector gave, without retrying on its own', async () => {
    teams.failNext(1, 429, { 'Retry-After': '7' });
    const throttled = await failure(messenger.sendDirect(direct(), message('hello')));
    expect(throttled.options.retryAfterMs).toBe(7000);
    expect(throttled.options.permanent).toBeFalsy();
    teams.failNext(1, 412, { 'Retry-After': '2' });
    const precondition = await failure(messenger.sendDirect(direct(), message('hello')));
    expect(precondition.options.retryAfterMs).toBe(2000);
    // Neither was retried by the SDK: the next send goes straight through, once.
    await messenger.sendDirect(direct(), message('hello again'));
    expect(teams.activities()).toHaveLength(1);
  }, 10_000);

  it('reports a 404 as permanent', async () => {
    teams.failNext(1, 404);
    const error = await failure(messenger.sendDirect(direct(), message('hello')));
    expect(error.options.permanent).toBe(true);
  });

  it('opens the personal chat when there is none yet (app installed for the user), and returns its reference to keep', async () => {
    const sent = await messenger.sendDirect({ ...direct(), conversationRef: null }, message('Welcome to the program'));
    const [conversation] = teams.conversations();
    expect(conversation!.body).toMatchObject({ isGroup: false, members: [{ id: 'aad-1' }], tenantId: 'tenant-1' });
    const [posted] = teams.activities();
    expect(posted).toMatchObject({ conversationId: conversation!.id, id: sent.messageId, replyToId: undefined });
    expect(cardText(cardOf(posted!))).toContain('Welcome to the program');
    expect(sent.conversationRef).toMatchObject({ serviceUrl: teams.serviceUrl, conversation: { id: conversation!.id } });
  });

  it('reports a 403 opening that chat as permanent and unreachable: the app is not installed for the user', async () => {
    teams.failNext(1, 403);
    const error = await failure(messenger.sendDirect({ ...direct(), conversationRef: null }, message('hello')));
    expect(error.options).toMatchObject({ permanent: true, unreachable: true });
    expect(teams.activities()).toHaveLength(0);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
