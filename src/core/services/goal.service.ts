// The learning plan: the areas of need a mentee names with their mentor at the start, each with the
// CanMEDS roles it touches and a target date; meetings and CPD refer to goals, reviews set their status.
import { isUniqueViolation } from './store-errors.js';
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { CANMEDS_ROLE_KEYS, type CanMedsRole } from '../domain/canmeds.js';
import { GOAL_STATUSES, type GoalStatus } from '../domain/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { activePairingWhere, assertCanView, today } from './access.js';
import { audit } from './audit.js';
import { foreignRequest } from './request-ids.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './dates.js';
import { throwIfErrors } from './reflection.service.js';
import { requireEnrolled } from './access.js';

export interface GoalInput {
  title: string;
  roles?: CanMedsRole[];
  /** YYYY-MM-DD, today or later. */
  targetDate?: string | null;
  /** Whose plan: default the actor's own. A mentor (of a current pairing) or a coordinator may name a mentee. */
  menteeId?: string;
}

export interface GoalView {
  id: string;
  menteeId: string;
  title: string;
  roles: CanMedsRole[];
  targetDate: string | null;
  status: GoalStatus;
  createdAt: Date;
}

type GoalRow = Prisma.LearningGoalGetPayload<object>;

const toView = (g: GoalRow): GoalView => ({
  id: g.id,
  menteeId: g.menteeId,
  title: g.title,
  roles: g.roles,
  targetDate: fromDbDateOrNull(g.targetDate),
  status: g.status,
  createdAt: g.createdAt,
});

const MAX_TITLE = 200;

async function isActiveMentee(ctx: CoreContext, personId: string): Promise<boolean> {
  const e = await ctx.db.enrollment.findFirst({ where: { programId: ctx.program.id, personId, role: 'MENTEE', status: 'ACTIVE' }, select: { id: true } });
  return e !== null;
}

async function isCurrentMentorOf(ctx: CoreContext, mentorId: string, menteeId: string): Promise<boolean> {
  const p = await ctx.db.pairing.findFirst({ where: { AND: [activePairingWhere(ctx), { mentorId, menteeId }] }, select: { id: true } });
  return p !== null;
}

/** Who may change a mentee's plan: the mentee, their current mentor, a coordinator. */
async function assertCanPlan(ctx: CoreContext, actor: Actor, menteeId: string, what: string): Promise<void> {
  requireEnrolled(ctx, actor);
  if (menteeId === actor.personId) {
    if (!actor.roles.has('MENTEE')) throw new AppError('FORBIDDEN', `Only mentees have a learning plan, so only they (with their mentor) can ${what}.`);
    return;
  }
  if (actor.roles.has('COORDINATOR')) return;
  if (actor.roles.has('MENTOR') && (await isCurrentMentorOf(ctx, actor.personId, menteeId))) return;
  throw new AppError('FORBIDDEN', `You can ${what} only in your own learning plan or, as a mentor, in your current mentees' plans.`);
}

