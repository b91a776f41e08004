// How the outbox reaches people: each chat adapter provides a Messenger; core and the scheduler
// only see this interface.
import type { Platform } from './domain/enums.js';
import type { Message } from './ui/message.js';

export interface DirectTarget {
  platform: Platform;
  workspaceId: string;
  userId: string;
  dmChannelId: string | null;
  conversationRef: unknown;
}

export interface ChannelTarget {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  conversationRef: unknown;
}

export interface Sent {
  /** The platform's id of the message (Slack ts, Teams activity id). */
  messageId: string;
  /** Slack: the DM channel opened on the way, to remember for next time. */
  dmChannelId?: string;
  /** Teams: the reference of the 1:1 chat created on the way, to remember for next time. */
  conversationRef?: object;
}

/**
 * A delivery that did not happen. `retryAfterMs` when the platform said when to come back (429);
 * `permanent` when retrying cannot help (user gone, app not installed for the user: Teams 403).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly options: { permanent?: boolean; retryAfterMs?: number; unreachable?: boolean } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Messenger {
  platform: Platform;
  sendDirect(target: DirectTarget, message: Message): Promise<Sent>;
  /** Several people on one workspace in one group DM (Slack introductions); optional. */
  sendGroup?(targets: DirectTarget[], message: Message): Promise<Sent>;
  postToChannel(target: ChannelTarget, message: Message): Promise<Sent>;
}
