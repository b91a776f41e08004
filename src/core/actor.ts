import type { CpdSystem, Pathway, Role, Platform } from './domain/enums.js';
import type { Locale } from './i18n/locale.js';
import type { Said } from './i18n/translate.js';

/** Where a request came from: enough for core to answer in place and to remember a channel. */
export interface Conversation {
  platform: Platform;
  /** Slack team id or Teams tenant id. */
  workspaceId: string;
  /** Slack channel id or Teams conversation id. */
  channelId?: string;
  isDirect: boolean;
  /** Teams ConversationReference (JSON), for proactive messages into this conversation later. */
  reference?: unknown;
  /** Teams: the people mentioned in the request (`<at>Name</at>` → their id), from the activity's entities. */
  mentions?: { name: string; userId: string }[];
  /** Teams: the team (or chat) id whose members a mention is looked up in. */
  memberScopeId?: string;
  /** Asks the platform who can read this conversation (only when core needs to know: the digest channel). */
  privacy?: () => Promise<ConversationPrivacy>;
}

/** Who can read a conversation, as the platform says (Slack conversations.info; Teams the channel's membership type). */
export type ConversationPrivacy =
  | { kind: 'private-channel' }
  /** Anyone in the workspace or team can join and read it (Slack public channel; Teams standard or shared channel). */
  | { kind: 'public-channel'; detail?: Said }
  /** A group DM or group chat: not a channel, and whoever is added later reads what was posted. */
  | { kind: 'group-chat' }
  | { kind: 'direct' }
  | { kind: 'unknown'; reason: Said };

/** The chat user behind a request, as the adapter knows them before core links them to a person. */
export interface PlatformUser {
  platform: Platform;
  workspaceId: string;
  userId: string;
  /** Only fetched when the account is not linked yet (Slack users.info, Teams member lookup). */
  lookupProfile: () => Promise<{ email?: string; name?: string; timeZone?: string; locale?: string }>;
  /** Teams: the ConversationReference of the personal chat, kept for proactive DMs. */
  conversationRef?: unknown;
  /** The client's language when the request says it (Teams activity `locale`), BCP 47. */
  locale?: string;
}

export interface ActorEnrollment {
  id: string;
  role: Role;
  pathway: Pathway | null;
  /** The CPD system recorded on the enrollment (null: its pathway's default). */
  cpdSystem: CpdSystem | null;
  status: 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN';
  startDate: string;
  endDate: string | null;
}

/** A person the store knows, enrolled in the program, acting now. */
export interface Actor {
  personId: string;
  name: string;
  email: string | null;
  timeZone: string;
  /** The language everything core says to them is written in (i18n/locale.ts readerLocale). */
  locale: Locale;
  enrollments: ActorEnrollment[];
  /** Active roles only. */
  roles: ReadonlySet<Role>;
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.has(role);
export const isCoordinator = (actor: Actor): boolean => actor.roles.has('COORDINATOR');

/**
 * Someone acting for the program who is nobody in the roster (an admin at the command line). Core
 * authorizes it as a coordinator; the audit trail records no person, and `via` says where it came from.
 */
const SYSTEM_ACTOR = /^system:(.+)$/;

export function systemActor(via: string, name: string, timeZone: string, locale: Locale = 'en'): Actor {
  return { personId: `system:${via}`, name, email: null, timeZone, locale, enrollments: [], roles: new Set(['COORDINATOR']) };
}

/** The channel a system actor acted through ('cli'), or undefined for a person. */
export const systemActorVia = (personId: string | null | undefined): string | undefined => (personId ? SYSTEM_ACTOR.exec(personId)?.[1] : undefined);