/** Adds a goal; a retry with the same request id returns the first one. */
export async function addGoal(ctx: CoreContext, actor: Actor, input: GoalInput, requestId: string): Promise<GoalView> {
  const menteeId = input.menteeId ?? actor.personId;
  await assertCanPlan(ctx, actor, menteeId, 'add goals');
  const existing = await ctx.db.learningGoal.findUnique({ where: { requestId } });
  if (existing) return sameRequest(ctx, actor, existing, menteeId);
  if (!(await isActiveMentee(ctx, menteeId))) throw new AppError('BAD_INPUT', 'Goals belong to an active mentee: that person is not one in this program.', { menteeId: 'Pick an active mentee.' });

  const errors: Record<string, string> = {};
  const title = (input.title ?? '').trim();
  if (title === '') errors.title = 'Name the goal, e.g. "Manage chronic pain with opioid stewardship".';
  else if (title.length > MAX_TITLE) errors.title = `Keep the goal under ${MAX_TITLE} characters (it has ${title.length}).`;
  const roles = input.roles ?? [];
  const badRoles = roles.filter((r) => !CANMEDS_ROLE_KEYS.includes(r));
  if (badRoles.length) errors.roles = `Unknown CanMEDS role(s): ${badRoles.join(', ')}. Pick from the list, e.g. Communicator.`;
  const targetDate = input.targetDate || null;
  const todayDate = today(ctx);
  if (targetDate !== null) {
    if (!isCalendarDate(targetDate)) {
      errors.targetDate = `"${targetDate}" is not a date: write it as YYYY-MM-DD, e.g. 2027-03-31.`;
    } else if (targetDate < todayDate) {
      errors.targetDate = `The target date ${targetDate} has passed: choose today (${todayDate}) or later.`;
    }
  }
  throwIfErrors(errors);

  try {
    const row = await ctx.db.learningGoal.create({
      data: { programId: ctx.program.id, menteeId, title, roles, targetDate: targetDate ? toDbDate(targetDate) : null, requestId },
    });
    if (menteeId !== actor.personId) {
      await audit(ctx.db, { programId: ctx.program.id, actorId: actor.personId, subjectId: menteeId, action: 'goal.add', detail: { goalId: row.id } });
    }
    return toView(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return sameRequest(ctx, actor, await ctx.db.learningGoal.findUniqueOrThrow({ where: { requestId } }), menteeId);
  }
}

/** A retry answers with the goal it saved only in the plan it was for (one the actor may plan): never another's. */
async function sameRequest(ctx: CoreContext, actor: Actor, row: GoalRow, menteeId: string): Promise<GoalView> {
  if (row.programId !== ctx.program.id || row.menteeId !== menteeId) throw await foreignRequest(ctx, actor, 'goal', 'other-record');
  return toView(row);
}

/** Progress review: the mentee, their current mentor or a coordinator marks a goal on track, achieved or dropped. */
export async function setGoalStatus(ctx: CoreContext, actor: Actor, goalId: string, status: GoalStatus): Promise<GoalView> {
  if (!GOAL_STATUSES.includes(status)) throw new AppError('BAD_INPUT', `Unknown status "${status}": use on track, achieved or dropped.`, { status: 'Use on track, achieved or dropped.' });
  const goal = await ctx.db.learningGoal.findFirst({ where: { id: goalId, programId: ctx.program.id } });
  if (!goal) throw new AppError('NOT_FOUND', 'That goal no longer exists. Type /goals to see the learning plan.');
  await assertCanPlan(ctx, actor, goal.menteeId, 'review goals');
  const row = await ctx.db.learningGoal.update({ where: { id: goal.id }, data: { status } });
  if (goal.menteeId !== actor.personId) {
    await audit(ctx.db, { programId: ctx.program.id, actorId: actor.personId, subjectId: goal.menteeId, action: 'goal.status', detail: { goalId: goal.id, status } });
  }
  return toView(row);
}

/** A learning plan, oldest goal first: one's own, or (audited) a mentee's for their mentor or a coordinator. */
export async function listGoals(ctx: CoreContext, actor: Actor, menteeId: string = actor.personId): Promise<GoalView[]> {
  requireEnrolled(ctx, actor);
  await assertCanView(ctx, actor, menteeId, { action: 'goals.view' });
  const rows = await ctx.db.learningGoal.findMany({ where: { programId: ctx.program.id, menteeId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map(toView);
}

/** The mentees whose plans the actor may look at, by name: own (if a mentee), current mentees, or all (coordinator). */
export async function planOwnersFor(ctx: CoreContext, actor: Actor): Promise<{ personId: string; name: string }[]> {
  const ids = new Set<string>();
  if (actor.roles.has('MENTEE')) ids.add(actor.personId);
  if (actor.roles.has('COORDINATOR')) {
    const rows = await ctx.db.enrollment.findMany({ where: { programId: ctx.program.id, role: 'MENTEE', status: 'ACTIVE' }, select: { personId: true } });
    rows.forEach((r) => ids.add(r.personId));
  } else if (actor.roles.has('MENTOR')) {
    const rows = await ctx.db.pairing.findMany({ where: { AND: [activePairingWhere(ctx), { mentorId: actor.personId }] }, select: { menteeId: true } });
    rows.forEach((r) => ids.add(r.menteeId));
  }
  const people = await ctx.db.person.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  return people.map((p) => ({ personId: p.id, name: p.name }));
}

