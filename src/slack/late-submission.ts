// A modal submission whose outcome takes longer than Slack waits for: the modal is answered in time
// with the same view and a "saving" line, and updated (views.update) once core has decided; if the
// person closed it meanwhile, the outcome comes by DM. Input blocks keep their block_id and action_id,
// so Slack keeps what the person typed in them. Apart from listeners/views.ts as Teams' is apart from
// its routes: the same job in the same file in both adapters.
import type { types } from '@slack/bolt';
import { notSavedText, type FormOutcome } from '../core/ui/form.js';
import { t, type Locale } from '../core/i18n/translate.js';
import { message, type Message } from '../core/ui/message.js';
import { renderBlocks, renderMessage } from './render/blocks.js';
import { renderModal } from './render/modal.js';
import { LIMITS, mrkdwn, plain } from './render/text.js';
import { slackErrorCode } from './people.js';
import type { ListenerDeps } from './listeners/deps.js';

type KnownBlock = types.KnownBlock;

/** How long Slack waits for the answer to a view submission before it tells the person it failed. */
const SLACK_WAITS_MS = 3_000;

/** Leaves a second of Slack's wait for the network both ways. */
export const ANSWER_WITHIN_MS = SLACK_WAITS_MS - 1_000;

/** What a view_submission payload carries of the submitted view (the parts that can be sent back). */
export interface SubmittedView {
  callback_id: string;
  private_metadata: string;
  title: types.PlainTextElement;
  submit?: types.PlainTextElement | null;
  close?: types.PlainTextElement | null;
  blocks: unknown[];
}

/** The status line's block: not a field id (those are letters, digits and underscores). */
const STATUS_BLOCK_ID = 'mb-status';

/** The status line while core decides (the emoji stays out of the catalogue: French typography would split its colons). */
export const savingText = (locale: Locale): string => `:hourglass_flowing_sand: ${t(locale, 'platform.slack.saving')}`;

/** The submitted view again, with a status line on top (replacing any earlier one). */
export function withStatus(view: SubmittedView, status: string): types.ModalView {
  const status_: KnownBlock = { type: 'section', block_id: STATUS_BLOCK_ID, text: { type: 'mrkdwn', text: status } };
  const rest = (view.blocks as { block_id?: string; type?: string }[]).filter((b) => b.block_id !== STATUS_BLOCK_ID);
  // The inputs must all stay; a notice above them is what gives way when the budget is tight.
  while (rest.length + 1 > LIMITS.viewBlocks && rest[0]?.type !== 'input') rest.shift();
  return {
    type: 'modal',
    callback_id: view.callback_id,
    private_metadata: view.private_metadata,
    title: view.title,
    ...(view.submit ? { submit: view.submit } : {}),
    ...(view.close ? { close: view.close } : {}),
    blocks: [status_, ...(rest as KnownBlock[])].slice(0, LIMITS.viewBlocks),
  };
}

/** The label of each input block of the submitted view, by field id. */
function labelOf(view: SubmittedView): (fieldId: string) => string | undefined {
  const labels = new Map(
    (view.blocks as { block_id?: string; label?: { text?: string } }[]).flatMap((b) => (b.block_id && b.label?.text ? [[b.block_id, b.label.text] as const] : [])),
  );
  return (fieldId) => labels.get(fieldId);
}

/** "Not saved yet", each problem with its field's label (plain text: escape it to show it). */
const notSavedInView = (errors: Record<string, string>, view: SubmittedView, locale: Locale): string => notSavedText(errors, labelOf(view), locale);

/** The submitted view with its problems listed on top; the person fixes them and submits again. */
const withProblems = (view: SubmittedView, errors: Record<string, string>, locale: Locale): types.ModalView =>
  withStatus(view, `:warning: ${mrkdwn(notSavedInView(errors, view, locale), LIMITS.sectionText - 10)}`);

/** The modal once the form is saved: what was saved (buttons are in the DM, where they work). */
function doneView(title: types.PlainTextElement, message: Message, locale: Locale): types.ModalView {
  const blocks = renderBlocks(message.blocks.filter((b) => b.type !== 'actions'), LIMITS.viewBlocks);
  return { type: 'modal', title, close: plain(t(locale, 'platform.slack.done'), LIMITS.modalButton), blocks: blocks.length ? blocks : renderBlocks([{ type: 'text', text: message.text }], LIMITS.viewBlocks) };
}

/** The modal answered with "saving": now show the outcome in it, or by DM if it is gone. */
export async function showLateOutcome(deps: ListenerDeps, modal: { id: string; view: SubmittedView; userId: string }, outcome: FormOutcome, locale: Locale): Promise<void> {
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
      await sendOutcomeByDm(deps, userId, message(t(locale, 'platform.slack.lateNotSaved', { title: view.title.text, why })), view.callback_id);
    }
  }
  if (outcome.kind === 'done') await sendOutcomeByDm(deps, userId, outcome.message, view.callback_id);
}

/** A form's outcome (the confirmation, or why it was not saved) in the person's DM with the bot. */
export async function sendOutcomeByDm(deps: ListenerDeps, userId: string, body: Message, formId: string): Promise<void> {
  try {
    const rendered = renderMessage(body);
    await deps.client.chat.postMessage({ channel: await deps.openDm(userId), text: rendered.text, blocks: rendered.blocks });
  } catch (error) {
    deps.logger.error({ code: slackErrorCode(error), userId, formId }, 'could not send the form outcome by DM');
  }
}
