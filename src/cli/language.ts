// The language of the command line: the program's (its locale in PROGRAM_FILE), as for a digest posted
// to the program's channel. Usage and file errors come before any store is open, so they take the
// configured program's locale; a command with a session writes in its program's (programLocale).
import { parseEnv } from '../config/env.js';
import { loadProgramFile } from '../config/program-file.js';
import { programLocale, type Locale } from '../core/i18n/locale.js';
import { commandsFor, render, t, type MessageKey, type MessageValues, type Said } from '../core/i18n/translate.js';
import type { CliIo } from './io.js';

/** The configured program's language, or English when the environment or the program file cannot be read. */
export async function configuredLocale(io: CliIo): Promise<Locale> {
  try {
    const env = parseEnv(io.env);
    return programLocale(await loadProgramFile(env.PROGRAM_FILE, env.COORDINATORS));
  } catch {
    return 'en';
  }
}

/**
 * Catalogue text for a terminal. A chat command named in it is written the Slack way ('/mentorship
 * channel'): the command line speaks of both platforms, and the slash shows it is a command.
 */
export const cliTranslator =
  (locale: Locale) =>
  (key: MessageKey, values?: MessageValues): string =>
    commandsFor('SLACK', t(locale, key, values));
export type CliTranslate = ReturnType<typeof cliTranslator>;

/** Said text (an error, a file problem) for a terminal. */
export const cliText = (locale: Locale, text: Said | string): string => commandsFor('SLACK', typeof text === 'string' ? text : render(locale, text));
