// /goals: the learning plan. Usage:
//   /goals                         lists the plan(s) you can see, numbered (yours; your mentees'; a coordinator: all)
//   /goals add [<title>]           opens the goal form (prefilled with the title)
//   /goals achieved|dropped|on-track <n>   sets the status of goal <n> of that list
import { AppError } from '../domain/errors.js';
import { canMedsLabel, type CanMedsRole } from '../domain/canmeds.js';
import { GOAL_STATUS_LABELS, parseGoalStatus } from '../domain/enums.js';
import { normalizeWord } from '../domain/normalize.js';
import { buildGoalForm } from '../forms/goal.form.js';
import { pathwayOf } from '../forms/cpd.form.js';
import { listGoals, planOwnersFor, setGoalStatus, type GoalView } from '../services/goal.service.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { Block } from '../ui/message.js';
import { message } from '../ui/message.js';
import type { CommandDefinition } from './types.js';

interface PlanEntry {
  owner: { personId: string; name: string };
  goals: GoalView[];
}

/** Every plan the actor may see, in a stable order, so the numbers of the list stay the same between calls. */
async function visiblePlans(ctx: CoreContext, actor: Actor): Promise<PlanEntry[]> {
  const owners = await planOwnersFor(ctx, actor);
  const plans: PlanEntry[] = [];
  for (const owner of owners) plans.push({ owner, goals: await listGoals(ctx, actor, owner.personId) });
  return plans;
}

const rolesText = (actor: Actor, roles: CanMedsRole[]) => roles.map((r) => canMedsLabel(r, pathwayOf(actor))).join(', ');

export const goalsCommand: CommandDefinition = {
  id: 'goals',
  slash: '/goals',
  teams: 'goals',
  summary: 'help.summary.goals',
  usage: ['', 'add [<title>]', 'achieved <n>', 'dropped <n>', 'on-track <n>'],
  example: 'help.example.goals',
  async run({ ctx, actor, text, requestId, conversation }) {
    const word = conversation.platform === 'SLACK' ? '/goals' : 'goals';
    const trimmed = text.trim();
    const [first = '', ...rest] = trimmed.split(/\s+/);
    if (normalizeWord(first) === 'add') {
      return { kind: 'form', view: await buildGoalForm(ctx, actor, { title: rest.join(' ') || undefined }, requestId) };
    }
    const plans = await visiblePlans(ctx, actor);
    const numbered = plans.flatMap((p) => p.goals);
    if (trimmed !== '') {
      const m = /^(.+?)\s+#?(\d+)$/.exec(trimmed);
      const status = m ? parseGoalStatus(m[1]!) : undefined;
      if (!m || !status) {
        throw new AppError('BAD_INPUT', `I did not understand "${trimmed}". Use ${word} to list goals, ${word} add to add one, or ${word} achieved 2 to mark goal 2 achieved.`);
      }
      const goal = numbered[Number(m[2]) - 1];
      if (!goal) throw new AppError('BAD_INPUT', `There is no goal ${m[2]}: type ${word} to see the numbered list (1 to ${numbered.length}).`);
      const updated = await setGoalStatus(ctx, actor, goal.id, status);
      return { kind: 'message', message: message(`Goal "${updated.title}" is now: ${GOAL_STATUS_LABELS[updated.status].toLowerCase()}.`) };
    }

    if (plans.length === 0) {
      return { kind: 'message', message: message('Learning plans belong to mentees: you have none to see. A mentee sets goals with their mentor; coordinators see them all.') };
    }
    const blocks: Block[] = [{ type: 'header', text: 'Learning plan' }];
    let n = 0;
    for (const plan of plans) {
      const items = plan.goals.map((g) => {
        n += 1;
        const details = [GOAL_STATUS_LABELS[g.status], g.targetDate ? `target ${g.targetDate}` : undefined, g.roles.length ? rolesText(actor, g.roles) : undefined].filter(Boolean).join(' · ');
        return `${n}. ${g.title} (${details})`;
      });
      const title = plan.owner.personId === actor.personId ? 'Your goals' : plan.owner.name;
      blocks.push({ type: 'list', title, items: items.length ? items : ['No goals yet.'] });
    }
    blocks.push({ type: 'context', text: `${word} add to add a goal · ${word} achieved 2 (or dropped, on-track) to review goal 2.` });
    return { kind: 'message', message: { text: `Learning plan: ${numbered.length} goal(s)`, blocks } };
  },
};
