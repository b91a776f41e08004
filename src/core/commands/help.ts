import { COMMANDS } from './index.js';
import type { Platform } from '../domain/enums.js';
import type { Message } from '../ui/message.js';

/** How a person types a command on their platform: '/meeting' in Slack, 'meeting' in Teams. */
export const commandWord = (platform: Platform, slash: string): string => (platform === 'SLACK' ? slash : slash.slice(1));

export function helpMessage(platform: Platform, intro?: string): Message {
  const lines = COMMANDS.map((c) => `${commandWord(platform, c.slash)} — ${c.summary}`);
  const examples = COMMANDS.flatMap((c) => c.examples.slice(0, 1).map((e) => `${commandWord(platform, c.slash)} ${e}`.trim()));
  return {
    text: intro ?? 'What I can do',
    blocks: [
      ...(intro ? [{ type: 'text' as const, text: intro }] : []),
      { type: 'header', text: 'Mentorship bot commands' },
      { type: 'list', items: lines },
      { type: 'list', title: 'Examples', items: examples },
    ],
  };
}

const SLASHED = new RegExp(`(^|[\\s("'])/(${COMMANDS.map((c) => c.slash.slice(1)).join('|')})\\b`, 'g');

/**
 * Core writes command examples in Slack's syntax ('/away 2026-12-20 …'); a Teams user types the same
 * words without the slash. Adapters for platforms without slash commands pass their text through this.
 */
export function toPlatformSyntax(text: string, platform: Platform): string {
  return platform === 'SLACK' ? text : text.replace(SLASHED, '$1$2');
}
