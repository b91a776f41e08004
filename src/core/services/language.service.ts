// A person's own choice of language (/language, the roster's language column): kept on Person.language,
// it wins over their platform's locale and the program's (i18n/locale.ts readerLocale).
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { languageSource, readerLocale, type LanguageSources, type Locale } from '../i18n/locale.js';
import { audit } from './audit.js';

export interface LanguageState {
  locale: Locale;
  source: ReturnType<typeof languageSource>;
}

async function sourcesOf(ctx: CoreContext, actor: Actor): Promise<LanguageSources> {
  const person = await ctx.db.person.findUnique({ where: { id: actor.personId }, select: { language: true, locale: true } });
  return { chosen: person?.language, platform: person?.locale, program: ctx.program.locale };
}

export async function languageOfActor(ctx: CoreContext, actor: Actor): Promise<LanguageState> {
  const sources = await sourcesOf(ctx, actor);
  return { locale: readerLocale(sources), source: languageSource(sources) };
}

/** Sets (or, with null, clears) the person's own choice; audited. Returns the language now in use. */
export async function chooseLanguage(ctx: CoreContext, actor: Actor, choice: Locale | null): Promise<LanguageState> {
  await ctx.db.person.update({ where: { id: actor.personId }, data: { language: choice } });
  await audit(ctx.db, { programId: ctx.program.id, actorId: actor.personId, subjectId: actor.personId, action: 'person.language', detail: { language: choice } });
  return languageOfActor(ctx, actor);
}
