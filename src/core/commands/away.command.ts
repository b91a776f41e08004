// /away: pause reminders for a while (vacation) without counting as missing.
import { parseAwayArgs } from '../domain/parse/parse-away-args.js';
import { formatDate } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/translate.js';
import { today } from '../services/access.js';
import { clearAway, listAways, setAway } from '../services/away.service.js';
import { message } from '../ui/message.js';
import type { CommandDefinition } from './types.js';

const USAGE = ['<from> <until>', 'off'];
const EXAMPLES: readonly MessageKey[] = ['away.example.dates', 'away.example.words', 'away.example.off'];

export const awayCommand: CommandDefinition = {
  id: 'away',
  slash: '/away',
  teams: 'away',
  summary: 'help.summary.away',
  usage: USAGE,
  example: 'help.example.away',
  async run({ ctx, actor, text }) {
    const { locale } = actor;
    const date = (iso: string) => formatDate(locale, iso);
    if (text.trim() === '') {
      const periods = await listAways(ctx, actor.personId);
      const usage = EXAMPLES.map((key) => t(locale, key));
      const summary =
        periods.length === 0
          ? t(locale, 'away.none')
          : t(locale, 'away.planned', { periods: periods.map((p) => t(locale, 'away.period', { from: date(p.from), until: date(p.until) })).join(', ') });
      return {
        kind: 'message',
        message: {
          text: summary,
          blocks: [
            { type: 'text', text: summary },
            { type: 'list', title: t(locale, 'away.usage'), items: usage },
            { type: 'context', text: t(locale, 'away.whileAway') },
          ],
        },
      };
    }
    const args = parseAwayArgs(text, { today: today(ctx), locale });
    if ('off' in args) {
      const removed = await clearAway(ctx, actor);
      return { kind: 'message', message: message(t(locale, removed === 0 ? 'away.clearedNone' : 'away.cleared')) };
    }
    const period = await setAway(ctx, actor, args.from, args.until);
    return { kind: 'message', message: message(t(locale, 'away.set', { from: date(period.from), until: date(period.until) })) };
  },
};
