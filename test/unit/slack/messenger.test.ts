import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../../src/core/delivery.js';
import { createSlackMessenger } from '../../../src/slack/messenger.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

const message = { text: 'Hello <there> & welcome', blocks: [{ type: 'text' as const, text: 'Hello <there> & welcome' }] };
const target = (userId: string, dmChannelId: string | null = null) => ({ platform: 'SLACK' as const, workspaceId: 'T0001', userId, dmChannelId, conversationRef: null });

describe('the Slack messenger', () => {
  let slack: FakeSlack;
  let messenger: ReturnType<typeof createSlackMessenger>;
  beforeAll(async () => {
    slack = await startFakeSlack();
    messenger = createSlackMessenger(new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }));
  });
  beforeEach(() => slack.reset());
  afterAll(() => slack.close());

  it('opens the DM, posts the rendered message and reports the DM channel to remember', async () => {
    const sent = await messenger.sendDirect(target('U1'), message);
    expect(sent).toEqual({ messageId: expect.any(String), dmChannelId: 'DU1' });
    expect(slack.calls().map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage']);
    const post = slack.calls('chat.postMessage')[0]!;
    expect(post.token).toBe('xoxb-test');
    expect(post.args.channel).toBe('DU1');
    expect(JSON.stringify(post.args.blocks)).toContain('Hello &lt;there&gt; &amp; welcome');
  });

  it('uses a remembered DM channel without opening it again', async () => {
    const sent = await messenger.sendDirect(target('U1', 'DU1'), message);
    expect(sent.dmChannelId).toBeUndefined();
    expect(slack.calls().map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('reopens the DM once when the remembered channel is gone', async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    const sent = await messenger.sendDirect(target('U1', 'DOLD'), message);
    expect(sent.dmChannelId).toBe('DU1');
    expect(slack.calls().map((c) => c.method)).toEqual(['chat.postMessage', 'conversations.open', 'chat.postMessage']);
  });

  it('opens one group DM for several people', async () => {
    await messenger.sendGroup!([target('U1'), target('U2')], message);
    expect(slack.calls('conversations.open')[0]!.args.users).toBe('U1,U2');
    expect(String(slack.calls('chat.postMessage')[0]!.args.channel)).toMatch(/^G/);
  });

  it('turns a 429 into a delivery error that says when to come back', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    const error = await messenger.postToChannel({ platform: 'SLACK', workspaceId: 'T0001', channelId: 'C1', conversationRef: null }, message).catch((e) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'ratelimited', options: { retryAfterMs: 30_000 } });
    expect(error.options.permanent).toBeFalsy();
  });

  it.each([
    ['user_not_found', true],
    ['account_inactive', true],
  ])('marks %s as permanent and the person unreachable', async (code, unreachable) => {
    slack.failNext('conversations.open', code);
    const error = await messenger.sendDirect(target('U9'), message).catch((e) => e);
    expect(error).toMatchObject({ code, options: { permanent: true, unreachable } });
  });

  it.each(['not_in_channel', 'channel_not_found', 'is_archived'])('marks %s in a channel as permanent, with what to do', async (code) => {
    slack.failNext('chat.postMessage', code);
    const error = await messenger.postToChannel({ platform: 'SLACK', workspaceId: 'T0001', channelId: 'C1', conversationRef: null }, message).catch((e) => e);
    expect(error).toMatchObject({ code, options: { permanent: true } });
    expect(error.options.unreachable).toBeFalsy();
    expect(error.message).toContain(code);
  });

  it('treats Slack\'s own trouble as worth retrying', async () => {
    slack.failNext('chat.postMessage', 'internal_error');
    const error = await messenger.postToChannel({ platform: 'SLACK', workspaceId: 'T0001', channelId: 'C1', conversationRef: null }, message).catch((e) => e);
    expect(error).toMatchObject({ code: 'internal_error' });
    expect(error.options.permanent).toBeFalsy();
  });
});
