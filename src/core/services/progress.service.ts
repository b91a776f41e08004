// Progress of mentees, a mentor's mentees, and the whole program. Every number is computed from ONE
// statement (loadProgress: each part aggregated in SQL and returned as JSON), whatever the program's
// size: a program of 10,000 participants costs the same round trip as one of 3.
import type { Actor } from '../actor.js';
import type { MessageKey } from '../i18n/translate.js';
import type { CoreContext } from '../context.js';
import { assertCanView, requireCoordinator, requireRole } from './access.js';
import { AppError } from '../domain/errors.js';
import type { CpdSystem, Pathway, Role } from '../domain/enums.js';
import { CPD_SYSTEMS } from '../domain/enums.js';
import { enrollmentCpdSystem, pairCadence } from '../domain/people.js';
import { cpdPace } from '../domain/credits.js';
import { creditYearsSpanned, ruleSetFor } from '../domain/cpd-rules.js';
import { Prisma } from '../../generated/prisma/client.js';
import { cpdTargetFor } from '../domain/program-rules.js';
import { CANMEDS_ROLE_KEYS, type CanMedsRole } from '../domain/canmeds.js';
import { addDaysLocal, addMonthsLocal, daysBetween, localDate } from '../domain/time.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { said, type Said } from '../i18n/translate.js';

export type EnrollmentState = 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN';

export interface PersonName {
  personId: string;
  name: string;
}

export interface MeetingProgress {
  /** Meetings that count: confirmed or awaiting confirmation (disputed ones do not). */
  done: number;
  required: number;
  /** Meetings expected by today if the requirement is spread evenly over the program year. */
  expectedByNow: number;
  confirmed: number;
  unconfirmed: number;
  disputed: number;
  lastDate: string | null;
  daysSince: number | null;
  /** Days without a meeting, not counting days either member of the pair was away. */
  daysWithoutMeeting: number | null;
  overdue: boolean;
  /** No meeting for escalateAfterCadences × cadence: the coordinators are told. */
  escalated: boolean;
  nextAgreed: string | null;
}

export interface CpdProgress {
  system: CpdSystem;
  /** Credits in the participant's system dated within the program year (never another system's). */
  credits: number;
  /** Of which certified (Mainpro+) or accredited (MOC): `certifiedWord` says which. */
  certified: number;
  certifiedWord: 'certified' | 'accredited';
  activities: number;
  /** Program-year credits by the category (MOC: section) of the rule set in force today. */
  /** `labelKey`: the rule's label in a reader's language (ruleWord); absent for a key only an older set knew. */
  byCategory: { key: string; label: string; labelKey?: MessageKey; credits: number }[];
  /** The program's target for its year (cpdTargetFor). */
  target: number;
  /** Credits expected by today at an even pace over the program year. */
  expected: number;
  behind: boolean;
  shortfall: number;
  /** The system's credit years the program year touches, each against the yearly minimum of its rule set. */
  creditYears: { label: string; from: string; to: string; credits: number; minimum: number; met: boolean; reportBy: string | null }[];
  /**
   * Cycle minimums the bot can speak to from what was logged here (MOC Section 3 and its Feedback
   * Received activity; Mainpro+ Certified Assessment), over the cycle's length back from today.
   */
  cycle: { label: string; labelKey?: MessageKey; have: number; need: number; unit: 'credits' | 'activities'; met: boolean }[];
  /** Credits logged in another system (a physician who changed system): reported apart, never added. */
  otherSystems: { system: CpdSystem; credits: number; activities: number }[];
}

export interface ReflectionProgress {
  answered: number;
  /** Prompts already due and not answered yet (open or saved as a draft). */
  outstanding: number;
  oldestOutstandingDue: string | null;
}

export interface MenteeProgress {
  personId: string;
  name: string;
  email: string | null;
  pathway: Pathway | null;
  status: EnrollmentState;
  startDate: string;
  endDate: string | null;
  /** Mentors of the pairings active today. */
  mentors: PersonName[];
  meetings: MeetingProgress;
  cpd: CpdProgress;
  reflections: ReflectionProgress;
  goals: { total: number; achieved: number };
  /** CanMEDS roles touched by meetings, CPD activities and answered reflections: most often first, ties in CanMEDS order. */
  rolesTouched: CanMedsRole[];
  /** 1-based month of the program, capped at `months`. 0 before the start. */
  month: number;
  months: number;
  daysToEnd: number | null;
  /** What is still missing for completion, in plain words (written in each reader's language); empty when nothing is. */
  missing: Said[];
}

export interface PairAttention {
  pairingId: string;
  mentor: PersonName;
  mentee: PersonName;
  lastMeeting: string | null;
  /** Days without a meeting, away days not counted. */
  daysWithoutMeeting: number;
}

