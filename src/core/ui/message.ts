// Neutral messages: what core says, with no idea of Block Kit or Adaptive Cards. Text is plain
// (adapters escape it); emphasis is expressed by the block type, not by markup in strings.

export type ActionId =
  | 'meeting.confirm'
  | 'meeting.dispute'
  | 'meeting.log'
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

export interface Message {
  /** One-line summary: the notification preview and the fallback where blocks are not shown. */
  text: string;
  blocks: Block[];
}

export const message = (text: string, blocks: Block[] = [{ type: 'text', text }]): Message => ({ text, blocks });
