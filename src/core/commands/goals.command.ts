// /goals: the learning plan. Usage:
//   /goals                         lists the plan(s) you can see, numbered (yours; your mentees'; a coordinator: all)
//   /goals add [<title>]           opens the goal form (prefilled with the title)
//   /goals achieved|dropped|on-track <n>   sets the status of goal <n> of that list
// French forms are read too: `ajouter`, `atteint`, `abandonné`, `en-cours` / `en-bonne-voie`.
import { AppError } from '../domain/errors.js';
import { canMedsLabel, type CanMedsRole } from '../domain/canmeds.js';
import { foldWord } from '../domain/cpd-rules.js';
import { parseGoalStatus, type GoalStatus } from '../domain/enums.js';
import { aliasTable } from '../domain/normalize.js';
import { formatDate } from '../i18n/format.js';
import { goalStatusLabel } from '../i18n/labels.js';
import { said, t } from '../i18n/translate.js';
import { buildGoalForm } from '../forms/goal.form.js';
import { pathwayOf } from '../forms/cpd.form.js';
import { setGoalStatus, visiblePlans } from '../services/goal.service.js';
import type { Actor } from '../actor.js';
import type { Block } from '../ui/message.js';
import { message } from '../ui/message.js';
import type { CommandDefinition } from './types.js';

const rolesText = (actor: Actor, roles: CanMedsRole[]) => roles.map((r) => canMedsLabel(r, pathwayOf(actor), actor.locale)).join(', ');

const ADD_WORDS = new Set(['add', 'ajouter', 'ajout']);
/** The statuses' French forms (folded: no accents, no spaces or hyphens); the English ones are parseGoalStatus's. */
const FRENCH_STATUS = aliasTable<GoalStatus>([
  ['ON_TRACK', ['en cours', 'en bonne voie', 'encours', 'enbonnevoie']],
  ['ACHIEVED', ['atteint', 'atteinte', 'reussi', 'reussie']],
  ['DROPPED', ['abandonne', 'abandonnee', 'abandon']],
]);
const statusOf = (text: string): GoalStatus | undefined => parseGoalStatus(text) ?? FRENCH_STATUS.get(foldWord(text));

export const goalsCommand: CommandDefinition = {
  id: 'goals',
  slash: '/goals',
  teams: 'goals',
  summary: 'help.summary.goals',
  usage: ['', 'add [<title>]', 'achieved <n>', 'dropped <n>', 'on-track <n>'],
  example: 'help.example.goals',
  async run({ ctx, actor, text, requestId }) {
    const locale = actor.locale;
    const trimmed = text.trim();
    const [first = '', ...rest] = trimmed.split(/\s+/);
    if (ADD_WORDS.has(foldWord(first))) {
      return { kind: 'form', view: await buildGoalForm(ctx, actor, { title: rest.join(' ') || undefined }, requestId) };
    }
    const plans = await visiblePlans(ctx, actor);
    const numbered = plans.flatMap((p) => p.goals);
    if (trimmed !== '') {
      const m = /^(.+?)\s+#?(\d+)$/.exec(trimmed);
      const status = m ? statusOf(m[1]!) : undefined;
      if (!m || !status) throw new AppError('BAD_INPUT', said('goals.error.unknownSubcommand', { text: trimmed }));
      const goal = numbered[Number(m[2]) - 1];
      if (!goal) throw new AppError('BAD_INPUT', said('goals.error.noSuchGoal', { n: m[2]!, count: numbered.length }));
      const updated = await setGoalStatus(ctx, actor, goal.id, status);
      return { kind: 'message', message: message(t(locale, 'goals.statusSet', { title: updated.title, status: goalStatusLabel(locale, updated.status).toLocaleLowerCase(locale) })) };
    }

    if (plans.length === 0) return { kind: 'message', message: message(t(locale, 'goals.noPlans')) };
    const blocks: Block[] = [{ type: 'header', text: t(locale, 'goals.header') }];
    let n = 0;
    for (const plan of plans) {
      const items = plan.goals.map((g) => {
        n += 1;
        const target = g.targetDate ? t(locale, 'goals.target', { date: formatDate(locale, g.targetDate) }) : undefined;
        const details = [goalStatusLabel(locale, g.status), target, g.roles.length ? rolesText(actor, g.roles) : undefined].filter(Boolean).join(' · ');
        return t(locale, 'goals.item', { n, title: g.title, details });
      });
      const title = plan.owner.personId === actor.personId ? t(locale, 'goals.yours') : plan.owner.name;
      blocks.push({ type: 'list', title, items: items.length ? items : [t(locale, 'goals.none')] });
    }
    blocks.push({ type: 'context', text: t(locale, 'goals.footer') });
    return { kind: 'message', message: { text: t(locale, 'goals.summary', { n: numbered.length }), blocks } };
  },
};