export interface ProgramTotals {
  participants: Record<Role, number>;
  pairs: number;
  meetings: number;
  meetingMinutes: number;
  cpdActivities: number;
  /** Credits per system: Mainpro+ and MOC credits are never added together. */
  cpdBySystem: { system: CpdSystem; activities: number; credits: number }[];
  reflectionsAnswered: number;
  reflectionsOutstanding: number;
}

export interface NeedsAttention {
  pairsOverdue: PairAttention[];
  /** Overdue by escalateAfterCadences × cadence (twice by default). */
  pairsEscalated: PairAttention[];
  reflectionsOutstanding: { mentee: PersonName; outstanding: number; oldestDue: string }[];
  cpdBehind: { mentee: PersonName; system: CpdSystem; credits: number; expected: number; target: number }[];
  /** Credit years of the program year that have ended below the system's yearly minimum, as logged here. */
  creditYearsShort: { mentee: PersonName; system: CpdSystem; label: string; credits: number; minimum: number; reportBy: string | null }[];
  unconfirmedMeetings: { mentee: PersonName; mentors: PersonName[]; count: number }[];
  completionsComingUp: { mentee: PersonName; endDate: string; daysToEnd: number; missing: Said[] }[];
  unpaired: PersonName[];
  withdrawnThisYear: { person: PersonName; at: string | null }[];
}

export interface ProgramProgress {
  today: string;
  programName: string;
  rows: MenteeProgress[];
  totals: ProgramTotals;
  attention: NeedsAttention;
}

interface Interval {
  from: string;
  until: string;
}

