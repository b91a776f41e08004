// One listener for every button the bot draws: action_id is core's ActionId, value is the Button.value.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { runAction } from '../../core/dispatch.js';
import { neutralActionId } from '../render/blocks.js';
import { slackUser } from '../people.js';
import { actionRequestId } from '../request-ids.js';
import { slackConversation, type ListenerDeps } from './deps.js';
import { deliverReply } from './reply.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async ({ ack, body, action }) => {
    await ack();
    if (action.type !== 'button') return;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const userId = body.user.id;
    const actionId = neutralActionId(action.action_id);
    const respond = body.response_url ? deps.respondTo(body.response_url) : undefined;
    deps.afterAck.push(`action ${actionId}`, async () => {
      const req = {
        ctx: deps.ctx,
        user: slackUser(deps.client, deps.logger, teamId, userId),
        conversation: slackConversation(teamId, body.channel?.id ?? body.container?.channel_id),
        requestId: actionRequestId({ teamId, userId, actionId: action.action_id, actionTs: action.action_ts, triggerId: body.trigger_id }),
      };
      const reply = await runAction(req, actionId, action.value ?? '');
      await deliverReply(reply, { ...deps, userId, triggerId: body.trigger_id, respond, asker: req });
    });
  });
}
