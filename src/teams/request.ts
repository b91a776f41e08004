// A Bot Framework activity → who is asking (PlatformUser), where (Conversation), and the command typed.
import { TeamsInfo, TurnContext, type Activity, type ConversationReference, type TeamsChannelAccount } from 'botbuilder';
import type { Conversation, ConversationPrivacy, PlatformUser } from '../core/actor.js';
import { said } from '../core/i18n/translate.js';

export const tenantOf = (activity: Activity): string =>
  activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? 'unknown-tenant';

export const isPersonal = (activity: Activity): boolean =>
  activity.conversation?.conversationType === 'personal' || (!activity.conversation?.conversationType && !activity.conversation?.isGroup);

/** A team channel's id without the thread suffix (`19:…@thread.tacv2;messageid=…`): posts start new threads. */
function channelIdOf(activity: Activity): string {
  const channel = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  return channel ?? activity.conversation.id.split(';')[0]!;
}

/**
 * The reference to store for proactive messages later: no activity id (a proactive post must not be
 * a reply to whatever was said last), and for a channel the channel itself rather than the thread.
 */
export function referenceOf(activity: Activity): Partial<ConversationReference> {
  const reference: Partial<ConversationReference> = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  if (!isPersonal(activity) && activity.conversation?.conversationType === 'channel') {
    reference.conversation = { ...reference.conversation!, id: channelIdOf(activity) };
  }
  return JSON.parse(JSON.stringify(reference)) as Partial<ConversationReference>;
}