/** Mentee rows computed between two turns of the event loop (programProgress). */
const ROWS_PER_SLICE = 250;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
  const rules = program.rules;
  const now = ctx.clock.now();
  const today = localDate(now, program.timeZone);
  const restricted = options.menteeIds !== undefined;
  const ids = options.menteeIds ?? [];

  const { enrollments, pairings, meetingGroups, nextMeetingGroups, cpdGroups, reflectionGroups, goalGroups, roleGroups, withdrawn, aways, roleRows } = await loadProgress(ctx, {
    ids: restricted ? ids : undefined,
    today,
    now,
  });

  const awayByPerson = new Map<string, Interval[]>();
  for (const a of aways) push(awayByPerson, a.personId, { from: fromDbDate(a.fromDate), until: fromDbDate(a.untilDate) });

  const names = new Map<string, string>();
  for (const e of enrollments) names.set(e.personId, e.person.name);
  for (const p of pairings) names.set(p.mentorId, p.mentor.name);
  const nameOf = (personId: string): PersonName => ({ personId, name: names.get(personId) ?? 'Unknown' });

  const pairingsByMentee = new Map<string, typeof pairings>();
  for (const p of pairings) push(pairingsByMentee, p.menteeId, p);

  // Meetings by mentee and by pairing.
  type MeetingTally = { confirmed: number; unconfirmed: number; disputed: number; last: string | null; minutes: number };
  const blank = (): MeetingTally => ({ confirmed: 0, unconfirmed: 0, disputed: 0, last: null, minutes: 0 });
  const byMentee = new Map<string, MeetingTally>();
  const lastByPairing = new Map<string, string>();
  for (const g of meetingGroups) {
    const t = byMentee.get(g.menteeId) ?? blank();
    byMentee.set(g.menteeId, t);
    const count = g._count._all;
    if (g.confirmation === 'CONFIRMED') t.confirmed += count;
    else if (g.confirmation === 'PENDING') t.unconfirmed += count;
    else t.disputed += count;
    t.minutes += g._sum.minutes ?? 0;
    // A disputed meeting may not have happened: it does not reset the cadence.
    if (g.confirmation !== 'DISPUTED' && g._max.date) {
      const d = fromDbDate(g._max.date);
      if (!t.last || d > t.last) t.last = d;
      const p = lastByPairing.get(g.pairingId);
      if (!p || d > p) lastByPairing.set(g.pairingId, d);
    }
  }
  const nextByMentee = new Map(nextMeetingGroups.map((g) => [g.menteeId, fromDbDateOrNull(g._min.nextMeetingDate)]));

  const cpdByPerson = new Map<string, CpdGroup[]>();
  for (const g of cpdGroups) push(cpdByPerson, g.personId, g);
  const reflByMentee = new Map<string, ReflectionProgress>();
  for (const g of reflectionGroups) {
    const r = reflByMentee.get(g.menteeId) ?? { answered: 0, outstanding: 0, oldestOutstandingDue: null };
    reflByMentee.set(g.menteeId, r);
    if (g.status === 'ANSWERED') r.answered += g._count._all;
    else {
      r.outstanding += g._count._all;
      const due = g._min.dueAt ? localDate(g._min.dueAt, program.timeZone) : null;
      if (due && (!r.oldestOutstandingDue || due < r.oldestOutstandingDue)) r.oldestOutstandingDue = due;
    }
  }

  const goalsByMentee = new Map<string, { total: number; achieved: number }>();
  for (const g of goalGroups) {
    const t = goalsByMentee.get(g.menteeId) ?? { total: 0, achieved: 0 };
    goalsByMentee.set(g.menteeId, t);
    if (g.status !== 'DROPPED') t.total += g._count._all;
    if (g.status === 'ACHIEVED') t.achieved += g._count._all;
  }

  const rolesByPerson = new Map<string, { role: CanMedsRole; n: number }[]>();
  for (const r of roleRows) push(rolesByPerson, r.personId, { role: r.role, n: Number(r.n) });
  // The store returns the rows in no fixed order: ties go in the order the CanMEDS data lists the roles.
  const canmedsOrder = (role: CanMedsRole) => CANMEDS_ROLE_KEYS.indexOf(role);
  const rolesTouched = (personId: string): CanMedsRole[] =>
    (rolesByPerson.get(personId) ?? []).sort((a, b) => b.n - a.n || canmedsOrder(a.role) - canmedsOrder(b.role)).map((r) => r.role);

  const awayOfPair = (ids: string[]): Interval[] => ids.flatMap((id) => awayByPerson.get(id) ?? []);

  const rowOf = (e: ProgressData['enrollments'][number]): MenteeProgress => {
    const startDate = fromDbDate(e.startDate);
    const endDate = fromDbDateOrNull(e.endDate);
    const active = pairingsByMentee.get(e.personId) ?? [];
    const tally = byMentee.get(e.personId) ?? blank();
    const required = rules.meetingsRequired;
    const done = tally.confirmed + tally.unconfirmed;
    const fraction = yearFraction(startDate, endDate, today, rules.programLengthMonths);

    let daysWithoutMeeting: number | null = null;
    if (active.length > 0 && e.status === 'ACTIVE') {
      const pairStart = active.map((p) => fromDbDate(p.fromDate)).sort()[0]!;
      const since = tally.last && tally.last > pairStart ? tally.last : pairStart;
      daysWithoutMeeting = daysExcludingAway(since, today, awayOfPair([e.personId, ...active.map((p) => p.mentorId)]));
    }
    const cadence = daysWithoutMeeting === null ? null : pairCadence(daysWithoutMeeting, rules);
    const overdue = cadence?.overdue ?? false;
    const escalated = cadence?.escalated ?? false;

    const system: CpdSystem = enrollmentCpdSystem(e);
    const programEnd = endDate ?? addMonthsLocal(startDate, rules.programLengthMonths);
    const cpd = cpdProgressOf(system, cpdByPerson.get(e.personId) ?? [], cpdTargetFor(system, rules), startDate, programEnd, today);
    const reflections = reflByMentee.get(e.personId) ?? { answered: 0, outstanding: 0, oldestOutstandingDue: null };
    const goals = goalsByMentee.get(e.personId) ?? { total: 0, achieved: 0 };
    const months = rules.programLengthMonths;
    const month = today < startDate ? 0 : Math.min(months, monthsBetween(startDate, today) + 1);

    const row: MenteeProgress = {
      personId: e.personId,
      name: e.person.name,
      email: e.person.email,
      pathway: e.pathway,
      status: e.status,
      startDate,
      endDate,
      mentors: active.map((p) => nameOf(p.mentorId)),
      meetings: {
        done,
        required,
        expectedByNow: Math.min(required, Math.floor(required * fraction + 1e-9)),
        confirmed: tally.confirmed,
        unconfirmed: tally.unconfirmed,
        disputed: tally.disputed,
        lastDate: tally.last,
        daysSince: tally.last ? daysBetween(tally.last, today) : null,
        daysWithoutMeeting,
        overdue,
        escalated,
        nextAgreed: nextByMentee.get(e.personId) ?? null,
      },
      cpd,
      reflections,
      goals,
      rolesTouched: rolesTouched(e.personId),
      month,
      months,
      daysToEnd: endDate ? daysBetween(today, endDate) : null,
      missing: [],
    };
    row.missing = missingForCompletion(row, active.length > 0);
    return row;
  };
  // Thousands of rows are CPU work on the loop that also acknowledges every other request within
  // the platforms' 3 seconds: give it back between slices.
  const rows: MenteeProgress[] = [];
  for (let i = 0; i < enrollments.length; i++) {
    if (i > 0 && i % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    rows.push(rowOf(enrollments[i]!));
  }

  const rowById = new Map(rows.map((r) => [r.personId, r]));
  const activeRows = rows.filter((r) => r.status === 'ACTIVE');

  const pairsOverdue: PairAttention[] = [];
  for (const p of pairings) {
    const row = rowById.get(p.menteeId);
    if (!row || row.status !== 'ACTIVE') continue;
    const from = fromDbDate(p.fromDate);
    const last = lastByPairing.get(p.id) ?? null;
    const since = last && last > from ? last : from;
    const days = daysExcludingAway(since, today, awayOfPair([p.menteeId, p.mentorId]));
    if (pairCadence(days, rules).overdue) {
      pairsOverdue.push({ pairingId: p.id, mentor: nameOf(p.mentorId), mentee: nameOf(p.menteeId), lastMeeting: last, daysWithoutMeeting: days });
    }
  }
  pairsOverdue.sort((a, b) => b.daysWithoutMeeting - a.daysWithoutMeeting || a.mentee.name.localeCompare(b.mentee.name));

  const participants: Record<Role, number> = { MENTEE: 0, MENTOR: 0, COORDINATOR: 0 };
  for (const g of roleGroups) participants[g.role] = g._count._all;

  const attention: NeedsAttention = {
    pairsOverdue,
    pairsEscalated: pairsOverdue.filter((p) => pairCadence(p.daysWithoutMeeting, rules).escalated),
    reflectionsOutstanding: activeRows
      .filter((r) => r.reflections.outstanding > 0)
      .map((r) => ({ mentee: { personId: r.personId, name: r.name }, outstanding: r.reflections.outstanding, oldestDue: r.reflections.oldestOutstandingDue ?? today }))
      .sort((a, b) => a.oldestDue.localeCompare(b.oldestDue)),
    cpdBehind: activeRows
      .filter((r) => r.cpd.behind)
      .map((r) => ({ mentee: { personId: r.personId, name: r.name }, system: r.cpd.system, credits: r.cpd.credits, expected: r.cpd.expected, target: r.cpd.target }))
      .sort((a, b) => b.expected - b.credits - (a.expected - a.credits)),
    creditYearsShort: activeRows.flatMap((r) =>
      r.cpd.creditYears
        .filter((y) => y.to < today && !y.met)
        .map((y) => ({ mentee: { personId: r.personId, name: r.name }, system: r.cpd.system, label: y.label, credits: y.credits, minimum: y.minimum, reportBy: y.reportBy })),
    ),
    unconfirmedMeetings: activeRows
      .filter((r) => r.meetings.unconfirmed > 0)
      .map((r) => ({ mentee: { personId: r.personId, name: r.name }, mentors: r.mentors, count: r.meetings.unconfirmed })),
    completionsComingUp: activeRows
      .filter((r) => r.daysToEnd !== null && r.daysToEnd >= 0 && r.daysToEnd <= rules.endOfProgramWarningDays)
      .map((r) => ({ mentee: { personId: r.personId, name: r.name }, endDate: r.endDate!, daysToEnd: r.daysToEnd!, missing: r.missing }))
      .sort((a, b) => a.daysToEnd - b.daysToEnd),
    unpaired: activeRows.filter((r) => r.mentors.length === 0).map((r) => ({ personId: r.personId, name: r.name })),
    withdrawnThisYear: withdrawn.map((w) => ({ person: { personId: w.personId, name: w.person.name }, at: w.statusAt ? localDate(w.statusAt, program.timeZone) : null })),
  };

  const totals: ProgramTotals = {
    participants,
    pairs: pairings.filter((p) => rowById.get(p.menteeId)?.status === 'ACTIVE').length,
    meetings: sum(rows, (r) => r.meetings.done),
    meetingMinutes: [...byMentee.entries()].filter(([id]) => rowById.has(id)).reduce((acc, [, t]) => acc + t.minutes, 0),
    cpdActivities: sum(rows, (r) => r.cpd.activities),
    cpdBySystem: CPD_SYSTEMS.map((system) => {
      const parts = rows.flatMap((r) => [...(r.cpd.system === system ? [{ activities: r.cpd.activities, credits: r.cpd.credits }] : []), ...r.cpd.otherSystems.filter((o) => o.system === system)]);
      return { system, activities: sum(parts, (x) => x.activities), credits: round2(sum(parts, (x) => x.credits)) };
    }).filter((x) => x.activities > 0),
    reflectionsAnswered: sum(rows, (r) => r.reflections.answered),
    reflectionsOutstanding: sum(activeRows, (r) => r.reflections.outstanding),
  };

  return { today, programName: program.name, rows, totals, attention };
}

