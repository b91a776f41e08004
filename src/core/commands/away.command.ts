// /away: pause reminders for a while (vacation) without counting as missing.
import { parseAwayArgs } from '../domain/parse/parse-away-args.js';
import { today } from '../services/access.js';
import { clearAway, listAways, setAway } from '../services/roster.service.js';
import { message } from '../ui/message.js';
import type { CommandDefinition } from './types.js';

const USAGE = ['<from> <until>', 'off'];
const EXAMPLES = ['2026-12-20 2027-01-05', 'Dec 20 to Jan 5', 'off'];

export const awayCommand: CommandDefinition = {
  id: 'away',
  slash: '/away',
  teams: 'away',
  summary: 'help.summary.away',
  usage: USAGE,
  example: 'help.example.away',
  async run({ ctx, actor, text, conversation }) {
    const word = conversation.platform === 'SLACK' ? '/away' : 'away';
    if (text.trim() === '') {
      const periods = await listAways(ctx, actor.personId);
      const usage = EXAMPLES.map((e) => `${word} ${e}`);
      const summary = periods.length === 0 ? 'You have no away periods planned.' : `You are away ${periods.map((p) => `${p.from} to ${p.until}`).join(', ')}.`;
      return {
        kind: 'message',
        message: {
          text: summary,
          blocks: [
            { type: 'text', text: summary },
            { type: 'list', title: 'Usage', items: usage },
            { type: 'context', text: 'While you are away I send you no reminders, and overdue meetings are not counted against you.' },
          ],
        },
      };
    }
    const args = parseAwayArgs(text, { today: today(ctx) });
    if ('off' in args) {
      const removed = await clearAway(ctx, actor);
      return { kind: 'message', message: message(removed === 0 ? 'You had no away period planned; reminders are on.' : 'Welcome back: reminders are on again.') };
    }
    const period = await setAway(ctx, actor, args.from, args.until);
    return {
      kind: 'message',
      message: message(`Away from ${period.from} to ${period.until}: no reminders until you are back. Type ${word} off if you return early.`),
    };
  },
};
