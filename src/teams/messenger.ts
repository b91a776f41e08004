// The outbox's way into Teams: proactive DMs and channel posts with the stored ConversationReference,
// and the connector's refusals translated into what the outbox needs to decide (DeliveryError).
import type { ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { DeliveryError, type ChannelTarget, type DirectTarget, type Messenger, type Sent } from '../core/delivery.js';
import type { Message } from '../core/ui/message.js';
import { messageActivity, sendInNewPersonalChat, sendProactive } from './send.js';
import { createSendPacer, PacedTooLong, type SendPacer } from './pace.js';

function isReference(value: unknown): value is Partial<ConversationReference> & { serviceUrl: string; conversation: { id: string } } {
  const ref = value as { serviceUrl?: unknown; conversation?: { id?: unknown } } | null;
  return !!ref && typeof ref.serviceUrl === 'string' && typeof ref.conversation?.id === 'string';
}

interface ConnectorFailure {
  statusCode?: number;
  status?: number;
  code?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } | Record<string, string> };
  headers?: { get?(name: string): string | undefined | null };
}

function header(error: ConnectorFailure, name: string): string | undefined {
  for (const headers of [error.response?.headers, error.headers]) {
    if (!headers) continue;
    if (typeof headers.get === 'function') {
      const value = headers.get(name);
      if (value) return value;
    } else {
      const value = (headers as Record<string, string>)[name];
      if (value) return value;
    }
  }
  return undefined;
}

/** Retry-After in seconds or as an HTTP date → milliseconds from now. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = (error ?? {}) as ConnectorFailure;
  const status = failure.statusCode ?? failure.response?.status ?? failure.status;
  const detail = error instanceof Error ? error.message : String(error);
  switch (status) {
    case 403:
      // The bot is not in a conversation with this user: they never installed the app (or removed it).
      return new DeliveryError(`Teams refused the message (403): ${detail}`, 'TEAMS_FORBIDDEN', { permanent: true, unreachable: true });
    case 404:
      return new DeliveryError(`Teams does not know this conversation (404): ${detail}`, 'TEAMS_NOT_FOUND', { permanent: true, unreachable: true });
    case 429:
    case 412:
    case 503:
      return new DeliveryError(`Teams asked us to slow down (${status})`, 'TEAMS_THROTTLED', { retryAfterMs: retryAfterMs(header(failure, 'retry-after')) ?? 5_000 });
    case 502:
    case 504:
      // Transient at the connector (Microsoft's guidance: retry with backoff): the outbox's backoff.
      return new DeliveryError(`Teams' connector did not answer in time (${status}): ${detail}`, 'TEAMS_UNAVAILABLE');
    case 400:
    case 413:
      return new DeliveryError(`Teams rejected the message (${status}): ${detail}`, 'TEAMS_REJECTED', { permanent: true });
    default:
      return new DeliveryError(`Teams delivery failed${status ? ` (${status})` : ''}: ${detail}`, 'TEAMS_UNAVAILABLE');
  }
}

/** Where to find the Bot Connector for a tenant (a stored reference's serviceUrl), for a first message. */
export type ServiceUrlFor = (tenantId: string) => Promise<string | undefined>;

/**
 * The public cloud's global Bot Connector endpoint, used for a first message into a tenant the bot has
 * never heard from (Microsoft documents it for proactive messages; it routes to the tenant's region).
 */
export const GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

/** A send the pacer would hold longer than it sleeps: back to the outbox, to come back when the budget allows. */
async function paced<T>(pacer: SendPacer, key: string, send: () => Promise<T>): Promise<T> {
  try {
    return await pacer.run(key, send);
  } catch (error) {
    if (error instanceof PacedTooLong) throw new DeliveryError(`Teams send limit for this conversation reached: ${error.message}`, 'TEAMS_PACED', { retryAfterMs: error.waitMs });
    throw error;
  }
}

export function createTeamsMessenger(adapter: TeamsAdapter, appId: string, serviceUrlFor: ServiceUrlFor, pacer: SendPacer = createSendPacer()): Messenger {
  async function post(reference: unknown, message: Message, what: string): Promise<Sent> {
    if (!isReference(reference)) {
      // No reference means the bot was never installed where this should go: only the person (or a
      // team owner) can fix that, retrying cannot.
      throw new DeliveryError(`No Teams conversation to post ${what} into: the app is not installed there yet`, 'TEAMS_NO_CONVERSATION', { permanent: true, unreachable: true });
    }
    try {
      // In a personal chat, the person it is for refreshes a live card by themselves.
      const viewers = reference.user?.id ? [reference.user.id] : [];
      return { messageId: await paced(pacer, reference.conversation.id, () => sendProactive(adapter, appId, reference, messageActivity(message, viewers))) };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** Someone on the roster with a Teams id but no chat with the bot yet: open one (403 if the app is not installed for them). */
  async function firstMessage(target: DirectTarget, message: Message): Promise<Sent> {
    const serviceUrl = (await serviceUrlFor(target.workspaceId)) ?? GLOBAL_SERVICE_URL;
    try {
      const sent = await paced(pacer, `new-chat:${target.workspaceId}:${target.userId}`, () =>
        sendInNewPersonalChat(adapter, appId, { serviceUrl, tenantId: target.workspaceId, memberId: target.userId }, [messageActivity(message)]),
      );
      return { messageId: sent.id, conversationRef: sent.reference };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  return {
    platform: 'TEAMS',
    sendDirect: (target: DirectTarget, message: Message) =>
      isReference(target.conversationRef) ? post(target.conversationRef, message, 'a direct message') : firstMessage(target, message),
    postToChannel: (target: ChannelTarget, message: Message) => post(target.conversationRef, message, 'a channel post'),
  };
}