/** What stands between this mentee and completion, in words they can act on. */
function missingForCompletion(row: MenteeProgress, paired: boolean): Said[] {
  const missing: Said[] = [];
  const m = row.meetings;
  if (!paired && row.status === 'ACTIVE') missing.push(said('progress.missing.noMentor'));
  if (m.done < m.required) missing.push(said('progress.missing.meetings', { left: m.required - m.done, done: m.done, required: m.required }));
  if (m.unconfirmed > 0) missing.push(said('progress.missing.unconfirmed', { n: m.unconfirmed }));
  const c = row.cpd;
  if (c.credits < c.target) missing.push(said('progress.missing.credits', { more: round2(c.target - c.credits), credits: c.credits, target: c.target }));
  const r = row.reflections.outstanding;
  if (r > 0) missing.push(said('progress.missing.reflections', { n: r }));
  if (row.goals.total === 0) missing.push(said('progress.missing.goals'));
  return missing;
}

/** Days from `since` (exclusive) to `today` (inclusive) on which nobody in the pair was away. */
export function daysExcludingAway(since: string, today: string, aways: Interval[]): number {
  const total = daysBetween(since, today);
  if (total <= 0) return 0;
  const first = addDaysLocal(since, 1);
  // Clip each away period to the window, then merge overlaps so a day is not subtracted twice.
  const clipped = aways
    .map((a) => ({ from: a.from > first ? a.from : first, until: a.until < today ? a.until : today }))
    .filter((a) => a.from <= a.until)
    .sort((a, b) => a.from.localeCompare(b.from));
  let awayDays = 0;
  let cursor: Interval | undefined;
  for (const a of clipped) {
    if (cursor && a.from <= addDaysLocal(cursor.until, 1)) {
      if (a.until > cursor.until) cursor.until = a.until;
    } else {
      if (cursor) awayDays += daysBetween(cursor.from, cursor.until) + 1;
      cursor = { ...a };
    }
  }
  if (cursor) awayDays += daysBetween(cursor.from, cursor.until) + 1;
  return Math.max(0, total - awayDays);
}

