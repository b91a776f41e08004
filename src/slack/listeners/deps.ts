// What every listener is given: core's context, the logger, and ways to reach Slack.
import type { webApi } from '@slack/bolt';
import type { Conversation } from '../../core/actor.js';
import type { CoreContext, Logger } from '../../core/context.js';
import type { WorkQueue } from '../work-queue.js';

export interface ListenerDeps {
  ctx: CoreContext;
  logger: Logger;
  client: webApi.WebClient;
  openDm(userId: string): Promise<string>;
  /** Where commands and button presses do their work once Slack has been acknowledged. */
  afterAck: WorkQueue;
}

export function slackConversation(teamId: string, channelId: string | undefined): Conversation {
  return {
    platform: 'SLACK',
    workspaceId: teamId,
    ...(channelId ? { channelId } : {}),
    // D… is a direct message with the app; anything else (C…, G…) is a channel or group.
    isDirect: !channelId || channelId.startsWith('D'),
  };
}
