// Progress of mentees, a mentor's mentees, and the whole program: the service the commands, the planner
// and the digest call. Every number is computed from a constant number of statements (progress.query.ts:
// one for a mentee or a mentor's few, three run at once for the whole program; each part aggregated in
// SQL and returned as JSON), whatever the program's size: a program of 10,000 participants costs the
// same round trips as one of 3; progress.tally.ts does the arithmetic.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { assertCanView, requireCoordinator, requireRole } from './access.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/time.js';
import { said } from '../i18n/translate.js';
import { toDbDate } from './db-dates.js';
import { loadProgress } from './progress.query.js';
import { tallyProgress } from './progress.tally.js';
import type { MenteeProgress, ProgramProgress } from './progress.types.js';

/** Progress of one mentee (any enrollment status), for the program itself; a person's view is menteeProgressFor. */
export async function menteeProgress(ctx: CoreContext, menteeId: string): Promise<MenteeProgress> {
  const progress = await programProgress(ctx, { menteeIds: [menteeId] });
  const row = progress.rows[0];
  if (!row) throw new AppError('NOT_FOUND', said('progress.notMentee'));
  return row;
}

/** The mentees a mentor is paired with today. */
export async function mentorMenteeIds(ctx: CoreContext, mentorId: string): Promise<string[]> {
  const today = toDbDate(localDate(ctx.clock.now(), ctx.program.timeZone));
  const pairings = await ctx.db.pairing.findMany({
    where: { programId: ctx.program.id, mentorId, fromDate: { lte: today }, OR: [{ untilDate: null }, { untilDate: { gt: today } }] },
    select: { menteeId: true },
  });
  return [...new Set(pairings.map((p) => p.menteeId))];
}

/** A mentor's overview: the program's progress restricted to their current mentees. */
export async function mentorOverview(ctx: CoreContext, mentorId: string): Promise<ProgramProgress> {
  return programProgress(ctx, { menteeIds: await mentorMenteeIds(ctx, mentorId) });
}

/**
 * Every active mentee (or exactly `menteeIds`, whatever their status) with totals and the lists
 * that need attention. One statement whatever the number of mentees.
 */
export async function programProgress(ctx: CoreContext, options: { menteeIds?: string[] } = {}): Promise<ProgramProgress> {
  const { program } = ctx;
  const now = ctx.clock.now();
  const today = localDate(now, program.timeZone);
  const restricted = options.menteeIds !== undefined;
  const ids = options.menteeIds ?? [];

  const data = await loadProgress(ctx, {
    ids: restricted ? ids : undefined,
    today,
    now,
  });
  return tallyProgress(data, program, today);
}

// Progress as a viewer may see it: the service guards itself with access.ts's checks, so no caller has
// to remember to (the functions above are for the planner and the digest, which act for the program).

/** A mentee's progress for `viewer`: their own, their mentor's (past pairings count) or a coordinator's; audited when not their own. */
export async function menteeProgressFor(ctx: CoreContext, viewer: Actor, menteeId: string): Promise<MenteeProgress> {
  await assertCanView(ctx, viewer, menteeId, { action: 'progress.view' });
  return menteeProgress(ctx, menteeId);
}

/** A mentor's overview of their current mentees, for the mentor or a coordinator. */
export async function mentorOverviewFor(ctx: CoreContext, viewer: Actor, mentorId: string): Promise<ProgramProgress> {
  if (mentorId !== viewer.personId) requireCoordinator(viewer, "see a mentor's overview");
  else requireRole(viewer, 'MENTOR', 'see an overview of their mentees');
  return mentorOverview(ctx, mentorId);
}

/** The whole program's progress: it names who is behind, so coordinators only. */
export async function programProgressFor(ctx: CoreContext, viewer: Actor): Promise<ProgramProgress> {
  requireCoordinator(viewer, "see the whole program's progress");
  return programProgress(ctx);
}
