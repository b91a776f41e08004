// Retention (DOMAIN.md, Privacy): a participant's records are kept `rules.retentionYears` after their
// program ended, then purged — the same erasure as `/mentorship erase`, by the program itself.
//
// Erasing too early is the harm to avoid, so every rule leans towards keeping:
// - someone's program ended on their end date, or the day they were withdrawn or completed if
//   earlier; an enrollment with no end (most coordinators) never ends;
// - the period runs from that end, or from the last thing recorded about them if later (a meeting,
//   CPD, a reflection, a goal, a change to their enrollment): someone still using the bot past a
//   stale end date, or a roster imported today with a mistyped year, is kept the whole period from now;
// - a pair's shared meetings go when either member is erased, so both must be due: anyone paired
//   with someone who is kept is kept too;
// - anyone also enrolled in another program is left to that program's rules;
// - each erasure re-checks, in its transaction, that their enrollments did not change meanwhile.
import { said } from '../i18n/translate.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { addDaysLocal, addMonthsLocal, localDate } from '../domain/time.js';
import { requireCoordinator } from './access.js';
import { fromDbDate } from './db-dates.js';
import { erasePersonRecords } from './person-erase.js';

export interface ExpiredParticipant {
  personId: string;
  name: string;
  /** The last day of their program (YYYY-MM-DD). */
  ended: string;
  /** The first day they may be purged: retentionYears after the end, or after the last record about them if later. */
  purgeFrom: string;
}

interface EnrollmentEnd {
  programId: string;
  status: string;
  endDate: Date | null;
  statusAt: Date | null;
}

/** What an erasure re-checks: the person's enrollments as they were when the purge was decided. */
interface Snapshot {
  enrollments: number;
  lastChange: number;
}

/** The last day of an enrollment, or null while it has none (active with no end date). */
function lastDay(e: EnrollmentEnd, timeZone: string): string | null {
  const end = e.endDate ? fromDbDate(e.endDate) : null;
  if (e.status === 'ACTIVE') return end;
  const stopped = e.statusAt ? localDate(e.statusAt, timeZone) : null;
  if (!stopped) return end;
  return end && end < stopped ? end : stopped;
}

const oldestFirst = (due: Map<string, { participant: ExpiredParticipant }>): ExpiredParticipant[] =>
  [...due.values()].map((e) => e.participant).sort((a, b) => a.ended.localeCompare(b.ended) || a.name.localeCompare(b.name));

/** Participants of this program whose retention period is over today (program time), oldest first. */
export async function expiredParticipants(ctx: CoreContext): Promise<ExpiredParticipant[]> {
  return oldestFirst(await findExpired(ctx));
}

async function findExpired(ctx: CoreContext): Promise<Map<string, { participant: ExpiredParticipant; snapshot: Snapshot }>> {
  const { program, db } = ctx;
  const today = localDate(ctx.clock.now(), program.timeZone);
  const [people, lastRecords, pairings] = await Promise.all([
    db.person.findMany({
      where: { enrollments: { some: { programId: program.id }, none: { programId: program.id, status: 'ACTIVE', endDate: null } } },
      select: { id: true, name: true, enrollments: { select: { programId: true, status: true, endDate: true, statusAt: true, updatedAt: true } } },
    }),
    // The last thing recorded about each person in the program.
    db.$queryRaw<{ personId: string; last: Date }[]>`
      SELECT t."personId", max(t.at) AS last FROM (
        SELECT "personId", "updatedAt" AS at FROM "Enrollment" WHERE "programId" = ${program.id}
        UNION ALL SELECT "mentorId", "updatedAt" FROM "Pairing" WHERE "programId" = ${program.id}
        UNION ALL SELECT "menteeId", "updatedAt" FROM "Pairing" WHERE "programId" = ${program.id}
        UNION ALL SELECT "mentorId", "updatedAt" FROM "Meeting" WHERE "programId" = ${program.id}
        UNION ALL SELECT "menteeId", "updatedAt" FROM "Meeting" WHERE "programId" = ${program.id}
        UNION ALL SELECT "personId", "updatedAt" FROM "CpdActivity" WHERE "programId" = ${program.id}
        UNION ALL SELECT "menteeId", "updatedAt" FROM "ReflectionPrompt" WHERE "programId" = ${program.id}
        UNION ALL SELECT "menteeId", "updatedAt" FROM "LearningGoal" WHERE "programId" = ${program.id}
      ) t GROUP BY t."personId"`,
    db.pairing.findMany({ where: { programId: program.id }, select: { mentorId: true, menteeId: true } }),
  ]);
  const lastRecorded = new Map(lastRecords.map((r) => [r.personId, localDate(new Date(r.last), program.timeZone)]));

  const due = new Map<string, { participant: ExpiredParticipant; snapshot: Snapshot }>();
  for (const person of people) {
    if (person.enrollments.some((e) => e.programId !== program.id)) continue;
    const days = person.enrollments.map((e) => lastDay(e, program.timeZone));
    if (days.some((d) => d === null)) continue;
    const ended = (days as string[]).sort().at(-1)!;
    const recorded = lastRecorded.get(person.id) ?? ended;
    const purgeFrom = addDaysLocal(addMonthsLocal(recorded > ended ? recorded : ended, 12 * program.rules.retentionYears), 1);
    if (purgeFrom > today) continue;
    const snapshot = { enrollments: person.enrollments.length, lastChange: Math.max(...person.enrollments.map((e) => e.updatedAt.getTime())) };
    due.set(person.id, { participant: { personId: person.id, name: person.name, ended, purgeFrom }, snapshot });
  }
  // Pairs go together or not at all: drop anyone paired with someone kept, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of pairings) {
      const [a, b] = [due.has(p.mentorId), due.has(p.menteeId)];
      if (a !== b) {
        due.delete(a ? p.mentorId : p.menteeId);
        changed = true;
      }
    }
  }
  return due;
}

/**
 * Erases every participant whose retention period is over (nothing with dryRun), each in its own
 * transaction and audited as `person.purge`. Returns who was (or would be) purged.
 */
export async function purgeExpired(ctx: CoreContext, actor: Actor, options: { dryRun?: boolean } = {}): Promise<ExpiredParticipant[]> {
  requireCoordinator(actor, said('access.whatFor.purge'));
  const due = await findExpired(ctx);
  const expired = oldestFirst(due);
  if (options.dryRun) return expired;
  const purged: ExpiredParticipant[] = [];
  for (const person of expired) {
    const { snapshot } = due.get(person.personId)!;
    const detail = { ended: person.ended, retentionYears: ctx.program.rules.retentionYears };
    const erased = await erasePersonRecords(ctx, actor, person.personId, {
      action: 'person.purge',
      detail,
      // Re-enrolled (or enrolled elsewhere) since the decision: keep them.
      stillApplies: async (tx) => {
        const rows = await tx.$queryRaw<{ updatedAt: Date }[]>`SELECT "updatedAt" FROM "Enrollment" WHERE "personId" = ${person.personId} FOR UPDATE`;
        return rows.length === snapshot.enrollments && Math.max(...rows.map((r) => new Date(r.updatedAt).getTime())) === snapshot.lastChange;
      },
    });
    if (erased) purged.push(person);
  }
  if (purged.length > 0) ctx.logger.info({ purged: purged.length, retentionYears: ctx.program.rules.retentionYears }, 'retention: participants purged');
  return purged;
}
