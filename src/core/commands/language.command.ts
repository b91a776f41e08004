// /language [en|fr|auto]: which language the bot uses with me. Without a word: which one, and why.
import { AppError } from '../domain/errors.js';
import { languageOf, type Locale } from '../i18n/locale.js';
import { platformLabel } from '../i18n/labels.js';
import { said, t, type MessageKey } from '../i18n/translate.js';
import { chooseLanguage, languageOfActor } from '../services/language.service.js';
import { message } from '../ui/message.js';
import type { CommandDefinition } from './types.js';

const NAME: Record<Locale, MessageKey> = { en: 'language.name.en', fr: 'language.name.fr' };
const CURRENT: Record<'chosen' | 'platform' | 'program', MessageKey> = {
  chosen: 'language.current.chosen',
  platform: 'language.current.platform',
  program: 'language.current.program',
};
const BACK_TO_PLATFORM = new Set(['auto', 'default', 'defaut']);
const folded = (word: string): string => word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

export const languageCommand: CommandDefinition = {
  id: 'language',
  slash: '/language',
  teams: 'language',
  summary: 'help.summary.language',
  usage: ['', 'en|fr|auto'],
  example: 'help.example.language',
  async run({ ctx, actor, text, conversation }) {
    const typed = text.trim().slice(0, 40);
    const platform = platformLabel(actor.locale, conversation.platform);
    if (typed === '') {
      const now = await languageOfActor(ctx, actor);
      const current = t(now.locale, CURRENT[now.source], { language: t(now.locale, NAME[now.locale]), platform: platformLabel(now.locale, conversation.platform) });
      return { kind: 'message', message: message(`${current} ${t(now.locale, 'language.howToChange', { platform: platformLabel(now.locale, conversation.platform) })}`) };
    }
    if (BACK_TO_PLATFORM.has(folded(typed))) {
      const now = await chooseLanguage(ctx, actor, null);
      return { kind: 'message', message: message(t(now.locale, 'language.setAuto', { platform: platformLabel(now.locale, conversation.platform), language: t(now.locale, NAME[now.locale]) })) };
    }
    const choice = languageOf(typed);
    if (!choice) throw new AppError('BAD_INPUT', said('language.bad', { typed, platform }));
    const now = await chooseLanguage(ctx, actor, choice);
    return { kind: 'message', message: message(t(now.locale, 'language.set')) };
  },
};
