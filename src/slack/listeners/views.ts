// Modal submissions (callback_id `form:<formId>`): values to core, core's outcome back to Slack in the
// HTTP answer (errors on the fields, or an updated view), then the confirmation by DM. When core has
// not decided within ANSWER_WITHIN_MS (a busy store, a slow users.info), the modal is answered with
// "saving" and the outcome shown later (late-submission.ts). Submitting again meanwhile is safe: the
// form's request id is in its state.
import type { App } from '@slack/bolt';
import { askerLocale, submitForm, visitorLocale, type Request } from '../../core/dispatch.js';
import { within } from '../../core/within.js';
import { ANSWER_WITHIN_MS, savingText, sendOutcomeByDm, showLateOutcome, withStatus } from '../late-submission.js';
import { CALLBACK_PREFIX, formIdFrom, submissionAnswer } from '../render/modal.js';
import { slackUser } from '../people.js';
import { viewRequestId } from '../request-ids.js';
import { formValuesFrom, singleCheckboxBlocks, type SlackStateValues } from '../values.js';
import { slackConversation, type ListenerDeps } from './deps.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view({ type: 'view_submission', callback_id: new RegExp(`^${CALLBACK_PREFIX}`) }, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    const userId = body.user.id;
    const req: Request = {
      ctx: deps.ctx,
      user: slackUser(deps.client, deps.logger, teamId, userId),
      conversation: slackConversation(teamId, undefined),
      requestId: viewRequestId(view),
    };
    const submission = submitForm(
      req,
      formIdFrom(view.callback_id),
      formValuesFrom(view.state.values as SlackStateValues, singleCheckboxBlocks(view.blocks)),
      view.private_metadata,
    );
    const inTime = await within(submission, ANSWER_WITHIN_MS);
    if (inTime?.kind === 'done') {
      await ack();
      deps.afterAck.push('form confirmation', () => sendOutcomeByDm(deps, userId, inTime.message, view.callback_id));
      return;
    }
    if (inTime) {
      await ack(submissionAnswer(inTime, { blockIds: inputBlockIds(view.blocks) }));
      return;
    }
    // Slack's request says no language and the store is slow just now: the program's, until the outcome.
    await ack({ response_action: 'update', view: withStatus(view, savingText(visitorLocale(req))) });
    // As after-ack work, so that a shutdown waits for the outcome to be shown before closing the store.
    deps.afterAck.push('late form outcome', async () => showLateOutcome(deps, { id: view.id, view, userId }, await submission, await askerLocale(req)));
  });
}

function inputBlockIds(blocks: unknown): string[] {
  return (Array.isArray(blocks) ? (blocks as { type?: string; block_id?: string }[]) : [])
    .filter((b) => b.type === 'input' && b.block_id)
    .map((b) => b.block_id!);
}
