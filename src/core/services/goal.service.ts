// The learning plan: the areas of need a mentee names with their mentor at the start, each with the
// CanMEDS roles it touches and a target date; meetings and CPD refer to goals, reviews set their status.
import { isUniqueViolation } from './store-errors.js';
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { CANMEDS_ROLE_KEYS, type CanMedsRole } from '../domain/canmeds.js';
import { GOAL_STATUSES, type GoalStatus } from '../domain/enums.js';
import { Prisma } from '../../generated/prisma/client.js';
import { activePairingSql, activePairingWhere, assertCanView, today } from './access.js';
import { audit, auditMany } from './audit.js';
import { foreignRequest } from './request-ids.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { throwFieldErrors, type FieldProblems } from './field-errors.js';
import { formatDate } from '../i18n/format.js';
import { said } from '../i18n/translate.js';
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
async function assertCanPlan(ctx: CoreContext, actor: Actor, menteeId: string, what: 'add' | 'review'): Promise<void> {
  requireEnrolled(ctx, actor);
  if (menteeId === actor.personId) {
    if (!actor.roles.has('MENTEE')) throw new AppError('FORBIDDEN', said('goals.error.onlyMentees', { what }));
    return;
  }
  if (actor.roles.has('COORDINATOR')) return;
  if (actor.roles.has('MENTOR') && (await isCurrentMentorOf(ctx, actor.personId, menteeId))) return;
  throw new AppError('FORBIDDEN', said('goals.error.notYourPlan', { what }));
}

/** Adds a goal; a retry with the same request id returns the first one. */
export async function addGoal(ctx: CoreContext, actor: Actor, input: GoalInput, requestId: string): Promise<GoalView> {
  const menteeId = input.menteeId ?? actor.personId;
  await assertCanPlan(ctx, actor, menteeId, 'add');
  const existing = await ctx.db.learningGoal.findUnique({ where: { requestId } });
  if (existing) return sameRequest(ctx, actor, existing, menteeId);
  if (!(await isActiveMentee(ctx, menteeId))) throw new AppError('BAD_INPUT', said('goals.error.notActiveMentee'), { menteeId: said('goals.error.pickActiveMentee') });

  const errors: FieldProblems = {};
  const title = (input.title ?? '').trim();
  if (title === '') errors.title = said('goals.error.title');
  else if (title.length > MAX_TITLE) errors.title = said('goals.error.titleTooLong', { max: MAX_TITLE, length: title.length });
  const roles = input.roles ?? [];
  const badRoles = roles.filter((r) => !CANMEDS_ROLE_KEYS.includes(r));
  if (badRoles.length) errors.roles = said('goals.error.unknownRoles', { roles: badRoles.join(', ') });
  const targetDate = input.targetDate || null;
  const todayDate = today(ctx);
  if (targetDate !== null) {
    if (!isCalendarDate(targetDate)) {
      errors.targetDate = said('goals.error.notADate', { date: targetDate });
    } else if (targetDate < todayDate) {
      errors.targetDate = said('goals.error.targetPassed', { date: formatDate(actor.locale, targetDate), today: formatDate(actor.locale, todayDate) });
    }
  }
  throwFieldErrors(errors);

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
  if (!GOAL_STATUSES.includes(status)) throw new AppError('BAD_INPUT', said('goals.error.unknownStatus', { status }), { status: said('goals.error.useStatus') });
  const goal = await ctx.db.learningGoal.findFirst({ where: { id: goalId, programId: ctx.program.id } });
  if (!goal) throw new AppError('NOT_FOUND', said('goals.error.gone'));
  await assertCanPlan(ctx, actor, goal.menteeId, 'review');
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

/**
 * The mentees whose plans the actor may look at, by name: own (if a mentee), current mentees, or all
 * (coordinator). As SQL (the set of their person ids), so that it can be read beside their goals.
 */
function planOwnersSql(ctx: CoreContext, actor: Actor): Prisma.Sql {
  const sets: Prisma.Sql[] = [];
  if (actor.roles.has('MENTEE')) sets.push(Prisma.sql`SELECT ${actor.personId}::text`);
  if (actor.roles.has('COORDINATOR')) {
    sets.push(Prisma.sql`SELECT e."personId" FROM "Enrollment" e WHERE e."programId" = ${ctx.program.id} AND e."role" = 'MENTEE' AND e."status" = 'ACTIVE'`);
  } else if (actor.roles.has('MENTOR')) {
    sets.push(Prisma.sql`SELECT pa."menteeId" FROM "Pairing" pa WHERE ${activePairingSql(ctx, 'pa')} AND pa."mentorId" = ${actor.personId}`);
  }
  return sets.length ? Prisma.join(sets, ' UNION ') : Prisma.sql`SELECT NULL::text WHERE false`;
}

/** Only the actor's own plan: their name is known, nothing to read for it. */
const ownPlanOnly = (actor: Actor): boolean => actor.roles.has('MENTEE') && !actor.roles.has('COORDINATOR') && !actor.roles.has('MENTOR');

export async function planOwnersFor(ctx: CoreContext, actor: Actor): Promise<{ personId: string; name: string }[]> {
  if (ownPlanOnly(actor)) return [{ personId: actor.personId, name: actor.name }];
  const people = await ctx.db.$queryRaw<{ id: string; name: string }[]>`
    SELECT pe."id", pe."name" FROM "Person" pe WHERE pe."id" IN (${planOwnersSql(ctx, actor)}) ORDER BY pe."name", pe."id"`;
  return people.map((p) => ({ personId: p.id, name: p.name }));
}

export interface PlanEntry {
  owner: { personId: string; name: string };
  goals: GoalView[];
}

/**
 * Every plan the actor may see (planOwnersFor), each with its goals oldest first (listGoals), in ONE
 * statement; looking at someone else's plan is audited as listGoals audits it (assertCanView): a
 * coordinator's owners are the program's active mentees, a mentor's their current mentees.
 */
export async function visiblePlans(ctx: CoreContext, actor: Actor): Promise<PlanEntry[]> {
  requireEnrolled(ctx, actor);
  const rows = await ctx.db.$queryRaw<{ id: string; name: string; goals: (Omit<GoalView, 'createdAt' | 'targetDate'> & { targetDate: string | null; createdAt: string })[] }[]>`
    SELECT pe."id", pe."name", (
      SELECT COALESCE(json_agg(json_build_object('id', g."id", 'menteeId', g."menteeId", 'title', g."title", 'roles', g."roles", 'targetDate', g."targetDate"::text,
                                                 'status', g."status", 'createdAt', g."createdAt") ORDER BY g."createdAt", g."id"), '[]'::json)
        FROM "LearningGoal" g WHERE g."programId" = ${ctx.program.id} AND g."menteeId" = pe."id") AS "goals"
    FROM "Person" pe WHERE pe."id" IN (${planOwnersSql(ctx, actor)}) ORDER BY pe."name", pe."id"`;
  const as = actor.roles.has('COORDINATOR') ? 'coordinator' : 'mentor';
  const others = rows.filter((r) => r.id !== actor.personId);
  await auditMany(ctx.db, others.map((r) => ({ programId: ctx.program.id, actorId: actor.personId, subjectId: r.id, action: 'goals.view', detail: { as } })));
  // json_build_object writes timestamps without a zone; the columns hold UTC.
  const utc = (value: string): Date => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return rows.map((r) => ({ owner: { personId: r.id, name: r.name }, goals: r.goals.map((g) => ({ ...g, createdAt: utc(g.createdAt) })) }));
}
