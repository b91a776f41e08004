// /reflect: a mentee answers the oldest open reflection (form); `/reflect list` (or `liste`) lists the open ones.
import { AppError } from '../domain/errors.js';
import { normalizeWord } from '../domain/normalize.js';
import { buildReflectionForm } from '../forms/reflection.form.js';
import { said, t, type MessageKey } from '../i18n/translate.js';
import { aboutText, listOpenPrompts, type PromptSummary } from '../services/reflection.service.js';
import { message } from '../ui/message.js';
import type { CommandDefinition } from './types.js';

const LIST_WORDS = new Set(['list', 'liste']);

/** One line of the list, by kind and whether a draft is saved. */
const ITEM_KEYS: Readonly<Record<'after' | 'followUp', { open: MessageKey; draft: MessageKey }>> = {
  after: { open: 'reflection.command.itemAfter', draft: 'reflection.command.itemAfterDraft' },
  followUp: { open: 'reflection.command.itemFollowUp', draft: 'reflection.command.itemFollowUpDraft' },
};
const itemKey = (p: PromptSummary): MessageKey => ITEM_KEYS[p.kind === 'FOLLOW_UP' ? 'followUp' : 'after'][p.status === 'DRAFT' ? 'draft' : 'open'];

export const reflectCommand: CommandDefinition = {
  id: 'reflect',
  slash: '/reflect',
  teams: 'reflect',
  summary: 'help.summary.reflect',
  usage: ['', 'list'],
  example: 'help.example.reflect',
  async run({ ctx, actor, text }) {
    if (!actor.roles.has('MENTEE')) throw new AppError('FORBIDDEN', said('reflection.command.notMentee'));
    const { locale } = actor;
    const sub = normalizeWord(text.trim());
    const open = await listOpenPrompts(ctx, actor);
    if (LIST_WORDS.has(sub)) {
      if (open.length === 0) return { kind: 'message', message: message(t(locale, 'reflection.command.noneOpen')) };
      const items = open.map((p) => t(locale, itemKey(p), { about: aboutText(locale, p.about) }));
      return {
        kind: 'message',
        message: {
          text: t(locale, 'reflection.command.count', { n: open.length }),
          blocks: [
            { type: 'list', title: t(locale, 'reflection.command.listTitle'), items },
            { type: 'actions', buttons: open.slice(0, 5).map((p, i) => ({ label: t(locale, 'reflection.command.answerButton', { n: i + 1 }), action: 'reflection.open' as const, value: p.id })) },
            { type: 'context', text: t(locale, 'reflection.command.typeToAnswer') },
          ],
        },
      };
    }
    if (sub !== '') throw new AppError('BAD_INPUT', said('reflection.command.badSub'));
    const oldest = open[0];
    if (!oldest) return { kind: 'message', message: message(t(locale, 'reflection.command.noneYet')) };
    return { kind: 'form', view: await buildReflectionForm(ctx, actor, {}, oldest.id) };
  },
};
