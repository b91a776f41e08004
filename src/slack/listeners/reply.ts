// Shows core's Reply to the person who typed a command or pressed a button: privately where they are
// (response_url, ephemeral), as a modal (views.open with the interaction's trigger), or a file by DM.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/context.js';
import type { Message } from '../../core/ui/message.js';
import type { Reply } from '../../core/ui/reply.js';
import { renderMessage } from '../render/blocks.js';
import { renderModal } from '../render/modal.js';
import { escapeMrkdwn } from '../render/text.js';
import { slackErrorCode } from '../people.js';
import { askerLocale, type Request } from '../../core/dispatch.js';
import { t } from '../../core/i18n/translate.js';
import type { Respond } from '../respond.js';

export interface ReplyTarget {
  client: webApi.WebClient;
  logger: Logger;
  userId: string;
  triggerId?: string;
  respond?: Respond;
  /** Opens (or finds) the DM channel with this user. */
  openDm(userId: string): Promise<string>;
  /** Who asked, for the language of what this adapter says itself (English when absent). */
  asker?: Pick<Request, 'ctx' | 'user'>;
}

export async function deliverReply(reply: Reply, target: ReplyTarget): Promise<void> {
  switch (reply.kind) {
    case 'none':
      return;
    case 'message':
      return showPrivately(reply.message, target);
    case 'form': {
      const locale = reply.view.locale ?? 'en';
      if (!target.triggerId) return showPrivately({ text: t(locale, 'platform.slack.typeAgain'), blocks: [] }, target);
      try {
        await target.client.views.open({ trigger_id: target.triggerId, view: renderModal(reply.view) });
      } catch (error) {
        const code = slackErrorCode(error);
        target.logger.warn({ code, formId: reply.view.formId }, 'views.open failed');
        // A trigger lives 3 seconds: a slow answer (or a redelivered request) can outlive it.
        const text =
          code === 'expired_trigger_id' || code === 'invalid_trigger_id' || code === 'trigger_exchanged'
            ? t(locale, 'platform.slack.formTooSlow')
            : t(locale, 'platform.slack.formFailed');
        await showPrivately({ text, blocks: [{ type: 'text', text }] }, target);
      }
      return;
    }
    case 'file': {
      try {
        const channel = await target.openDm(target.userId);
        await target.client.filesUploadV2({
          channel_id: channel,
          filename: reply.filename,
          title: reply.filename,
          content: reply.content,
          initial_comment: escapeMrkdwn(reply.message.text),
        });
        await showPrivately(reply.message, target);
      } catch (error) {
        const code = slackErrorCode(error);
        target.logger.error({ code, filename: reply.filename }, 'file upload failed');
        const locale = target.asker ? await askerLocale(target.asker) : 'en';
        const text = t(locale, 'platform.slack.fileFailed', { filename: reply.filename, code: String(code) });
        await showPrivately({ text, blocks: [{ type: 'text', text }] }, target);
      }
      return;
    }
  }
}

async function showPrivately(message: Message, target: ReplyTarget): Promise<void> {
  const rendered = renderMessage(message);
  if (target.respond) {
    try {
      await target.respond({ response_type: 'ephemeral', replace_original: false, text: rendered.text, blocks: rendered.blocks });
      return;
    } catch (error) {
      // response_url expires after 30 minutes / 5 uses; a DM still reaches the person.
      target.logger.warn({ err: error }, 'response_url failed, answering by DM');
    }
  }
  try {
    const channel = await target.openDm(target.userId);
    await target.client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks });
  } catch (error) {
    target.logger.error({ code: slackErrorCode(error), userId: target.userId }, 'could not answer the user');
  }
}
