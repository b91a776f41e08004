// The Bot Connector endpoint of a tenant, as Teams itself told us: the serviceUrl of any conversation
// reference stored for someone (or a channel) in that tenant. Needed to open a first 1:1 chat.
import { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../store/store.js';
import type { ServiceUrlFor } from './messenger.js';

export function storedServiceUrl(db: Pick<Db, 'chatAccount' | 'programChannel'>): ServiceUrlFor {
  return async (tenantId) => {
    const where = { platform: 'TEAMS' as const, workspaceId: tenantId, conversationRef: { not: Prisma.DbNull } };
    const [account, channel] = await Promise.all([
      db.chatAccount.findFirst({ where, select: { conversationRef: true }, orderBy: { updatedAt: 'desc' } }),
      db.programChannel.findFirst({ where, select: { conversationRef: true } }),
    ]);
    for (const ref of [account?.conversationRef, channel?.conversationRef]) {
      const url = (ref as { serviceUrl?: unknown } | null | undefined)?.serviceUrl;
      if (typeof url === 'string' && url) return url;
    }
    return undefined;
  };
}
