// The Bot Connector endpoint of a tenant, as Teams itself told us: the serviceUrl of any conversation
// reference stored for someone (or a channel) in that tenant. Needed to open a first 1:1 chat. The
// references come from core (no query in the adapter); reading a serviceUrl out of one is Teams' own.
import { storedConversationRefs } from '../core/services/conversation-refs.js';
import type { Db } from '../store/store.js';
import type { ServiceUrlFor } from './messenger.js';

export function storedServiceUrl(db: Pick<Db, 'chatAccount' | 'programChannel'>): ServiceUrlFor {
  return async (tenantId) => {
    for (const ref of await storedConversationRefs(db, 'TEAMS', tenantId)) {
      const url = (ref as { serviceUrl?: unknown }).serviceUrl;
      if (typeof url === 'string' && url) return url;
    }
    return undefined;
  };
}
