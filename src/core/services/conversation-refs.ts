// The conversation references a platform handed us (opaque to core: each adapter reads its own), for an
// adapter that needs one it did not keep, e.g. Teams' Bot Connector endpoint of a tenant. Queries stay in core.
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../../store/store.js';
import type { Platform } from '../domain/enums.js';

/** The references stored in a workspace or tenant: the most recently updated chat account's, then a digest channel's. */
export async function storedConversationRefs(db: Pick<Db, 'chatAccount' | 'programChannel'>, platform: Platform, workspaceId: string): Promise<unknown[]> {
  const where = { platform, workspaceId, conversationRef: { not: Prisma.DbNull } };
  const [account, channel] = await Promise.all([
    db.chatAccount.findFirst({ where, select: { conversationRef: true }, orderBy: { updatedAt: 'desc' } }),
    db.programChannel.findFirst({ where, select: { conversationRef: true } }),
  ]);
  return [account?.conversationRef, channel?.conversationRef].filter((ref) => ref !== undefined && ref !== null);
}
