// t(locale, key, values): every text core writes comes from the catalogues (ICU message format:
// plurals, selects, numbers). Commands are marked <cmd>meeting</cmd> in the catalogues, so each adapter
// writes them its own way ('/meeting' in Slack, 'meeting' in Teams): see commandsFor below.
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './catalogue/en/index.js';
import { fr } from './catalogue/fr/index.js';
import { INTL_LOCALE, type Locale } from './locale.js';
import { frenchTypography } from './typography.js';
import type { Platform } from '../domain/enums.js';

export type { MessageKey } from './catalogue/en/index.js';
export type { Locale } from './locale.js';

/** Something core says, not yet in anyone's language: an error, a field problem, a label in a table. */
export interface Said {
  key: MessageKey;
  values?: MessageValues;
}
export type MessageValue = string | number | Said;
export type MessageValues = Record<string, MessageValue>;

export const said = (key: MessageKey, values?: MessageValues): Said => (values ? { key, values } : { key });
export const isSaid = (v: unknown): v is Said => typeof v === 'object' && v !== null && typeof (v as Said).key === 'string';

export const CATALOGUES: Record<Locale, Readonly<Record<MessageKey, string>>> = { en, fr };

/** Marks a command's word in core's text; adapters turn it into their own syntax (commandsFor). */
export const COMMAND_MARK = '\u2060';

/** Each message compiled once per language, and a message without values formatted once. */
interface Compiled {
  format: IntlMessageFormat;
  alone?: string;
}
const compiled: Record<Locale, Map<MessageKey, Compiled>> = { en: new Map(), fr: new Map() };

function compile(locale: Locale, key: MessageKey): Compiled {
  let entry = compiled[locale].get(key);
  if (!entry) {
    const pattern = CATALOGUES[locale][key];
    entry = { format: new IntlMessageFormat(locale === 'fr' ? frenchTypography(pattern) : pattern, INTL_LOCALE[locale]) };
    compiled[locale].set(key, entry);
  }
  return entry;
}

const commandTag = (parts: unknown[]): string => `${COMMAND_MARK}/${parts.join('')}`;

const formatted = (format: IntlMessageFormat, args: Record<string, unknown>): string => {
  const out = format.format(args);
  return Array.isArray(out) ? out.join('') : String(out);
};

/** The text of `key` in `locale`. A value that is itself Said is written in the same language first. */
export function t(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const entry = compile(locale, key);
  if (!values) return (entry.alone ??= formatted(entry.format, { cmd: commandTag }));
  const args: Record<string, unknown> = { cmd: commandTag };
  for (const [name, value] of Object.entries(values)) args[name] = typeof value === 'object' ? render(locale, value) : value;
  return formatted(entry.format, args);
}

export const render = (locale: Locale, s: Said): string => t(locale, s.key, s.values);

/** A translator for one reader: `const tr = translator(actor.locale); tr('meeting.saved', {...})`. */
export const translator = (locale: Locale) => (key: MessageKey, values?: MessageValues): string => t(locale, key, values);
export type Translate = ReturnType<typeof translator>;

/**
 * Core's text as a platform shows it: Slack types '/meeting', Teams the word alone. Only the commands
 * core marked change; a slash someone typed ('and/or', a path) stays as it is.
 */
export function commandsFor(platform: Platform, text: string): string {
  return platform === 'SLACK' ? text.replaceAll(COMMAND_MARK, '') : text.replaceAll(`${COMMAND_MARK}/`, '').replaceAll(COMMAND_MARK, '');
}

/** A command as core names it in text built outside the catalogue (help lists, examples). */
export const commandMention = (slash: string): string => `${COMMAND_MARK}${slash}`;
