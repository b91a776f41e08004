// Away periods: anyone enrolled pauses their own reminders between two dates (the planner and the
// outbox hold them back meanwhile). Apart from roster.service.ts, whose changes are all the coordinators'.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { badInput } from '../domain/errors.js';
import { formatDate } from '../i18n/format.js';
import { said } from '../i18n/translate.js';
import { requireEnrolled, today } from './access.js';
import { fromDbDate, toDbDate } from './db-dates.js';
import { checkDate } from './roster.service.js';

export interface AwayPeriod {
  id: string;
  from: string;
  until: string;
}

/** Pauses reminders for the actor between two dates (inclusive). Repeating the same period adds nothing. */
export async function setAway(ctx: CoreContext, actor: Actor, from: string, until: string): Promise<AwayPeriod> {
  requireEnrolled(ctx, actor);
  checkDate(from, 'from');
  checkDate(until, 'until');
  const date = (iso: string) => formatDate(actor.locale, iso);
  if (until < from) throw badInput('until', said('mentorship.away.endBeforeStart', { until: date(until), from: date(from) }));
  if (until < today(ctx)) throw badInput('until', said('mentorship.away.past', { until: date(until) }));
  const same = await ctx.db.away.findFirst({
    where: { programId: ctx.program.id, personId: actor.personId, fromDate: toDbDate(from), untilDate: toDbDate(until) },
  });
  const row =
    same ??
    (await ctx.db.away.create({ data: { programId: ctx.program.id, personId: actor.personId, fromDate: toDbDate(from), untilDate: toDbDate(until) } }));
  return { id: row.id, from, until };
}

/** Away periods that have not ended yet, soonest first. */
export async function listAways(ctx: CoreContext, personId: string): Promise<AwayPeriod[]> {
  const rows = await ctx.db.away.findMany({
    where: { programId: ctx.program.id, personId, untilDate: { gte: toDbDate(today(ctx)) } },
    orderBy: { fromDate: 'asc' },
  });
  return rows.map((r) => ({ id: r.id, from: fromDbDate(r.fromDate), until: fromDbDate(r.untilDate) }));
}

/** "I'm back": removes current and future away periods; past ones stay as history. Returns how many. */
export async function clearAway(ctx: CoreContext, actor: Actor): Promise<number> {
  const result = await ctx.db.away.deleteMany({
    where: { programId: ctx.program.id, personId: actor.personId, untilDate: { gte: toDbDate(today(ctx)) } },
  });
  return result.count;
}
