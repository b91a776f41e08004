// Events: the App Home shows the person's progress each time they open it. A message typed to the bot
// in its DM: a reply in a thread goes to core (under a reflection prompt it is an answer, elsewhere core
// answers with the help), posted back in the same thread; a message outside a thread gets the help.
import type { App } from '@slack/bolt';
import { answerInThread, askerLocale, helpFor, runCommand } from '../../core/dispatch.js';
import { t } from '../../core/i18n/translate.js';
import { message as neutralMessage } from '../../core/ui/message.js';
import { renderHome, renderMessage } from '../render/blocks.js';
import { slackErrorCode, slackUser } from '../people.js';
import { eventRequestId } from '../request-ids.js';
import { slackConversation, type ListenerDeps } from './deps.js';

export function registerEvents(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab && event.tab !== 'home') return;
    const teamId = body.team_id;
    const req = {
      ctx: deps.ctx,
      user: slackUser(deps.client, deps.logger, teamId, event.user),
      conversation: slackConversation(teamId, event.channel),
      requestId: eventRequestId(body.event_id, `${teamId}:${event.user}:${event.event_ts}`),
    };
    const reply = await runCommand(req, 'progress', '');
    const shown =
      reply.kind === 'message' || reply.kind === 'file'
        ? reply.message
        : neutralMessage(t(await askerLocale(req), 'platform.slack.homeFallback'));
    try {
      await deps.client.views.publish({ user_id: event.user, view: renderHome(shown) });
    } catch (error) {
      deps.logger.error({ code: slackErrorCode(error), userId: event.user }, 'views.publish failed');
    }
  });

  app.event('message', async ({ event, context, body }) => {
    // Only people writing to the bot in its DM; never our own posts, edits or other bots. A redelivered
    // event (X-Slack-Retry-Num) was already answered: the first delivery was acknowledged before work.
    // (Core is idempotent on a redelivered answer anyway: saving the same text again is a no-op.)
    if (event.channel_type !== 'im' || event.subtype !== undefined || 'bot_id' in event || context.retryNum) return;
    const teamId = body.team_id ?? context.teamId ?? '';
    const req = {
      ctx: deps.ctx,
      user: slackUser(deps.client, deps.logger, teamId, event.user),
      conversation: slackConversation(teamId, event.channel),
      requestId: eventRequestId(body.event_id, `${teamId}:${event.user}:${event.ts}`),
    };
    let shown;
    if (event.thread_ts && event.thread_ts !== event.ts) {
      const reply = await answerInThread(req, { threadMessageId: event.thread_ts, text: event.text ?? '' });
      if (reply.kind !== 'message') return;
      shown = reply.message;
    } else {
      shown = await helpFor(req, 'freeText');
    }
    const rendered = renderMessage(shown);
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
