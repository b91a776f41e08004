// From the rows loadProgress read to MenteeProgress and ProgramProgress: meeting and CPD tallies, each
// mentee's row, what is missing for completion, the lists that need attention and the program's totals.
// Pure (no store, no clock: today is given), apart from the query so it can be read and tested on its own.
// Over 300 lines because the rows, the attention lists and the totals all read the same maps built at
// the top of tallyProgress; apart, they would pass a dozen maps between them.
import type { MessageKey } from '../i18n/translate.js';
import { said, type Said } from '../i18n/translate.js';
import type { CpdSystem, Role } from '../domain/enums.js';
import { CPD_SYSTEMS } from '../domain/enums.js';
import { enrollmentCpdSystem, pairCadence } from '../domain/people.js';
import { cpdPace, toCents } from '../domain/credits.js';
import { creditYearsSpanned, ruleSetFor, type CpdRuleSet, type CreditYear } from '../domain/cpd-rules.js';
import { cpdTargetFor, type ProgramRules } from '../domain/program-rules.js';
import { CANMEDS_ROLE_KEYS, type CanMedsRole } from '../domain/canmeds.js';
import { addMonthsLocal, daysBetween, localDate } from '../domain/time.js';
import { daysExcludingAway, type AwayPeriod } from '../domain/away-days.js';
import { toDbDate } from './db-dates.js';
import type {
  CpdGroup,
  CpdProgress,
  MenteeProgress,
  NeedsAttention,
  PairAttention,
  PersonName,
  ProgramProgress,
  ProgramTotals,
  ProgressData,
  ReflectionProgress,
} from './progress.types.js';

/** Mentee rows computed between two turns of the event loop (programProgress). */
const ROWS_PER_SLICE = 250;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Every mentee row of `data` with totals and the lists that need attention, as of `today` in the
 * program's time zone. Async only to give the event loop back between slices of rows.
 */
