// /progress [<person>]: one's own progress by role, or (for their mentor or a coordinator) someone else's.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { assertCanView, cannotViewError, type ViewerRelation } from '../services/access.js';
import { isAppError } from '../domain/errors.js';
import { parsePersonRef } from '../domain/parse/parse-person.js';
import { findPersonByRef } from '../services/person-ref.service.js';
import { menteeProgress, menteeProgressFor, mentorOverview, mentorOverviewFor, programProgressFor } from '../services/progress.service.js';
import type { Block, Message } from '../ui/message.js';
import { capBlocks, menteeProgressMessage, mentorOverviewMessage, programOverviewMessage, type ProgressAudience } from '../ui/progress.view.js';
import type { Reply } from '../ui/reply.js';
import { t } from '../i18n/translate.js';
import type { CommandDefinition } from './types.js';

const audienceOf = (relation: ViewerRelation): ProgressAudience => (relation === 'self' ? 'self' : relation);

export const progressCommand: CommandDefinition = {
  id: 'progress',
  slash: '/progress',
  teams: 'progress',
  summary: 'help.summary.progress',
  usage: ['', '<person>'],
  example: 'help.example.progress',
  async run({ ctx, actor, text, conversation }): Promise<Reply> {
    const ref = text.trim();
    if (ref === '') return { kind: 'message', message: await ownView(ctx, actor) };
    const parsed = parsePersonRef(ref);
    if (!parsed) return { kind: 'message', message: await personView(ctx, actor, await findPersonByRef(ctx, ref)) };
    let personId: string;
    try {
      personId = await findPersonByRef(ctx, parsed, { platform: conversation.platform, workspaceId: conversation.workspaceId });
    } catch (error) {
      // Only a coordinator learns whether someone is in the store; anyone else gets the one answer.
      if (isAppError(error) && !actor.roles.has('COORDINATOR')) throw cannotViewError(actor);
      throw error;
    }
    return { kind: 'message', message: await personView(ctx, actor, personId) };
  },
};

/** A person with several roles sees each part, one after the other. */
async function ownView(ctx: CoreContext, actor: Actor): Promise<Message> {
  const parts: Message[] = [];
  const wasMentee = actor.enrollments.some((e) => e.role === 'MENTEE');
  if (actor.roles.has('MENTEE') || (wasMentee && actor.roles.size === 0)) {
    parts.push(menteeProgressMessage(await menteeProgressFor(ctx, actor, actor.personId), { audience: 'self', locale: actor.locale }));
  }
  if (actor.roles.has('MENTOR')) parts.push(mentorOverviewMessage(actor.locale, (await mentorOverviewFor(ctx, actor, actor.personId)).rows));
  if (actor.roles.has('COORDINATOR')) parts.push(programOverviewMessage(actor.locale, await programProgressFor(ctx, actor)));
  if (parts.length === 0) {
    return { text: t(actor.locale, 'progress.noRole'), blocks: [{ type: 'text', text: t(actor.locale, 'progress.noRoleLong', { program: ctx.program.name }) }] };
  }
  if (parts.length === 1) return parts[0]!;
  const blocks: Block[] = parts.flatMap((m, i) => (i === 0 ? m.blocks : [{ type: 'divider' as const }, ...m.blocks]));
  return { text: parts.map((m) => m.text).join(' · '), blocks: capBlocks(actor.locale, blocks) };
}

async function personView(ctx: CoreContext, actor: Actor, personId: string): Promise<Message> {
  const relation = await assertCanView(ctx, actor, personId, { action: 'progress.view' });
  const roles = await ctx.db.enrollment.findMany({ where: { programId: ctx.program.id, personId }, select: { role: true } });
  if (roles.some((r) => r.role === 'MENTEE')) {
    return menteeProgressMessage(await menteeProgress(ctx, personId), { audience: audienceOf(relation), locale: actor.locale });
  }
  if (roles.some((r) => r.role === 'MENTOR') && (relation === 'coordinator' || relation === 'self')) {
    const overview = mentorOverviewMessage(actor.locale, (await mentorOverview(ctx, personId)).rows);
    return relation === 'self' ? overview : { ...overview, blocks: overview.blocks.map((b) => (b.type === 'header' ? { type: 'header', text: t(actor.locale, 'progress.theirMentees') } : b)) };
  }
  if (relation === 'self') return ownView(ctx, actor);
  return { text: t(actor.locale, 'progress.noProgress'), blocks: [{ type: 'text', text: t(actor.locale, 'progress.noProgressLong') }] };
}
