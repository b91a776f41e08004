// Events: the App Home shows the person's progress each time they open it; a message typed to the bot
// in its DM gets the help (core has no way yet to take a reflection answer as free text).
import type { App } from '@slack/bolt';
import { helpMessage } from '../../core/commands/help.js';
import { runCommand } from '../../core/dispatch.js';
import { message as neutralMessage } from '../../core/ui/message.js';
import { renderHome, renderMessage } from '../render/blocks.js';
import { slackErrorCode, slackUser } from '../people.js';
import { eventRequestId } from '../request-ids.js';
import { slackConversation, type ListenerDeps } from './deps.js';

export function registerEvents(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab && event.tab !== 'home') return;
    const teamId = body.team_id;
    const reply = await runCommand(
      {
        ctx: deps.ctx,
        user: slackUser(deps.client, deps.logger, teamId, event.user),
        conversation: slackConversation(teamId, event.channel),
        requestId: eventRequestId(body.event_id, `${teamId}:${event.user}:${event.event_ts}`),
      },
      'progress',
      '',
    );
    const shown =
      reply.kind === 'message' || reply.kind === 'file'
        ? reply.message
        : neutralMessage('Type /progress to see where you stand.');
    try {
      await deps.client.views.publish({ user_id: event.user, view: renderHome(shown) });
    } catch (error) {
      deps.logger.error({ code: slackErrorCode(error), userId: event.user }, 'views.publish failed');
    }
  });

  app.event('message', async ({ event, context }) => {
    // Only people writing to the bot in its DM; never our own posts, edits or other bots. A redelivered
    // event (X-Slack-Retry-Num) was already answered: the first delivery was acknowledged before work.
    if (event.channel_type !== 'im' || event.subtype !== undefined || 'bot_id' in event || context.retryNum) return;
    const help = helpMessage('SLACK', 'I read commands, not messages. To answer a reflection, press "Answer now" on its message, or type /reflect.');
    const rendered = renderMessage(help);
    try {
      await deps.client.chat.postMessage({
        channel: event.channel,
        text: rendered.text,
        blocks: rendered.blocks,
        ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}),
      });
    } catch (error) {
      deps.logger.warn({ code: slackErrorCode(error) }, 'could not answer a DM');
    }
  });
}
