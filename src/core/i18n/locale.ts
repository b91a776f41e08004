// The languages the bot speaks, and whose language a text is written in: a person's own choice
// (/language), else their platform's locale, else the program's.

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tag Intl formats with: Canadian English and Canadian French. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-CA', fr: 'fr-CA' };

const LANGUAGE_WORDS: Record<string, Locale> = {
  en: 'en', english: 'en', anglais: 'en',
  fr: 'fr', french: 'fr', francais: 'fr', 'français': 'fr',
};

/**
 * 'fr', 'fr-CA', 'fr_CA', 'French', 'français' → 'fr'; 'en-GB' → 'en'; anything else (or nothing) →
 * undefined. Bounded: only the first 35 characters are looked at (a BCP 47 tag is shorter).
 */
export function languageOf(text: string | null | undefined): Locale | undefined {
  if (!text) return undefined;
  const word = text.trim().slice(0, 35).toLowerCase();
  return LANGUAGE_WORDS[word] ?? LANGUAGE_WORDS[word.split(/[-_]/)[0] ?? ''];
}

export interface LanguageSources {
  /** The person's own choice (Person.language), set by /language or the roster. */
  chosen?: string | null;
  /** What their chat platform says (Slack user locale, Teams activity locale, Graph preferredLanguage). */
  platform?: string | null;
  /** The program's locale (program file), e.g. 'en-CA'. */
  program: string;
}

/** The language a person reads the bot in. English when even the program's locale is neither. */
export function readerLocale(sources: LanguageSources): Locale {
  return languageOf(sources.chosen) ?? languageOf(sources.platform) ?? languageOf(sources.program) ?? 'en';
}

/** The language of what is posted to a channel (digests): the program's. */
export const programLocale = (program: { locale: string }): Locale => languageOf(program.locale) ?? 'en';

/** Which of the sources decided the reader's language (what /language tells them). */
export function languageSource(sources: LanguageSources): 'chosen' | 'platform' | 'program' {
  if (languageOf(sources.chosen)) return 'chosen';
  return languageOf(sources.platform) ? 'platform' : 'program';
}
