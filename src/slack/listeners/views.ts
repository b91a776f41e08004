// Modal submissions (callback_id `form:<formId>`): values to core, core's outcome back to Slack in the
// HTTP answer (errors on the fields, or an updated view), then the confirmation by DM.
//
// Slack waits 3 seconds for that answer, and the outcome needs the store. When core has not decided
// within ANSWER_WITHIN_MS (a busy store, a slow users.info), the modal is answered with itself and a
// "saving" line, and updated once the outcome is known; if the person closed it meanwhile, the
// outcome comes by DM. Submitting again meanwhile is safe: the form's request id is in its state.
import type { App } from '@slack/bolt';
import { askerLocale, submitForm, visitorLocale, type Request } from '../../core/dispatch.js';
import { t, type Locale } from '../../core/i18n/translate.js';
import { within } from '../../core/within.js';
import type { FormOutcome } from '../../core/ui/form.js';
import { message, type Message } from '../../core/ui/message.js';
import { renderMessage } from '../render/blocks.js';
import { doneView, notSavedInView, savingText, withProblems, withStatus, type SubmittedView } from '../render/late-submission.js';
import { CALLBACK_PREFIX, formIdFrom, renderModal, submissionAnswer } from '../render/modal.js';
import { slackErrorCode, slackUser } from '../people.js';
import { viewRequestId } from '../request-ids.js';
import { formValuesFrom, singleCheckboxBlocks, type SlackStateValues } from '../values.js';
import { slackConversation, type ListenerDeps } from './deps.js';

/** Leaves a second of Slack's three for the network both ways. */
export const ANSWER_WITHIN_MS = 2_000;

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
      deps.afterAck.push('form confirmation', () => sendByDm(deps, userId, inTime.message, view.callback_id));
      return;
    }
    if (inTime) {
      await ack(submissionAnswer(inTime, { blockIds: inputBlockIds(view.blocks) }));
      return;
    }
    // Slack's request says no language and the store is slow just now: the program's, until the outcome.
    await ack({ response_action: 'update', view: withStatus(view, savingText(visitorLocale(req))) });
    // As after-ack work, so that a shutdown waits for the outcome to be shown before closing the store.
    deps.afterAck.push('late form outcome', async () => showLate(deps, { id: view.id, view, userId }, await submission, await askerLocale(req)));
  });
}

/** The modal answered with "saving": now show the outcome in it, or by DM if it is gone. */
async function showLate(deps: ListenerDeps, modal: { id: string; view: SubmittedView; userId: string }, outcome: FormOutcome, locale: Locale): Promise<void> {
  const { view, userId } = modal;
  const updated = outcome.kind === 'done' ? doneView(view.title, outcome.message, locale) : outcome.kind === 'update' ? renderModal(outcome.view) : withProblems(view, outcome.errors, locale);
  try {
    await deps.client.views.update({ view_id: modal.id, view: updated });
  } catch (error) {
    // Closed by the person (not_found), or changed meanwhile: a DM still tells them.
    deps.logger.info({ code: slackErrorCode(error), formId: view.callback_id }, 'late form outcome: the modal could not be updated');
    if (outcome.kind !== 'done') {
      const why =
        outcome.kind === 'errors'
          ? notSavedInView(outcome.errors, view, locale)
          : t(locale, 'platform.slack.notSavedNotice', { notice: outcome.view.notice ?? t(locale, 'platform.slack.needsAnotherLook') });
      await sendByDm(deps, userId, message(t(locale, 'platform.slack.lateNotSaved', { title: view.title.text, why })), view.callback_id);
    }
  }
  if (outcome.kind === 'done') await sendByDm(deps, userId, outcome.message, view.callback_id);
}

async function sendByDm(deps: ListenerDeps, userId: string, body: Message, formId: string): Promise<void> {
  try {
    const rendered = renderMessage(body);
    await deps.client.chat.postMessage({ channel: await deps.openDm(userId), text: rendered.text, blocks: rendered.blocks });
  } catch (error) {
    deps.logger.error({ code: slackErrorCode(error), userId, formId }, 'could not send the form outcome by DM');
  }
}

function inputBlockIds(blocks: unknown): string[] {
  return (Array.isArray(blocks) ? (blocks as { type?: string; block_id?: string }[]) : [])
    .filter((b) => b.type === 'input' && b.block_id)
    .map((b) => b.block_id!);
}
