// The directory: how core finds people on a chat platform before they ever wrote to the bot. Each
// adapter implements it with its platform's calls (Slack users.lookupByEmail / users.info; Teams the
// Bot Connector's member lookup and, when configured, Microsoft Graph); core decides when to ask
// (src/core/services/reach.service.ts) and links what it is told (chat-account.service.ts).
import type { Conversation } from './actor.js';
import type { Platform } from './domain/enums.js';
import type { Said } from './i18n/translate.js';

/** A platform account as the directory describes it. */
export interface DirectoryAccount {
  platform: Platform;
  /** Slack team id, or Teams tenant id. */
  workspaceId: string;
  userId: string;
  name?: string;
  email?: string;
  timeZone?: string;
  /** BCP 47, e.g. fr-CA (Slack `locale`, Teams member locale when known). */
  locale?: string;
  /** Slack: the DM channel, once opened. */
  dmChannelId?: string;
  /** Teams: the reference of the personal chat, for proactive messages. */
  conversationRef?: object;
}

/**
 * What a directory answers. `missing`: the platform has no such account (or it may not be used);
 * `reason` says why and what to do, fit for a coordinator, in the reader's language once rendered
 * (catalogue area `reach`). `unavailable`: the directory could not answer now (rate limit, missing
 * permission, outage); `retryAfterMs` when the platform said when.
 */
export type DirectoryAnswer =
  | { kind: 'found'; account: DirectoryAccount }
  | { kind: 'missing'; reason: Said }
  | { kind: 'unavailable'; reason: Said; retryAfterMs?: number };

export interface Directory {
  platform: Platform;
  /** The account with this email (lower-cased), on the workspaces/tenants this deployment serves. */
  findByEmail(email: string): Promise<DirectoryAnswer>;
  /** A user named in a request (a mention), looked up where the request was made. */
  describe(userId: string, where: Conversation): Promise<DirectoryAnswer>;
  /**
   * Opens (or finds) the direct conversation with an account, so a first message can go without the
   * person writing first: the Slack DM channel, the Teams personal chat (installing the app for them
   * where configured). Found: the account with what to remember (dmChannelId, conversationRef).
   */
  openDirect(account: DirectoryAccount): Promise<DirectoryAnswer>;
}

/** The directory of a platform, when that platform is on. */
export const directoryFor = (directories: readonly Directory[] | undefined, platform: Platform): Directory | undefined =>
  directories?.find((d) => d.platform === platform);
