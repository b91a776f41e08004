import type { Locale } from '../i18n/locale.js';

// Neutral messages: what core says, with no idea of Block Kit or Adaptive Cards. Text is plain
// (adapters escape it); emphasis is expressed by the block type, not by markup in strings.

export type ActionId =
  | 'meeting.confirm'
  | 'meeting.dispute'
  | 'meeting.log'
  | 'meeting.view'
  | 'reflection.open'
  | 'reminder.snooze'
  | 'digest.nudge'
  | 'digest.export';

export interface Button {
  label: string;
  action: ActionId;
  /** Opaque to adapters: handed back to core's action handler as is. At most 2000 characters. */
  value: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'facts'; facts: { label: string; value: string }[] }
  | { type: 'progress'; label: string; value: number; max: number; note?: string }
  | { type: 'list'; title?: string; items: string[] }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'context'; text: string }
  | { type: 'divider' };

/** The actions that answer a live message's current view (read only: they change nothing). */
export type LiveViewId = Extract<ActionId, 'meeting.view'>;
export const LIVE_VIEWS: ReadonlySet<string> = new Set<LiveViewId>(['meeting.view']);

export interface Message {
  /** One-line summary: the notification preview and the fallback where blocks are not shown. */
  text: string;
  /** The reader's language, for the few words an adapter adds around the message ("…and 3 more"). */
  locale?: Locale;
  blocks: Block[];
  /**
   * The message shows state that others can change (a meeting to confirm): `action` with `value`
   * answers its current view for whoever asks. A platform that can refresh a posted message per
   * viewer (Teams' Universal Actions) does; the others show it as sent.
   */
  live?: { action: LiveViewId; value: string };
}

export const message = (text: string, blocks: Block[] = [{ type: 'text', text }]): Message => ({ text, blocks });
