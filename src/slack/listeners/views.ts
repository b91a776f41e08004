// Modal submissions (callback_id `form:<formId>`): values to core, core's outcome back to Slack in the
// HTTP answer (errors on the fields, or an updated view), then the confirmation by DM.
import type { App } from '@slack/bolt';
import { submitForm } from '../../core/dispatch.js';
import { renderMessage } from '../render/blocks.js';
import { CALLBACK_PREFIX, formIdFrom, submissionAnswer } from '../render/modal.js';
import { slackErrorCode, slackUser } from '../people.js';
import { viewRequestId } from '../request-ids.js';
import { formValuesFrom, singleCheckboxBlocks, type SlackStateValues } from '../values.js';
import { slackConversation, type ListenerDeps } from './deps.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view({ type: 'view_submission', callback_id: new RegExp(`^${CALLBACK_PREFIX}`) }, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    const userId = body.user.id;
    const outcome = await submitForm(
      {
        ctx: deps.ctx,
        user: slackUser(deps.client, deps.logger, teamId, userId),
        conversation: slackConversation(teamId, undefined),
        requestId: viewRequestId(view),
      },
      formIdFrom(view.callback_id),
      formValuesFrom(view.state.values as SlackStateValues, singleCheckboxBlocks(view.blocks)),
      view.private_metadata,
    );
    if (outcome.kind !== 'done') {
      await ack(submissionAnswer(outcome, { blockIds: inputBlockIds(view.blocks) }));
      return;
    }
    await ack();
    try {
      const rendered = renderMessage(outcome.message);
      await deps.client.chat.postMessage({ channel: await deps.openDm(userId), text: rendered.text, blocks: rendered.blocks });
    } catch (error) {
      deps.logger.error({ code: slackErrorCode(error), userId, formId: view.callback_id }, 'could not send the form confirmation');
    }
  });
}

function inputBlockIds(blocks: unknown): string[] {
  return (Array.isArray(blocks) ? (blocks as { type?: string; block_id?: string }[]) : [])
    .filter((b) => b.type === 'input' && b.block_id)
    .map((b) => b.block_id!);
}
