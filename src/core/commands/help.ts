import { COMMANDS } from './index.js';
import type { Platform } from '../domain/enums.js';
import type { Locale } from '../i18n/locale.js';
import { commandMention, t } from '../i18n/translate.js';
import type { Message } from '../ui/message.js';

/** How a person types a command on their platform: '/meeting' in Slack, 'meeting' in Teams. */
export const commandWord = (platform: Platform, slash: string): string => (platform === 'SLACK' ? slash : slash.slice(1));

export function helpMessage(platform: Platform, locale: Locale, intro?: string): Message {
  const lines = COMMANDS.map((c) => `${commandWord(platform, c.slash)} — ${t(locale, c.summary)}`);
  const examples = COMMANDS.flatMap((c) => {
    const example = t(locale, c.example);
    return example ? [`${commandWord(platform, c.slash)} ${example}`] : [];
  });
  return {
    text: intro ?? t(locale, 'help.whatICanDo'),
    blocks: [
      ...(intro ? [{ type: 'text' as const, text: intro }] : []),
      { type: 'header', text: t(locale, 'help.header') },
      { type: 'list', items: lines },
      { type: 'list', title: t(locale, 'help.examples'), items: examples },
    ],
  };
}

export { commandMention };