export async function tallyProgress(
  data: ProgressData,
  program: { name: string; timeZone: string; rules: ProgramRules },
  today: string,
): Promise<ProgramProgress> {
  const rules = program.rules;
  // Thousands of rows share a few start dates, systems and due times: each is worked out once.
  const ruleSetToday = memo((system: CpdSystem) => ruleSetFor(system, today));
  const creditYearsOf = memo((system: CpdSystem, start: string, end: string) => creditYearsSpanned(system, start, end));
  const localDay = memo((instant: number) => localDate(new Date(instant), program.timeZone));
  const { enrollments, pairings, meetingGroups, cpdGroups, reflections, goalGroups, roleGroups, withdrawn, aways, roleCounts } = data;

  const awayByPerson = new Map<string, AwayPeriod[]>();
  for (const a of aways) push(awayByPerson, a.personId, { from: a.fromDate, until: a.untilDate });

  const names = new Map<string, string>();
  for (const e of enrollments) names.set(e.personId, e.name);
  for (const p of pairings) names.set(p.mentorId, p.mentorName);
  const nameOf = (personId: string): PersonName => ({ personId, name: names.get(personId) ?? 'Unknown' });

  const pairingsByMentee = new Map<string, typeof pairings>();
  for (const p of pairings) push(pairingsByMentee, p.menteeId, p);

  // Meetings by mentee and by pairing.
  type MeetingTally = { confirmed: number; unconfirmed: number; disputed: number; last: string | null; minutes: number };
  const blank = (): MeetingTally => ({ confirmed: 0, unconfirmed: 0, disputed: 0, last: null, minutes: 0 });
  const byMentee = new Map<string, MeetingTally>();
  const lastByPairing = new Map<string, string>();
  const nextByMentee = new Map<string, string>();
  for (const g of meetingGroups) {
    const t = byMentee.get(g.menteeId) ?? blank();
    byMentee.set(g.menteeId, t);
    if (g.confirmation === 'CONFIRMED') t.confirmed += g.n;
    else if (g.confirmation === 'PENDING') t.unconfirmed += g.n;
    else t.disputed += g.n;
    t.minutes += g.minutes;
    // A disputed meeting may not have happened: it does not reset the cadence, nor is its next meeting agreed.
    if (g.confirmation === 'DISPUTED') continue;
    const d = g.last;
    if (d) {
      if (!t.last || d > t.last) t.last = d;
      const p = lastByPairing.get(g.pairingId);
      if (!p || d > p) lastByPairing.set(g.pairingId, d);
    }
    const next = nextByMentee.get(g.menteeId);
    if (g.next && (!next || g.next < next)) nextByMentee.set(g.menteeId, g.next);
  }

  const cpdByPerson = new Map<string, CpdGroup[]>();
  for (const g of cpdGroups) push(cpdByPerson, g.personId, g);
  const reflByMentee = new Map<string, ReflectionProgress>();
  for (const r of reflections) {
    reflByMentee.set(r.menteeId, { answered: r.answered, outstanding: r.outstanding, oldestOutstandingDue: r.oldestDue ? localDay(r.oldestDue.getTime()) : null });
  }

  const goalsByMentee = new Map<string, { total: number; achieved: number }>();
  for (const g of goalGroups) {
    const t = goalsByMentee.get(g.menteeId) ?? { total: 0, achieved: 0 };
    goalsByMentee.set(g.menteeId, t);
    if (g.status !== 'DROPPED') t.total += g.n;
    if (g.status === 'ACHIEVED') t.achieved += g.n;
  }

  const rolesByPerson = new Map<string, { role: CanMedsRole; n: number }[]>();
  for (const r of roleCounts) {
    const counts = rolesByPerson.get(r.personId);
    const same = counts?.find((c) => c.role === r.role);
    if (same) same.n += r.n;
    else push(rolesByPerson, r.personId, { role: r.role, n: r.n });
  }
  // The store returns the rows in no fixed order: ties go in the order the CanMEDS data lists the roles.
  const canmedsOrder = (role: CanMedsRole) => CANMEDS_ROLE_KEYS.indexOf(role);
  const rolesTouched = (personId: string): CanMedsRole[] =>
    (rolesByPerson.get(personId) ?? []).sort((a, b) => b.n - a.n || canmedsOrder(a.role) - canmedsOrder(b.role)).map((r) => r.role);

  const awayOfPair = (ids: string[]): AwayPeriod[] => ids.flatMap((id) => awayByPerson.get(id) ?? []);

  const rowOf = (e: ProgressData['enrollments'][number]): MenteeProgress => {
    const { startDate, endDate } = e;
    const active = pairingsByMentee.get(e.personId) ?? [];
    const tally = byMentee.get(e.personId) ?? blank();
    const required = rules.meetingsRequired;
    const done = tally.confirmed + tally.unconfirmed;
    const fraction = yearFraction(startDate, endDate, today, rules.programLengthMonths);

    let daysWithoutMeeting: number | null = null;
    if (active.length > 0 && e.status === 'ACTIVE') {
      const pairStart = active.map((p) => p.fromDate).sort()[0]!;
      const since = tally.last && tally.last > pairStart ? tally.last : pairStart;
      daysWithoutMeeting = daysExcludingAway(since, today, awayOfPair([e.personId, ...active.map((p) => p.mentorId)]));
    }
    const cadence = daysWithoutMeeting === null ? null : pairCadence(daysWithoutMeeting, rules);
    const overdue = cadence?.overdue ?? false;
    const escalated = cadence?.escalated ?? false;

    const system: CpdSystem = enrollmentCpdSystem(e);
    const programEnd = endDate ?? addMonthsLocal(startDate, rules.programLengthMonths);
    const cpd = cpdProgressOf(system, cpdByPerson.get(e.personId) ?? [], cpdTargetFor(system, rules), startDate, programEnd, today, {
      set: ruleSetToday(system),
      years: creditYearsOf(system, startDate, programEnd),
    });
    const reflections = reflByMentee.get(e.personId) ?? { answered: 0, outstanding: 0, oldestOutstandingDue: null };
    const goals = goalsByMentee.get(e.personId) ?? { total: 0, achieved: 0 };
    const months = rules.programLengthMonths;
    const month = today < startDate ? 0 : Math.min(months, monthsBetween(startDate, today) + 1);

    const row: MenteeProgress = {
      personId: e.personId,
      name: e.name,
      email: e.email,
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
    const from = p.fromDate;
    const last = lastByPairing.get(p.id) ?? null;
    const since = last && last > from ? last : from;
    const days = daysExcludingAway(since, today, awayOfPair([p.menteeId, p.mentorId]));
    if (pairCadence(days, rules).overdue) {
      pairsOverdue.push({ pairingId: p.id, mentor: nameOf(p.mentorId), mentee: nameOf(p.menteeId), lastMeeting: last, daysWithoutMeeting: days });
    }
  }
  pairsOverdue.sort((a, b) => b.daysWithoutMeeting - a.daysWithoutMeeting || a.mentee.name.localeCompare(b.mentee.name));

  const participants: Record<Role, number> = { MENTEE: 0, MENTOR: 0, COORDINATOR: 0 };
  for (const g of roleGroups) participants[g.role] = g.n;

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
    withdrawnThisYear: withdrawn.map((w) => ({ person: { personId: w.personId, name: w.name }, at: w.statusAt ? localDate(w.statusAt, program.timeZone) : null })),
  };

  const totals: ProgramTotals = {
    participants,
    pairs: pairings.filter((p) => rowById.get(p.menteeId)?.status === 'ACTIVE').length,
    meetings: sum(rows, (r) => r.meetings.done),
    meetingMinutes: [...byMentee.entries()].filter(([id]) => rowById.has(id)).reduce((acc, [, t]) => acc + t.minutes, 0),
    cpdActivities: sum(rows, (r) => r.cpd.activities),
    cpdBySystem: CPD_SYSTEMS.map((system) => {
      const parts = rows.flatMap((r) => [...(r.cpd.system === system ? [{ activities: r.cpd.activities, credits: r.cpd.credits }] : []), ...r.cpd.otherSystems.filter((o) => o.system === system)]);
      return { system, activities: sum(parts, (x) => x.activities), credits: toCents(sum(parts, (x) => x.credits)) };
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
  if (c.credits < c.target) missing.push(said('progress.missing.credits', { more: toCents(c.target - c.credits), credits: c.credits, target: c.target }));
  const r = row.reflections.outstanding;
  if (r > 0) missing.push(said('progress.missing.reflections', { n: r }));
  if (row.goals.total === 0) missing.push(said('progress.missing.goals'));
  return missing;
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

/** A mentee's CPD in their system: the program year's pace, the credit years it spans, the cycle's knowable gaps. */
export function cpdProgressOf(
  system: CpdSystem,
  groups: CpdGroup[],
  target: number,
  start: string,
  end: string,
  today: string,
  // The rule set in force today and the credit years the program spans (a tally of thousands of rows passes them from its memo).
  given: { set: CpdRuleSet; years: CreditYear[] } = { set: ruleSetFor(system, today), years: creditYearsSpanned(system, start, end) },
): CpdProgress {
  const mine = groups.filter((g) => g.system === system);
  const inYear = mine.filter((g) => g.inProgram);
  const { set } = given;
  const credits = toCents(sum(inYear, (g) => g.credits));
  const pace = cpdPace({ creditsSoFar: credits, target, start: toDbDate(start), end: toDbDate(end), now: toDbDate(today) });
  // The set's categories, then any key only an older set knew (shown as stored).
  const keys: { key: string; label: string; labelKey?: MessageKey }[] = set.categories.map((c) => ({ key: c.key, label: c.label, labelKey: c.labelKey }));
  for (const g of inYear) if (!keys.some((k) => k.key === g.category)) keys.push({ key: g.category, label: g.category });
  const byCategory = keys.map((k) => ({ ...k, credits: toCents(sum(inYear.filter((g) => g.category === k.key), (g) => g.credits)) }));
  const creditYears = given.years.map((y) => {
    const have = toCents(sum(mine.filter((g) => g.creditYear === Number(y.from.slice(0, 4))), (g) => g.credits));
    return { label: y.label, from: y.from, to: y.to, credits: have, minimum: y.ruleSet.perYear, met: have >= y.ruleSet.perYear, reportBy: y.reportBy };
  });
  const inCycle = mine.filter((g) => g.inCycle);
  const cycle = set.cycleMinimums
    .filter((m) => m.shownInProgress)
    .map((m) => {
      const matching = inCycle.filter((g) => m.categories.includes(g.category) && (!m.activityType || g.activityType === m.activityType.key));
      const unit: 'credits' | 'activities' = m.activityType ? 'activities' : 'credits';
      const have = m.activityType ? sum(matching, (g) => g.n) : toCents(sum(matching, (g) => g.credits));
      const need = m.activityType ? m.activityType.count : (m.credits ?? 0);
      return { label: m.label, labelKey: m.labelKey, have, need, unit, met: have >= need };
    });
  const otherSystems = CPD_SYSTEMS.filter((s) => s !== system)
    .map((s) => {
      const theirs = groups.filter((g) => g.system === s && g.inProgram);
      return { system: s, credits: toCents(sum(theirs, (g) => g.credits)), activities: sum(theirs, (g) => g.n) };
    })
    .filter((o) => o.activities > 0);
  return {
    system,
    credits,
    certified: toCents(sum(inYear.filter((g) => g.certified), (g) => g.credits)),
    certifiedWord: set.certifiedWord,
    activities: sum(inYear, (g) => g.n),
    byCategory,
    target,
    expected: toCents(pace.expected),
    behind: pace.behind,
    shortfall: toCents(pace.shortfall),
    creditYears,
    cycle,
    otherSystems,
  };
}

const sum = <T>(items: T[], f: (item: T) => number): number => items.reduce((acc, i) => acc + f(i), 0);

/** `f` remembered by its arguments, for values a tally asks for again and again. */
function memo<A extends (string | number)[], R>(f: (...args: A) => R): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const key = args.join('|');
    if (!known.has(key)) known.set(key, f(...args));
    return known.get(key)!;
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
