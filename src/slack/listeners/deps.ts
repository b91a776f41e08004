// What every listener is given: core's context, the logger, and ways to reach Slack.
import type { webApi } from '@slack/bolt';
import type { Conversation, ConversationPrivacy } from '../../core/actor.js';
import { said } from '../../core/i18n/translate.js';
import type { CoreContext, Logger } from '../../core/context.js';
import type { WorkQueue } from '../../http/work-queue.js';
import type { Respond } from '../respond.js';

export interface ListenerDeps {
  ctx: CoreContext;
  logger: Logger;
  client: webApi.WebClient;
  openDm(userId: string): Promise<string>;
  /** Where commands and button presses do their work once Slack has been acknowledged. */
  afterAck: WorkQueue;
  /** Answers privately on an interaction's response_url. */
  respondTo(responseUrl: string): Respond;
}

export function slackConversation(teamId: string, channelId: string | undefined, client?: webApi.WebClient): Conversation {
  return {
    platform: 'SLACK',
    workspaceId: teamId,
    ...(channelId ? { channelId } : {}),
    // D… is a direct message with the app; anything else (C…, G…) is a channel or group.
    isDirect: !channelId || channelId.startsWith('D'),
    ...(client && channelId ? { privacy: () => slackPrivacy(client, channelId) } : {}),
  };
}

/** What conversations.info says of a conversation: private channel, public, group DM, DM; or why it cannot say. */
export async function slackPrivacy(client: webApi.WebClient, channelId: string): Promise<ConversationPrivacy> {
  let channel;
  try {
    channel = (await client.conversations.info({ channel: channelId })).channel;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? 'none';
    // channel_not_found is also what Slack says of a private channel the bot is not in.
    return { kind: 'unknown', reason: code === 'channel_not_found' ? said('platform.privacy.slackBotNotIn') : said('platform.privacy.slackAnswered', { code }) };
  }
  if (!channel) return { kind: 'unknown', reason: said('platform.privacy.slackUndescribed') };
  if (channel.is_im) return { kind: 'direct' };
  if (channel.is_mpim) return { kind: 'group-chat' };
  if (channel.is_ext_shared) return { kind: 'public-channel', detail: said('platform.privacy.slackConnect') };
  if (channel.is_private === true) return { kind: 'private-channel' };
  return { kind: 'public-channel', detail: said('platform.privacy.slackPublic') };
}
