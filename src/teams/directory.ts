// Core's directory on Teams. A mention is described by the Bot Connector's member lookup of the team
// (or chat) it was typed in: GET /v3/conversations/{team or chat}/members/{user}, which gives the
// member's name and email (or userPrincipalName). Finding someone by email alone needs Microsoft
// Graph (graph.ts), used only when TEAMS_GRAPH=true; without it Teams answers "not found, and why".
import type { ConversationReference, TeamsChannelAccount } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Conversation } from '../core/actor.js';
import type { Logger } from '../core/context.js';
import type { Directory, DirectoryAccount, DirectoryAnswer } from '../core/directory.js';
import { said } from '../core/i18n/translate.js';
import { fromOtherTenant } from './request.js';

type ConnectorClient = { conversations: { getConversationMember(conversationId: string, userId: string): Promise<TeamsChannelAccount> } };

export interface TeamsDirectoryOptions {
  adapter: TeamsAdapter;
  appId: string;
  logger: Logger;
  /** Email lookup and proactive installation through Microsoft Graph (TEAMS_GRAPH=true). */
  graph?: Pick<Directory, 'findByEmail' | 'openDirect'>;
}

const isReference = (value: unknown): value is Partial<ConversationReference> & { serviceUrl: string; conversation: { id: string } } => {
  const ref = value as { serviceUrl?: unknown; conversation?: { id?: unknown } } | null;
  return !!ref && typeof ref.serviceUrl === 'string' && typeof ref.conversation?.id === 'string';
};

export function createTeamsDirectory({ adapter, appId, logger, graph }: TeamsDirectoryOptions): Directory {
  /** The connector's member lookup, in a turn continued from where the mention was typed. */
  async function memberLookup(reference: Partial<ConversationReference>, scopeId: string, userId: string): Promise<TeamsChannelAccount> {
    let result: { member: TeamsChannelAccount } | { error: unknown } | undefined;
    const { activityId: _ignored, ...withoutActivity } = reference;
    await adapter.continueConversationAsync(appId, withoutActivity, async (context) => {
      try {
        const key = (context.adapter as { ConnectorClientKey?: symbol }).ConnectorClientKey;
        const connector = key ? (context.turnState.get(key) as ConnectorClient | undefined) : undefined;
        if (!connector) throw new Error('no Bot Connector client in this turn');
        result = { member: await connector.conversations.getConversationMember(scopeId, userId) };
      } catch (error) {
        result = { error };
      }
    });
    if (!result) throw new Error('the member lookup did not run');
    if ('error' in result) throw result.error;
    return result.member;
  }

  return {
    platform: 'TEAMS',

    async findByEmail(email: string): Promise<DirectoryAnswer> {
      if (graph) return graph.findByEmail(email);
      return { kind: 'missing', reason: said('reach.teams.notKnown', { email }) };
    },

    async describe(userId: string, where: Conversation): Promise<DirectoryAnswer> {
      const scopeId = where.memberScopeId ?? where.channelId;
      if (!isReference(where.reference) || !scopeId) return { kind: 'missing', reason: said('reach.teams.noConversation') };
      let member: TeamsChannelAccount;
      try {
        member = await memberLookup(where.reference, scopeId, userId);
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 404) return { kind: 'missing', reason: said('reach.teams.notMember') };
        logger.warn({ err: error, status, userId }, 'Teams member lookup failed');
        return { kind: 'unavailable', reason: said('reach.teams.lookupFailed', { hasStatus: status ? 'yes' : 'no', status: status ? String(status) : '' }) };
      }
      if (fromOtherTenant(member, where.workspaceId)) return { kind: 'missing', reason: said('reach.teams.otherTenant') };
      const email = member.email ?? (member.userPrincipalName?.includes('@') ? member.userPrincipalName : undefined);
      const account: DirectoryAccount = {
        platform: 'TEAMS',
        workspaceId: where.workspaceId,
        userId: member.aadObjectId ?? userId,
        ...(member.name ? { name: member.name } : {}),
        ...(email ? { email } : {}),
      };
      return { kind: 'found', account };
    },

    async openDirect(account: DirectoryAccount): Promise<DirectoryAnswer> {
      // The messenger opens the personal chat on the first message (POST /v3/conversations); with
      // Graph the app is installed for them first.
      if (graph && !account.conversationRef) return graph.openDirect(account);
      return { kind: 'found', account };
    },
  };
}
