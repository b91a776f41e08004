// What `/mentorship digest | export | status` and the digest buttons answer with. Coordinators only:
// these name people who are behind.
import { requireCoordinator } from './access.js';
import { isUniqueViolation } from './store-errors.js';
import type { Actor, Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { message } from '../ui/message.js';
import { programOverviewMessage } from '../ui/progress.view.js';
import type { Reply } from '../ui/reply.js';
import { postDigestNow } from './digest.service.js';
import { EXPORT_KINDS, exportData, isExportKind, type ExportKind } from './export.service.js';
import { programProgressFor } from './progress.service.js';
import { digestChannels } from './roster.service.js';
import { PLATFORM_LABELS } from '../domain/enums.js';
import { localDate } from '../domain/time.js';

/**
 * The digest now, to the coordinator who asked, and to the digest channels `postDigestNow` chooses
 * (this one when typed in one, else every one). Keyed by the request, so a platform's retry posts it once.
 */
export async function digestReply(ctx: CoreContext, actor: Actor, conversation?: Conversation, requestId?: string): Promise<Reply> {
  requireCoordinator(actor, 'ask for the digest');
  const posted = await postDigestNow(ctx, { id: requestId ?? ctx.clock.now().toISOString(), ...(conversation ? { conversation } : {}) });
  const { digest } = posted;
  if (posted.channels === 0) {
    return { kind: 'message', message: { text: digest.text, blocks: [...digest.blocks.slice(0, 49), { type: 'context', text: 'No digest channel yet: type /mentorship channel in a private channel to have the digest posted there every week.' }] } };
  }
  const where = posted.here ? 'Also posted in this channel.' : posted.channels === 1 ? 'Also posted to the digest channel.' : `Also posted to the ${posted.channels} digest channels.`;
  return { kind: 'message', message: { text: digest.text, blocks: [...digest.blocks.slice(0, 49), { type: 'context', text: where }] } };
}

/** An export as a file for the coordinator who asked (sent by DM). */
export async function exportReply(ctx: CoreContext, actor: Actor, kind: string, requestId?: string): Promise<Reply> {
  requireCoordinator(actor, 'export data');
  if (!isExportKind(kind)) {
    throw new AppError('BAD_INPUT', `"${kind}" is not an export I know. Use one of ${EXPORT_KINDS.join(', ')}, e.g. /mentorship export meetings.`, { kind: `Use one of ${EXPORT_KINDS.join(', ')}.` });
  }
  let file;
  try {
    file = await exportData(ctx, actor, kind as ExportKind, { format: 'csv', ...(requestId ? { requestId } : {}) });
  } catch (error) {
    // The audit event of this request exists: the platform delivered it twice, the file went once.
    if (requestId && isUniqueViolation(error)) return { kind: 'none' };
    throw error;
  }
  const what = kind === 'summary' ? 'The program summary' : `The ${kind} export`;
  return {
    kind: 'file',
    filename: file.filename,
    mimeType: file.mimeType,
    content: file.content,
    message: message(`${what}: ${file.rows} row${file.rows === 1 ? '' : 's'} in ${file.filename}. It holds names: keep it where only program staff can read it.`),
  };
}

/** The program overview (totals and what needs attention), and where the digest goes. */
export async function statusReply(ctx: CoreContext, actor: Actor): Promise<Reply> {
  requireCoordinator(actor, 'see the program status');
  const overview = programOverviewMessage(await programProgressFor(ctx, actor));
  const channels = await digestChannels(ctx);
  const where =
    channels.length === 0
      ? 'Digest channels: none yet (type /mentorship channel in a private channel of coordinators).'
      : `Digest channels: ${channels.map((c) => `${PLATFORM_LABELS[c.platform]} ${c.channelId} (since ${localDate(c.createdAt, ctx.program.timeZone)})`).join('; ')}. Type /mentorship channel off in one to stop it.`;
  return { kind: 'message', message: { text: overview.text, blocks: [...overview.blocks.slice(0, 49), { type: 'context', text: where }] } };
}
