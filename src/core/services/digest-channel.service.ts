// The program's digest channels: a coordinator makes the channel they type in one (only a private
// one: the digest names who is behind) or stops it; the digest goes to each. Apart from the roster
// because it is about where the program talks, not who is in it.
import type { Actor, Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { Platform } from '../domain/enums.js';
import { said } from '../i18n/translate.js';
import { requireCoordinator } from './access.js';
import { audit } from './audit.js';

/** Makes the conversation the command was typed in the program's digest channel. */
export async function setDigestChannel(ctx: CoreContext, actor: Actor, conversation: Conversation): Promise<{ id: string; created: boolean }> {
  requireCoordinator(actor, said('access.whatFor.digestChannel'));
  if (conversation.isDirect || !conversation.channelId) {
    throw new AppError('BAD_INPUT', said('mentorship.channel.notInDm'));
  }
  await requirePrivateChannel(conversation);
  const key = {
    programId: ctx.program.id,
    platform: conversation.platform,
    workspaceId: conversation.workspaceId,
    channelId: conversation.channelId,
    purpose: 'digest',
  };
  const existing = await ctx.db.programChannel.findUnique({ where: { programId_platform_workspaceId_channelId_purpose: key }, select: { id: true } });
  const conversationRef = (conversation.reference ?? undefined) as object | undefined;
  const row = await ctx.db.programChannel.upsert({
    where: { programId_platform_workspaceId_channelId_purpose: key },
    create: { ...key, conversationRef },
    update: conversationRef === undefined ? {} : { conversationRef },
  });
  return { id: row.id, created: !existing };
}

/**
 * The digest names physicians who are behind: it goes only to a channel the platform says is private.
 * A public channel, a group DM or group chat, or one the platform would not describe is refused, with why.
 */
async function requirePrivateChannel(conversation: Conversation): Promise<void> {
  const privacy = conversation.privacy ? await conversation.privacy() : { kind: 'unknown' as const, reason: said('platform.privacy.unsupported') };
  switch (privacy.kind) {
    case 'private-channel':
      return;
    case 'public-channel':
      throw new AppError('FORBIDDEN', said('mentorship.channel.public', { hasDetail: privacy.detail ? 'yes' : 'no', detail: privacy.detail ?? '' }));
    case 'group-chat':
      throw new AppError('FORBIDDEN', said('mentorship.channel.groupChat', { platform: conversation.platform }));
    case 'direct':
      throw new AppError('BAD_INPUT', said('mentorship.channel.notInDm'));
    case 'unknown':
      throw new AppError('FORBIDDEN', said('mentorship.channel.unknownPrivacy', { reason: privacy.reason }));
  }
}

/** `/mentorship channel off`: this channel no longer gets the digest. */
export async function removeDigestChannel(ctx: CoreContext, actor: Actor, conversation: Conversation): Promise<{ removed: boolean }> {
  requireCoordinator(actor, said('access.whatFor.digestChannel'));
  if (conversation.isDirect || !conversation.channelId) {
    throw new AppError('BAD_INPUT', said('mentorship.channel.offInDm'));
  }
  const { count } = await ctx.db.programChannel.deleteMany({
    where: { programId: ctx.program.id, platform: conversation.platform, workspaceId: conversation.workspaceId, channelId: conversation.channelId, purpose: 'digest' },
  });
  if (count > 0) {
    await audit(ctx.db, { programId: ctx.program.id, actorId: actor.personId, action: 'digest-channel.remove', detail: { platform: conversation.platform, channelId: conversation.channelId } });
  }
  return { removed: count > 0 };
}

/** The program's digest channels, oldest first (for /mentorship status). */
export async function digestChannels(ctx: CoreContext): Promise<{ id: string; platform: Platform; channelId: string; createdAt: Date }[]> {
  return ctx.db.programChannel.findMany({
    where: { programId: ctx.program.id, purpose: 'digest' },
    select: { id: true, platform: true, channelId: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}