function yearFraction(start: string, end: string | null, today: string, months: number): number {
  const last = end ?? addMonthsLocal(start, months);
  const span = daysBetween(start, last);
  const elapsed = daysBetween(start, today);
  if (span <= 0) return elapsed >= 0 ? 1 : 0;
  return Math.min(1, Math.max(0, elapsed / span));
}

function monthsBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return (yb - ya) * 12 + (mb - ma) - (db < da ? 1 : 0);
}

/** CPD credits of a person summed in SQL by what progress needs to tell apart. */
interface CpdGroup {
  personId: string;
  system: CpdSystem;
  category: string;
  activityType: string;
  certified: boolean;
  /** Dated within the person's program year (as a mentee). */
  inProgram: boolean;
  /** Dated within the cycle's length back from today. */
  inCycle: boolean;
  /** First calendar year of the credit year it falls in. */
  creditYear: number;
  n: number;
  credits: number;
}

/**
 * The CPD tallies (a subquery of loadProgress's one statement). The credit year's first month is the
 * one of each system's rule set in force today (Mainpro+ July, MOC January: the same in every set we keep).
 */
function cpdTalliesSql(ctx: CoreContext, ids: string[] | undefined, today: string): Prisma.Sql {
  const { program } = ctx;
  const mainpro = ruleSetFor('MAINPRO_PLUS', today);
  const moc = ruleSetFor('MOC', today);
  const cycleFrom = toDbDate(addMonthsLocal(today, -12 * Math.max(mainpro.cycleYears, moc.cycleYears)));
  const mocCycleFrom = toDbDate(addMonthsLocal(today, -12 * moc.cycleYears));
  const mainproCycleFrom = toDbDate(addMonthsLocal(today, -12 * mainpro.cycleYears));
  // Exactly these people, or else every active mentee (the only ones a whole-program view has rows for).
  const who = ids ? Prisma.sql`AND c."personId" IN (${ids.length ? Prisma.join(ids) : Prisma.sql`NULL`})` : Prisma.sql`AND e."status" = 'ACTIVE'`;
  return Prisma.sql`
    SELECT c."personId", c."system"::text AS "system", c."category", c."activityType", c."certified",
      COALESCE(c."date" >= e."startDate" AND c."date" <= COALESCE(e."endDate", (e."startDate" + make_interval(months => ${program.rules.programLengthMonths}::int))::date), false) AS "inProgram",
      (c."date" > CASE c."system"::text WHEN 'MOC' THEN ${mocCycleFrom}::date ELSE ${mainproCycleFrom}::date END) AS "inCycle",
      extract(year FROM c."date" - make_interval(months => CASE c."system"::text WHEN 'MOC' THEN ${moc.creditYearStartMonth - 1}::int ELSE ${mainpro.creditYearStartMonth - 1}::int END))::int AS "creditYear",
      count(*)::int AS n, sum(c."credits")::float8 AS credits
    FROM "CpdActivity" c
    ${ids ? Prisma.sql`LEFT JOIN` : Prisma.sql`JOIN`} "Enrollment" e ON e."programId" = c."programId" AND e."personId" = c."personId" AND e."role" = 'MENTEE'
    WHERE c."programId" = ${program.id} ${who} AND (c."date" > ${cycleFrom}::date OR (e."startDate" IS NOT NULL AND c."date" >= e."startDate" - 400))
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}


/** What programProgress reads, in the shapes it computes from (dates as Prisma gives @db.Date: midnight UTC). */
interface ProgressData {
  enrollments: { personId: string; pathway: Pathway | null; cpdSystem: CpdSystem | null; startDate: Date; endDate: Date | null; status: EnrollmentState; person: { name: string; email: string | null } }[];
  pairings: { id: string; mentorId: string; menteeId: string; fromDate: Date; mentor: { name: string } }[];
  meetingGroups: { menteeId: string; pairingId: string; confirmation: 'PENDING' | 'CONFIRMED' | 'DISPUTED'; _count: { _all: number }; _max: { date: Date | null }; _sum: { minutes: number | null } }[];
  nextMeetingGroups: { menteeId: string; _min: { nextMeetingDate: Date | null } }[];
  cpdGroups: CpdGroup[];
  reflectionGroups: { menteeId: string; status: 'OPEN' | 'DRAFT' | 'ANSWERED' | 'CANCELLED'; _count: { _all: number }; _min: { dueAt: Date | null } }[];
  goalGroups: { menteeId: string; status: 'ON_TRACK' | 'ACHIEVED' | 'DROPPED'; _count: { _all: number } }[];
  roleGroups: { role: Role; _count: { _all: number } }[];
  withdrawn: { personId: string; statusAt: Date | null; person: { name: string } }[];
  aways: { personId: string; fromDate: Date; untilDate: Date }[];
  roleRows: { personId: string; role: CanMedsRole; n: number }[];
}

/** A timestamp column as json_build_object writes it (no zone; the store keeps UTC) → Date. */
const utcStamp = (value: string): Date => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
const dbDateOrNull = (value: string | null): Date | null => (value === null ? null : toDbDate(value));

/**
 * Everything programProgress needs in ONE statement, whatever the program's size: each part is a
 * subquery aggregated in SQL and returned as JSON. The mentees in scope are exactly `ids`, or else
 * every active mentee (the only ones a whole-program view has rows for), so no aggregation runs over
 * people who get no row.
 */
async function loadProgress(ctx: CoreContext, scope: { ids: string[] | undefined; today: string; now: Date }): Promise<ProgressData> {
  const { program } = ctx;
  const { ids, today } = scope;
  const p = program.id;
  const todayText = today;
  const nowText = scope.now.toISOString();
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const awayFrom = addDaysLocal(today, -400);
  const idList = ids && ids.length > 0 ? Prisma.join(ids) : Prisma.sql`NULL`;
  const inScope = ids
    ? Prisma.sql`IN (${idList})`
    : Prisma.sql`IN (SELECT "personId" FROM "Enrollment" WHERE "programId" = ${p} AND "role" = 'MENTEE' AND "status" = 'ACTIVE')`;
  const menteeEnrollment = ids ? Prisma.sql`e."personId" IN (${idList})` : Prisma.sql`e."status" = 'ACTIVE'`;
  const agg = (select: Prisma.Sql) => Prisma.sql`(SELECT COALESCE(json_agg(t), '[]'::json) FROM (${select}) t)`;

  type Loaded = {
    enrollments: { personId: string; pathway: Pathway | null; cpdSystem: CpdSystem | null; startDate: string; endDate: string | null; status: EnrollmentState; name: string; email: string | null }[];
    pairings: { id: string; mentorId: string; menteeId: string; fromDate: string; mentorName: string }[];
    meetings: { menteeId: string; pairingId: string; confirmation: ProgressData['meetingGroups'][number]['confirmation']; n: number; last: string | null; minutes: number | null }[];
    next: { menteeId: string; next: string | null }[];
    cpd: (Omit<CpdGroup, 'credits'> & { credits: number | string })[];
    reflections: { menteeId: string; status: ProgressData['reflectionGroups'][number]['status']; n: number; due: string | null }[];
    goals: { menteeId: string; status: ProgressData['goalGroups'][number]['status']; n: number }[];
    roleGroups: { role: Role; n: number }[];
    withdrawn: { personId: string; statusAt: string | null; name: string }[];
    aways: { personId: string; fromDate: string; untilDate: string }[];
    roles: { personId: string; role: CanMedsRole; n: number }[];
  };
  const parts: [keyof Loaded, Prisma.Sql][] = [
    ['enrollments', agg(Prisma.sql`
        SELECT e."personId", e."pathway", e."cpdSystem", e."startDate"::text AS "startDate", e."endDate"::text AS "endDate", e."status", pe."name", pe."email"
          FROM "Enrollment" e JOIN "Person" pe ON pe."id" = e."personId"
         WHERE e."programId" = ${p} AND e."role" = 'MENTEE' AND ${menteeEnrollment}
         ORDER BY pe."name", e."personId"`)],
    ['pairings', agg(Prisma.sql`
        SELECT pa."id", pa."mentorId", pa."menteeId", pa."fromDate"::text AS "fromDate", mp."name" AS "mentorName"
          FROM "Pairing" pa JOIN "Person" mp ON mp."id" = pa."mentorId"
         WHERE pa."programId" = ${p} AND pa."menteeId" ${inScope} AND pa."fromDate" <= ${todayText}::date AND (pa."untilDate" IS NULL OR pa."untilDate" > ${todayText}::date)`)],
    ['meetings', agg(Prisma.sql`
        SELECT "menteeId", "pairingId", "confirmation", count(*)::int AS n, max("date")::text AS last, sum("minutes")::int AS minutes
          FROM "Meeting" WHERE "programId" = ${p} AND "menteeId" ${inScope}
         GROUP BY 1, 2, 3`)],
    ['next', agg(Prisma.sql`
        SELECT "menteeId", min("nextMeetingDate")::text AS next
          FROM "Meeting" WHERE "programId" = ${p} AND "menteeId" ${inScope} AND "nextMeetingDate" >= ${todayText}::date AND "confirmation" <> 'DISPUTED'
         GROUP BY 1`)],
    ['cpd', agg(cpdTalliesSql(ctx, ids, today))],
    ['reflections', agg(Prisma.sql`
        SELECT "menteeId", "status", count(*)::int AS n, min("dueAt") AS due
          FROM "ReflectionPrompt"
         WHERE "programId" = ${p} AND "menteeId" ${inScope}
           AND ("status" = 'ANSWERED' OR ("status" IN ('OPEN', 'DRAFT') AND "dueAt" <= (${nowText}::timestamptz AT TIME ZONE 'UTC')))
         GROUP BY 1, 2`)],
    ['goals', agg(Prisma.sql`
        SELECT "menteeId", "status", count(*)::int AS n FROM "LearningGoal" WHERE "programId" = ${p} AND "menteeId" ${inScope} GROUP BY 1, 2`)],
    ['roleGroups', agg(Prisma.sql`
        SELECT "role", count(*)::int AS n FROM "Enrollment" WHERE "programId" = ${p} AND "status" = 'ACTIVE' ${ids ? Prisma.sql`AND "personId" IN (${idList})` : Prisma.empty} GROUP BY 1`)],
    ['withdrawn', ids
        ? Prisma.sql`'[]'::json`
        : agg(Prisma.sql`
        SELECT e."personId", e."statusAt", pe."name"
          FROM "Enrollment" e JOIN "Person" pe ON pe."id" = e."personId"
         WHERE e."programId" = ${p} AND e."status" = 'WITHDRAWN'
           AND (e."statusAt" >= ${yearStart}::timestamp OR (e."statusAt" IS NULL AND e."updatedAt" >= ${yearStart}::timestamp))
         ORDER BY pe."name", e."personId"`)],
    ['aways', agg(Prisma.sql`
        SELECT "personId", "fromDate"::text AS "fromDate", "untilDate"::text AS "untilDate"
          FROM "Away" WHERE "programId" = ${p} AND "fromDate" <= ${todayText}::date AND "untilDate" >= ${awayFrom}::date`)],
    ['roles', agg(Prisma.sql`
        SELECT r."personId", r.role::text AS role, count(*)::int AS n FROM (
          SELECT "menteeId" AS "personId", unnest("roles") AS role FROM "Meeting" WHERE "programId" = ${p} AND "confirmation" <> 'DISPUTED' AND "menteeId" ${inScope}
          UNION ALL
          SELECT "personId", unnest("roles") FROM "CpdActivity" WHERE "programId" = ${p} AND "personId" ${inScope}
          UNION ALL
          SELECT "menteeId", unnest("roles") FROM "ReflectionPrompt" WHERE "programId" = ${p} AND "status" = 'ANSWERED' AND "menteeId" ${inScope}
        ) r GROUP BY r."personId", r.role`)],
  ];
  // One statement for a mentee or a mentor's few; for the whole program, the two heaviest
  // aggregations (CPD tallies, CanMEDS roles) go as statements of their own beside the rest, so that
  // PostgreSQL runs the three at once on pooled connections: still a constant three, whatever the size.
  const groups: (keyof Loaded)[][] = ids ? [parts.map(([name]) => name)] : [['cpd'], ['roles'], parts.map(([name]) => name).filter((n) => n !== 'cpd' && n !== 'roles')];
  const select = (names: (keyof Loaded)[]) =>
    ctx.db.$queryRaw<Partial<Loaded>[]>`SELECT ${Prisma.join(
      parts.filter(([name]) => names.includes(name)).map(([name, sql]) => Prisma.sql`${sql} AS ${Prisma.raw(`"${name}"`)}`),
      ', ',
    )}`;
  const row = Object.assign({}, ...(await Promise.all(groups.map(async (names) => (await select(names))[0]!)))) as Loaded;
  return {
    enrollments: row.enrollments.map((e) => ({
      personId: e.personId,
      pathway: e.pathway,
      cpdSystem: e.cpdSystem,
      startDate: toDbDate(e.startDate),
      endDate: dbDateOrNull(e.endDate),
      status: e.status,
      person: { name: e.name, email: e.email },
    })),
    pairings: row.pairings.map((x) => ({ id: x.id, mentorId: x.mentorId, menteeId: x.menteeId, fromDate: toDbDate(x.fromDate), mentor: { name: x.mentorName } })),
    meetingGroups: row.meetings.map((g) => ({ menteeId: g.menteeId, pairingId: g.pairingId, confirmation: g.confirmation, _count: { _all: Number(g.n) }, _max: { date: dbDateOrNull(g.last) }, _sum: { minutes: g.minutes === null ? null : Number(g.minutes) } })),
    nextMeetingGroups: row.next.map((g) => ({ menteeId: g.menteeId, _min: { nextMeetingDate: dbDateOrNull(g.next) } })),
    cpdGroups: row.cpd.map((r) => ({ ...r, n: Number(r.n), creditYear: Number(r.creditYear), credits: Number(r.credits) })),
    reflectionGroups: row.reflections.map((g) => ({ menteeId: g.menteeId, status: g.status, _count: { _all: Number(g.n) }, _min: { dueAt: g.due === null ? null : utcStamp(g.due) } })),
    goalGroups: row.goals.map((g) => ({ menteeId: g.menteeId, status: g.status, _count: { _all: Number(g.n) } })),
    roleGroups: row.roleGroups.map((g) => ({ role: g.role, _count: { _all: Number(g.n) } })),
    withdrawn: row.withdrawn.map((w) => ({ personId: w.personId, statusAt: w.statusAt === null ? null : utcStamp(w.statusAt), person: { name: w.name } })),
    aways: row.aways.map((a) => ({ personId: a.personId, fromDate: toDbDate(a.fromDate), untilDate: toDbDate(a.untilDate) })),
    roleRows: row.roles.map((r) => ({ personId: r.personId, role: r.role, n: Number(r.n) })),
  };
}

/** A mentee's CPD in their system: the program year's pace, the credit years it spans, the cycle's knowable gaps. */
export function cpdProgressOf(system: CpdSystem, groups: CpdGroup[], target: number, start: string, end: string, today: string): CpdProgress {
  const mine = groups.filter((g) => g.system === system);
  const inYear = mine.filter((g) => g.inProgram);
  const set = ruleSetFor(system, today);
  const credits = round2(sum(inYear, (g) => g.credits));
  const pace = cpdPace({ creditsSoFar: credits, target, start: toDbDate(start), end: toDbDate(end), now: toDbDate(today) });
  // The set's categories, then any key only an older set knew (shown as stored).
  const keys: { key: string; label: string; labelKey?: MessageKey }[] = set.categories.map((c) => ({ key: c.key, label: c.label, labelKey: c.labelKey }));
  for (const g of inYear) if (!keys.some((k) => k.key === g.category)) keys.push({ key: g.category, label: g.category });
  const byCategory = keys.map((k) => ({ ...k, credits: round2(sum(inYear.filter((g) => g.category === k.key), (g) => g.credits)) }));
  const creditYears = creditYearsSpanned(system, start, end).map((y) => {
    const have = round2(sum(mine.filter((g) => g.creditYear === Number(y.from.slice(0, 4))), (g) => g.credits));
    return { label: y.label, from: y.from, to: y.to, credits: have, minimum: y.ruleSet.perYear, met: have >= y.ruleSet.perYear, reportBy: y.reportBy };
  });
  const inCycle = mine.filter((g) => g.inCycle);
  const cycle = set.cycleMinimums
    .filter((m) => m.shownInProgress)
    .map((m) => {
      const matching = inCycle.filter((g) => m.categories.includes(g.category) && (!m.activityType || g.activityType === m.activityType.key));
      const unit: 'credits' | 'activities' = m.activityType ? 'activities' : 'credits';
      const have = m.activityType ? sum(matching, (g) => g.n) : round2(sum(matching, (g) => g.credits));
      const need = m.activityType ? m.activityType.count : (m.credits ?? 0);
      return { label: m.label, labelKey: m.labelKey, have, need, unit, met: have >= need };
    });
  const otherSystems = CPD_SYSTEMS.filter((s) => s !== system)
    .map((s) => {
      const theirs = groups.filter((g) => g.system === s && g.inProgram);
      return { system: s, credits: round2(sum(theirs, (g) => g.credits)), activities: sum(theirs, (g) => g.n) };
    })
    .filter((o) => o.activities > 0);
  return {
    system,
    credits,
    certified: round2(sum(inYear.filter((g) => g.certified), (g) => g.credits)),
    certifiedWord: set.certifiedWord,
    activities: sum(inYear, (g) => g.n),
    byCategory,
    target,
    expected: round2(pace.expected),
    behind: pace.behind,
    shortfall: round2(pace.shortfall),
    creditYears,
    cycle,
    otherSystems,
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const sum = <T>(items: T[], f: (item: T) => number): number => items.reduce((acc, i) => acc + f(i), 0);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
