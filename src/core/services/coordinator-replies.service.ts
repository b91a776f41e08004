// What `/mentorship digest | export | status` and the digest buttons answer a coordinator with (the
// completion report is another thing: completion-report.service.ts). Coordinators only: these name
// people who are behind.
import { requireCoordinator } from './access.js';
import { isUniqueViolation } from './store-errors.js';
import type { Actor, Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { message } from '../ui/message.js';
import { programOverviewMessage } from '../ui/progress.view.js';
import type { Reply } from '../ui/reply.js';
import { digestMessage, postDigestNow } from './digest.service.js';
import { EXPORT_KINDS, exportData, isExportKind, type ExportKind } from './export.service.js';
import { programProgressFor } from './progress.service.js';
import { digestChannels } from './digest-channel.service.js';
import { localDate } from '../domain/time.js';
import { formatDate } from '../i18n/format.js';
import { platformLabel } from '../i18n/labels.js';
import { programLocale } from '../i18n/locale.js';
import { said, t } from '../i18n/translate.js';

/**
 * The digest now, to the coordinator who asked (in their language), and to the digest channels
 * `postDigestNow` chooses (this one when typed in one, else every one; in the program's language).
 * Keyed by the request, so a platform's retry posts it once.
 */
export async function digestReply(ctx: CoreContext, actor: Actor, conversation?: Conversation, requestId?: string): Promise<Reply> {
  requireCoordinator(actor, 'ask for the digest');
  const posted = await postDigestNow(ctx, { id: requestId ?? ctx.clock.now().toISOString(), ...(conversation ? { conversation } : {}) });
  const locale = actor.locale;
  const digest = locale === programLocale(ctx.program) ? posted.digest : digestMessage(locale, posted.facts.progress, posted.facts.problems);
  if (posted.channels === 0) {
    return { kind: 'message', message: { text: digest.text, blocks: [...digest.blocks.slice(0, 49), { type: 'context', text: t(locale, 'report.digest.noChannel') }] } };
  }
  const where = posted.here ? t(locale, 'report.digest.postedHere') : t(locale, 'report.digest.postedTo', { n: posted.channels });
  return { kind: 'message', message: { text: digest.text, blocks: [...digest.blocks.slice(0, 49), { type: 'context', text: where }] } };
}

/** An export as a file for the coordinator who asked (sent by DM). */
export async function exportReply(ctx: CoreContext, actor: Actor, kind: string, requestId?: string): Promise<Reply> {
  requireCoordinator(actor, 'export data');
  if (!isExportKind(kind)) {
    const kinds = EXPORT_KINDS.join(', ');
    throw new AppError('BAD_INPUT', said('report.export.unknownKind', { kind, kinds }), { kind: said('report.export.useOneOf', { kinds }) });
  }
  let file;
  try {
    file = await exportData(ctx, actor, kind as ExportKind, { format: 'csv', ...(requestId ? { requestId } : {}) });
  } catch (error) {
    // The audit event of this request exists: the platform delivered it twice, the file went once.
    if (requestId && isUniqueViolation(error)) return { kind: 'none' };
    throw error;
  }
  return {
    kind: 'file',
    filename: file.filename,
    mimeType: file.mimeType,
    content: file.content,
    message: message(t(actor.locale, 'report.export.sent', { kind, rows: file.rows, filename: file.filename })),
  };
}

/** The program overview (totals and what needs attention), and where the digest goes. */
export async function statusReply(ctx: CoreContext, actor: Actor): Promise<Reply> {
  requireCoordinator(actor, 'see the program status');
  const locale = actor.locale;
  const overview = programOverviewMessage(locale, await programProgressFor(ctx, actor));
  const channels = await digestChannels(ctx);
  const where =
    channels.length === 0
      ? t(locale, 'report.status.noChannels')
      : t(locale, 'report.status.channels', {
          channels: channels
            .map((c) => t(locale, 'report.status.channel', { platform: platformLabel(locale, c.platform), channel: c.channelId, since: formatDate(locale, localDate(c.createdAt, ctx.program.timeZone)) }))
            .join('; '),
        });
  return { kind: 'message', message: { text: overview.text, blocks: [...overview.blocks.slice(0, 49), { type: 'context', text: where }] } };
}
