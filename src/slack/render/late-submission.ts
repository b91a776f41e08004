// A modal submission whose outcome takes longer than Slack waits for (3 s): the modal is answered
// in time with the same view and a "saving" line, and updated (views.update) once core has decided.
// Input blocks keep their block_id and action_id, so Slack keeps what the person typed in them.
import type { types } from '@slack/bolt';
import { notSavedText } from '../../core/ui/form.js';
import { t, type Locale } from '../../core/i18n/translate.js';
import type { Message } from '../../core/ui/message.js';
import { renderBlocks } from './blocks.js';
import { LIMITS, mrkdwn, plain } from './text.js';

type KnownBlock = types.KnownBlock;

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
export const notSavedInView = (errors: Record<string, string>, view: SubmittedView, locale: Locale): string => notSavedText(errors, labelOf(view), locale);

/** The submitted view with its problems listed on top; the person fixes them and submits again. */
export const withProblems = (view: SubmittedView, errors: Record<string, string>, locale: Locale): types.ModalView =>
  withStatus(view, `:warning: ${mrkdwn(notSavedInView(errors, view, locale), LIMITS.sectionText - 10)}`);

/** The modal once the form is saved: what was saved (buttons are in the DM, where they work). */
export function doneView(title: types.PlainTextElement, message: Message, locale: Locale): types.ModalView {
  const blocks = renderBlocks(message.blocks.filter((b) => b.type !== 'actions'), LIMITS.viewBlocks);
  return { type: 'modal', title, close: plain(t(locale, 'platform.slack.done'), LIMITS.modalButton), blocks: blocks.length ? blocks : renderBlocks([{ type: 'text', text: message.text }], LIMITS.viewBlocks) };
}
