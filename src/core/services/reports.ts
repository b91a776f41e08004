// What `/mentorship digest | export | status` and the digest buttons answer with. Coordinators only:
// these name people who are behind.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { message } from '../ui/message.js';
import { programOverviewMessage } from '../ui/progress.view.js';
import type { Reply } from '../ui/reply.js';
import { buildDigest } from './digest.service.js';
import { EXPORT_KINDS, exportData, isExportKind, type ExportKind } from './export.service.js';
import { queueNotification } from './outbox.js';
import { programProgress } from './progress.service.js';

function requireCoordinator(actor: Actor, whatFor: string): void {
  if (actor.roles.has('COORDINATOR')) return;
  throw new AppError('FORBIDDEN', `Only program coordinators can ${whatFor}. You can see your own progress with /progress.`);
}

/** The digest now, to the coordinator who asked, and to the program's digest channel if there is one. */
export async function digestReply(ctx: CoreContext, actor: Actor): Promise<Reply> {
  requireCoordinator(actor, 'ask for the digest');
  const digest = await buildDigest(ctx);
  const channel = await ctx.db.programChannel.findFirst({ where: { programId: ctx.program.id, purpose: 'digest' }, orderBy: { createdAt: 'asc' } });
  if (!channel) {
    return { kind: 'message', message: { text: digest.text, blocks: [...digest.blocks.slice(0, 49), { type: 'context', text: 'No digest channel yet: type /mentorship channel in a private channel to have the digest posted there every week.' }] } };
  }
  const now = ctx.clock.now();
  await queueNotification(ctx.db, {
    programId: ctx.program.id,
    channelId: channel.id,
    kind: 'digest',
    idempotencyKey: `digest:manual:${now.toISOString()}`,
    payload: digest,
    dueAt: now,
  });
  ctx.wakeOutbox?.();
  return { kind: 'message', message: { text: digest.text, blocks: [...digest.blocks.slice(0, 49), { type: 'context', text: 'Also posted to the digest channel.' }] } };
}

/** An export as a file for the coordinator who asked (sent by DM). */
export async function exportReply(ctx: CoreContext, actor: Actor, kind: string): Promise<Reply> {
  requireCoordinator(actor, 'export data');
  if (!isExportKind(kind)) {
    throw new AppError('BAD_INPUT', `"${kind}" is not an export I know. Use one of ${EXPORT_KINDS.join(', ')}, e.g. /mentorship export meetings.`, { kind: `Use one of ${EXPORT_KINDS.join(', ')}.` });
  }
  const file = await exportData(ctx, actor, kind as ExportKind, { format: 'csv' });
  const what = kind === 'summary' ? 'The program summary' : `The ${kind} export`;
  return {
    kind: 'file',
    filename: file.filename,
    mimeType: file.mimeType,
    content: file.content,
    message: message(`${what}: ${file.rows} row${file.rows === 1 ? '' : 's'} in ${file.filename}. It holds names: keep it where only program staff can read it.`),
  };
}

/** The program overview (totals and what needs attention). */
export async function statusReply(ctx: CoreContext, actor: Actor): Promise<Reply> {
  requireCoordinator(actor, 'see the program status');
  return { kind: 'message', message: programOverviewMessage(await programProgress(ctx)) };
}
