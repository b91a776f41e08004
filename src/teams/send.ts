// Outgoing activities: a neutral Message as a card, proactive posts with a stored reference, and
// answers that must stay private when the question was asked in a channel.
import { CardFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Message } from '../core/ui/message.js';
import { renderMessageCard, type AdaptiveCard } from './render/card.js';
import { isPersonal, tenantOf } from './request.js';

export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return { type: 'message', summary: summary.slice(0, 200), attachments: [CardFactory.adaptiveCard(card)] };
}

export const messageActivity = (message: Message, viewers: string[] = []): Partial<Activity> => cardActivity(renderMessageCard(message, viewers, message.locale), message.text);

/**
 * Proactive posts are new messages, not replies: botbuilder would otherwise set replyToId to the id
 * of the synthetic "continue" activity and post to `/activities/{random id}`.
 */
function postAsNewMessages(context: TurnContext): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

/**
 * The connector client retries 429/5xx itself, sleeping through Retry-After, while the outbox is
 * the one place that schedules retries: take the SDK's retry policy out of this turn's client.
 */
function withoutSdkRetries(context: TurnContext, adapter: TeamsAdapter): void {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } } | undefined;
  connector?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}

export async function sendProactive(
  adapter: TeamsAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
): Promise<string> {
  let id = '';
  // The adapter hands errors thrown in the logic to its onTurnError (teams-ai sets one) instead of
  // rejecting: keep the connector's error here so the outbox sees it.
  let failure: { error: unknown } | undefined;
  const { activityId: _ignored, ...withoutActivity } = reference;
  await adapter.continueConversationAsync(appId, withoutActivity, async (context) => {
    withoutSdkRetries(context, adapter);
    postAsNewMessages(context);
    try {
      const sent = await context.sendActivity(activity);
      id = sent?.id ?? '';
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
  return id;
}

/**
 * Answers to one person: in a personal chat, a reply; asked in a channel, in a 1:1 chat the bot opens
 * with them (Teams has no ephemeral messages, and a progress report is nobody else's business).
 */
export async function sendPrivately(context: TurnContext, adapter: TeamsAdapter, appId: string, activities: Partial<Activity>[]): Promise<void> {
  if (activities.length === 0) return;
  const activity = context.activity;
  if (isPersonal(activity)) {
    await context.sendActivities(activities);
    return;
  }
  await sendInNewPersonalChat(adapter, appId, { serviceUrl: activity.serviceUrl, tenantId: tenantOf(activity), memberId: activity.from.id }, activities);
}

/**
 * Messages to someone in a 1:1 chat the connector creates for them (or finds: creating it again
 * returns the same chat): possible when the app is installed for them, e.g. tenant-wide by an app
 * setup policy, a 403 otherwise. `memberId` is their Teams id (29:…) or their Entra object id.
 * Returns the first message's id and the chat's reference, to keep.
 */
export async function sendInNewPersonalChat(
  adapter: TeamsAdapter,
  appId: string,
  to: { serviceUrl: string; tenantId: string; memberId: string },
  activities: Partial<Activity>[],
): Promise<{ id: string; reference: Partial<ConversationReference> }> {
  let sent: { id: string; reference: Partial<ConversationReference> } | undefined;
  let failure: { error: unknown } | undefined;
  await adapter.createConversationAsync(
    appId,
    'msteams',
    to.serviceUrl,
    'https://api.botframework.com',
    {
      isGroup: false,
      ...(appId ? { bot: { id: `28:${appId}` } } : {}),
      members: [{ id: to.memberId }],
      tenantId: to.tenantId,
      channelData: { tenant: { id: to.tenantId } },
    } as Parameters<TeamsAdapter['createConversationAsync']>[4],
    async (personal) => {
      withoutSdkRetries(personal, adapter);
      postAsNewMessages(personal);
      try {
        const responses = await personal.sendActivities(activities);
        sent = { id: responses[0]?.id ?? '', reference: TurnContext.getConversationReference(personal.activity) };
      } catch (error) {
        failure = { error };
      }
    },
  );
  if (failure) throw failure.error;
  return sent!;
}
