// Retention (DOMAIN.md, Privacy): a participant's records are kept `rules.retentionYears` after their
// program ended, then purged — the same erasure as `/mentorship erase`, by the program itself.
// Someone's program ended on their end date, or the day they were withdrawn or completed if earlier;
// anyone with an enrollment still running (or with no end at all, like most coordinators) is kept,
// and so is anyone also enrolled in another program (that program's rules decide about them).
// The period runs from the end, or from when the enrollment was last recorded if that is later: a
// roster imported today with a mistyped year ("2016" for "2026") must not be erased tonight.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { addDaysLocal, localDate } from '../domain/time.js';
import { fromDbDate } from './dates.js';
import { requireCoordinator } from './access.js';
import { erasePersonRecords } from './person-erase.js';

export interface ExpiredParticipant {
  personId: string;
  name: string;
  /** The last day of their program (YYYY-MM-DD). */
  ended: string;
  /** The first day they may be purged: retentionYears after the end (or after the enrollment was last recorded, if later). */
  purgeFrom: string;
}

interface EnrollmentEnd {
  programId: string;
  status: string;
  endDate: Date | null;
  statusAt: Date | null;
  updatedAt: Date;
}

/** The last day of an enrollment, or null while it has none (active with no end date). */
function lastDay(e: EnrollmentEnd, timeZone: string): string | null {
  const end = e.endDate ? fromDbDate(e.endDate) : null;
  if (e.status === 'ACTIVE') return end;
  const stopped = e.statusAt ? localDate(e.statusAt, timeZone) : null;
  if (!stopped) return end;
  return end && end < stopped ? end : stopped;
}

const yearsAfter = (date: string, years: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 February + n years is 1 March when that year has none.
  const target = new Date(Date.UTC(y + Math.floor(years), m - 1, d));
  return addDaysLocal(target.toISOString().slice(0, 10), Math.round((years % 1) * 365));
};

/** Participants of this program whose retention period is over on `today` (program time), oldest first. */
export async function expiredParticipants(ctx: CoreContext): Promise<ExpiredParticipant[]> {
  const { program } = ctx;
  const today = localDate(ctx.clock.now(), program.timeZone);
  const people = await ctx.db.person.findMany({
    where: { enrollments: { some: { programId: program.id }, none: { programId: program.id, status: 'ACTIVE', endDate: null } } },
    select: { id: true, name: true, enrollments: { select: { programId: true, status: true, endDate: true, statusAt: true, updatedAt: true } } },
  });
  const expired: ExpiredParticipant[] = [];
  for (const person of people) {
    if (person.enrollments.some((e) => e.programId !== program.id)) continue;
    const days = person.enrollments.map((e) => lastDay(e, program.timeZone));
    if (days.some((d) => d === null)) continue;
    const ended = (days as string[]).sort().at(-1)!;
    const recorded = person.enrollments.map((e) => localDate(e.updatedAt, program.timeZone)).sort().at(-1)!;
    const purgeFrom = addDaysLocal(yearsAfter(recorded > ended ? recorded : ended, program.rules.retentionYears), 1);
    if (purgeFrom <= today) expired.push({ personId: person.id, name: person.name, ended, purgeFrom });
  }
  return expired.sort((a, b) => a.ended.localeCompare(b.ended) || a.name.localeCompare(b.name));
}

/**
 * Erases every participant whose retention period is over (nothing with dryRun), each in its own
 * transaction and audited as `person.purge`. Returns who was (or would be) purged.
 */
export async function purgeExpired(ctx: CoreContext, actor: Actor, options: { dryRun?: boolean } = {}): Promise<ExpiredParticipant[]> {
  requireCoordinator(actor, 'purge records past their retention period');
  const expired = await expiredParticipants(ctx);
  if (options.dryRun) return expired;
  const purged: ExpiredParticipant[] = [];
  for (const person of expired) {
    const detail = { ended: person.ended, retentionYears: ctx.program.rules.retentionYears };
    if (await erasePersonRecords(ctx, actor, person.personId, { action: 'person.purge', detail })) purged.push(person);
  }
  if (purged.length > 0) ctx.logger.info({ purged: purged.length, retentionYears: ctx.program.rules.retentionYears }, 'retention: participants purged');
  return purged;
}