export function conversationOf(activity: Activity): Conversation {
  const personal = isPersonal(activity);
  const mentions = mentionsOf(activity);
  return {
    platform: 'TEAMS',
    workspaceId: tenantOf(activity),
    channelId: personal ? activity.conversation.id : channelIdOf(activity),
    isDirect: personal,
    reference: referenceOf(activity),
    ...(mentions.length ? { mentions } : {}),
    // Where a mentioned member is looked up, as TeamsInfo.getMember does: the team, else the conversation.
    memberScopeId: (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id ?? activity.conversation?.id,
  };
}

/** Most mentions a request is read for (a command names two people; a message can carry many). */
const MAX_MENTIONS = 20;

/** People mentioned (not the bot): the name inside `<at>…</at>` and the member's id (Entra object id when given). */
function mentionsOf(activity: Activity): { name: string; userId: string }[] {
  const botId = activity.recipient?.id;
  const out: { name: string; userId: string }[] = [];
  for (const entity of activity.entities ?? []) {
    const e = entity as { type?: string; text?: unknown; mentioned?: { id?: unknown; name?: unknown; aadObjectId?: unknown } };
    if (e.type !== 'mention' || !e.mentioned || e.mentioned.id === botId) continue;
    const id = typeof e.mentioned.aadObjectId === 'string' && e.mentioned.aadObjectId ? e.mentioned.aadObjectId : e.mentioned.id;
    const inner = typeof e.text === 'string' ? /^<at>([\s\S]{1,200}?)<\/at>$/.exec(e.text)?.[1] : undefined;
    const name = (inner ?? (typeof e.mentioned.name === 'string' ? e.mentioned.name : '')).trim();
    if (typeof id !== 'string' || !id || id.length > 200 || !name) continue;
    out.push({ name, userId: id });
    if (out.length >= MAX_MENTIONS) break;
  }
  return out;
}

/**
 * Who can read the conversation of this activity: a personal chat, a group chat, or a team channel
 * by its membership type (channelData.channel.type; else the team's channel list from the connector).
 * Only a private channel is private: everyone in the team reads a standard one, and people outside the
 * team a shared one.
 */
export async function teamsPrivacy(context: TurnContext): Promise<ConversationPrivacy> {
  const activity = context.activity;
  if (isPersonal(activity)) return { kind: 'direct' };
  const conversationType = activity.conversation?.conversationType;
  if (conversationType === 'groupChat') return { kind: 'group-chat' };
  if (conversationType !== 'channel') return { kind: 'unknown', reason: said('platform.privacy.teamsNotChannel') };
  const data = activity.channelData as { channel?: { id?: string; type?: string }; team?: { id?: string } } | undefined;
  let membership = data?.channel?.type;
  if (!membership && data?.team?.id) {
    try {
      const channels = await TeamsInfo.getTeamChannels(context, data.team.id);
      membership = channels.find((c) => c.id === channelIdOf(activity))?.type;
    } catch (error) {
      return { kind: 'unknown', reason: said('platform.privacy.teamsNoChannels', { status: String((error as { statusCode?: number }).statusCode ?? 'none') }) };
    }
  }
  switch (membership?.toLowerCase()) {
    case 'private':
      return { kind: 'private-channel' };
    case 'standard':
      return { kind: 'public-channel', detail: said('platform.privacy.teamsStandard') };
    case 'shared':
      return { kind: 'public-channel', detail: said('platform.privacy.teamsShared') };
    default:
      return { kind: 'unknown', reason: said('platform.privacy.teamsUnknownKind') };
  }
}

/** The Bot Connector client of this turn: kept by value, since a late form outcome outlives the turn (whose context is revoked then). */
type ConnectorClient = { conversations: { getConversationMember(conversationId: string, userId: string): Promise<TeamsChannelAccount> } };

/** The member's own tenant, when Teams says it, differs from the conversation's. */
export function fromOtherTenant(member: { tenantId?: string }, conversationTenant: string): boolean {
  return typeof member.tenantId === 'string' && member.tenantId !== '' && member.tenantId.toLowerCase() !== conversationTenant.toLowerCase();
}

export function platformUserOf(context: TurnContext): PlatformUser {
  const activity = context.activity;
  const userId = activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown-user';
  const key = (context.adapter as { ConnectorClientKey?: symbol }).ConnectorClientKey;
  const connector = key ? (context.turnState.get(key) as ConnectorClient | undefined) : undefined;
  // Where the member is looked up, as TeamsInfo.getMember does: the team, else the conversation.
  const scope = (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id ?? activity.conversation?.id;
  return {
    platform: 'TEAMS',
    workspaceId: tenantOf(activity),
    userId,
    // Core asks only for a user it has not linked yet.
    lookupProfile: async () => {
      let member;
      try {
        member = connector && scope ? await connector.conversations.getConversationMember(scope, userId) : await TeamsInfo.getMember(context, userId);
      } catch (error) {
        // Not a member the connector knows: no email to link by, so core answers "not enrolled".
        if ((error as { statusCode?: number }).statusCode === 404) return {};
        throw error;
      }
      // A guest or external member (another tenant) of a chat hosted by a trusted tenant: their email
      // proves nothing here (Entra email attributes are not verified), so nothing is linked by it.
      if (fromOtherTenant(member, tenantOf(activity))) return { name: member.name ?? undefined };
      const email = member.email ?? (member.userPrincipalName?.includes('@') ? member.userPrincipalName : undefined);
      return { email: email ?? undefined, name: member.name ?? undefined };
    },
    ...(isPersonal(activity) ? { conversationRef: referenceOf(activity) } : {}),
    // The Teams client's language, sent on every activity (e.g. 'fr-CA').
    ...(typeof activity.locale === 'string' && activity.locale ? { locale: activity.locale.slice(0, 35) } : {}),
  };
}

/**
 * "<word> <text>" from what was typed. Teams sends `<at>Bot</at>` for the bot's own mention in a
 * channel; other mentions stay (core reads `<at>Name</at>` as a person). HTML entities and
 * non-breaking spaces come from the desktop client's rich text.
 */
export function parseCommandText(activity: Activity): { word: string; text: string; whole: string } {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  // Only the bot's own mention is removed: one entity, however many a client sends.
  const own = (activity.entities ?? []).find((entity) => {
    const mentioned = entity as { type?: string; mentioned?: { id?: string }; text?: string };
    return mentioned.type === 'mention' && mentioned.mentioned?.id === botId && typeof mentioned.text === 'string' && mentioned.text !== '';
  }) as { text: string } | undefined;
  if (own) text = text.split(own.text).join(' ');
  text = stripTags(text.replace(/&nbsp;|\u00a0/g, ' '))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return { word: '', text: '', whole: '' };
  return { word: match[1]!.replace(/^\//, '').toLowerCase(), text: match[2]!.trim(), whole: text };
}

/**
 * Rich-text tags become spaces, except `<at>`/`</at>` (mentions core reads); what the expression
 * /<(?!\/?at>)[^>]*>/g replaces, in one pass: that expression re-reads the rest of the line from
 * every `<` that is never closed (quadratic: a line of `<` froze the bot).
 */
export function stripTags(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('<'); open !== -1; open = text.indexOf('<', from)) {
    if (text.startsWith('<at>', open) || text.startsWith('</at>', open)) {
      out += text.slice(from, open + 1);
      from = open + 1;
      continue;
    }
    const close = text.indexOf('>', open);
    // No '>' after this '<': none after any later one either.
    if (close === -1) break;
    out += `${text.slice(from, open)} `;
    from = close + 1;
  }
  return out + text.slice(from);
}
