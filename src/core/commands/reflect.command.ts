// /reflect: a mentee answers the oldest open reflection (form); `/reflect list` lists the open ones.
import { AppError } from '../domain/errors.js';
import { normalizeWord } from '../domain/normalize.js';
import { buildReflectionForm } from '../forms/reflection.form.js';
import { listOpenPrompts } from '../services/reflection.service.js';
import { message } from '../ui/message.js';
import type { CommandDefinition } from './types.js';

export const reflectCommand: CommandDefinition = {
  id: 'reflect',
  slash: '/reflect',
  teams: 'reflect',
  summary: 'help.summary.reflect',
  usage: ['', 'list'],
  example: 'help.example.reflect',
  async run({ ctx, actor, text, conversation }) {
    if (!actor.roles.has('MENTEE')) {
      throw new AppError('FORBIDDEN', 'Reflections are asked of mentees after their meetings and CPD activities, so there is nothing for you to answer. Mentors see the reflections their mentees share with them.');
    }
    const word = conversation.platform === 'SLACK' ? '/reflect' : 'reflect';
    const sub = normalizeWord(text.trim());
    const open = await listOpenPrompts(ctx, actor);
    if (sub === 'list') {
      if (open.length === 0) return { kind: 'message', message: message('You have no open reflections. Well done!') };
      const items = open.map((p) => `${p.kind === 'FOLLOW_UP' ? 'Follow-up on' : 'Reflection on'} ${p.about}${p.status === 'DRAFT' ? ' (draft saved)' : ''}`);
      return {
        kind: 'message',
        message: {
          text: `You have ${open.length} open reflection(s).`,
          blocks: [
            { type: 'list', title: 'Open reflections, oldest first', items },
            { type: 'actions', buttons: open.slice(0, 5).map((p, i) => ({ label: `Answer ${i + 1}`, action: 'reflection.open' as const, value: p.id })) },
            { type: 'context', text: `Type ${word} to answer the oldest.` },
          ],
        },
      };
    }
    if (sub !== '') throw new AppError('BAD_INPUT', `Type ${word} to answer your oldest open reflection, or ${word} list to see them all.`);
    const oldest = open[0];
    if (!oldest) return { kind: 'message', message: message('You have no open reflections. I will send you one after your next meeting.') };
    return { kind: 'form', view: await buildReflectionForm(ctx, actor, {}, oldest.id) };
  },
};
