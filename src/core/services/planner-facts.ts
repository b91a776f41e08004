// What the planner looks at on each tick (planner.service.ts decides from it): active enrollments,
// pairings in force, each pair's last and latest meetings, who is away, each person's time zone and
// language, all read at once. Apart so the planner's rules read without the queries.
import type { CoreContext } from '../context.js';
import type { CpdSystem } from '../domain/enums.js';
import { enrollmentCpdSystem, personTimeZone } from '../domain/people.js';
import { addDaysLocal, localDate } from '../domain/time.js';
import { readerLocale, type Locale } from '../i18n/locale.js';
import { toDbDate, fromDbDate, fromDbDateOrNull } from './db-dates.js';
import type { MenteeProgress, ProgramProgress } from './progress.types.js';

interface Interval {
  from: string;
  until: string;
}

export interface Facts {
  now: Date;
  today: string;
  morning: string;
  /** Each person's name, time zone and the language they read (own choice, else platform's, else program's). */
  people: Map<string, { name: string; timeZone: string; locale: Locale }>;
  /** Active enrollments by person and role. */
  active: Map<string, { id: string; role: string; startDate: string; endDate: string | null; cpdSystem: CpdSystem }[]>;
  coordinators: string[];
  pairings: { id: string; mentorId: string; menteeId: string; fromDate: string }[];
  lastMeeting: Map<string, string>;
  latestMeeting: Map<string, { id: string; date: string; nextMeetingDate: string | null }>;
  aways: Map<string, Interval[]>;
  /** The program's progress, computed at most once per pass (the mentees' reminders and the weekly digest read it). */
  progress?: Promise<ProgramProgress>;
  /** Its rows by mentee. */
  progressRows?: Promise<Map<string, MenteeProgress>>;
}

export async function loadFacts(ctx: CoreContext): Promise<Facts> {
  const { db, program } = ctx;
  const now = ctx.clock.now();
  const today = localDate(now, program.timeZone);
  const todayDb = toDbDate(today);
  const [enrollments, pairings, lastGroups, withNext, aways] = await Promise.all([
    db.enrollment.findMany({
      where: { programId: program.id, status: 'ACTIVE' },
      select: {
        id: true,
        personId: true,
        role: true,
        pathway: true,
        cpdSystem: true,
        startDate: true,
        endDate: true,
        person: { select: { name: true, timeZone: true, language: true, locale: true, chatAccounts: { select: { timeZone: true }, where: { timeZone: { not: null } }, orderBy: { createdAt: 'asc' }, take: 1 } } },
      },
    }),
    // In force today: from ≤ today < until (untilDate is exclusive, see access.ts).
    db.pairing.findMany({
      where: { programId: program.id, fromDate: { lte: todayDb }, OR: [{ untilDate: null }, { untilDate: { gt: todayDb } }] },
      select: { id: true, mentorId: true, menteeId: true, fromDate: true },
    }),
    // A disputed meeting may not have happened: it does not reset the cadence.
    db.meeting.groupBy({ by: ['pairingId'], where: { programId: program.id, confirmation: { not: 'DISPUTED' } }, _max: { date: true } }),
    db.meeting.findMany({
      where: { programId: program.id, confirmation: { not: 'DISPUTED' }, nextMeetingDate: { gte: todayDb } },
      select: { id: true, pairingId: true, date: true, nextMeetingDate: true, createdAt: true },
      orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
    }),
    db.away.findMany({
      where: { programId: program.id, untilDate: { gte: toDbDate(addDaysLocal(today, -400)) } },
      select: { personId: true, fromDate: true, untilDate: true },
    }),
  ]);

  const people: Facts['people'] = new Map();
  const active: Facts['active'] = new Map();
  const coordinators: string[] = [];
  for (const e of enrollments) {
    people.set(e.personId, {
      name: e.person.name,
      timeZone: personTimeZone(e.person, e.person.chatAccounts, program.timeZone),
      locale: readerLocale({ chosen: e.person.language, platform: e.person.locale, program: program.locale }),
    });
    const list = active.get(e.personId) ?? [];
    list.push({
      id: e.id,
      role: e.role,
      startDate: fromDbDate(e.startDate),
      endDate: fromDbDateOrNull(e.endDate),
      cpdSystem: enrollmentCpdSystem(e),
    });
    active.set(e.personId, list);
    if (e.role === 'COORDINATOR') coordinators.push(e.personId);
  }
  const lastMeeting = new Map<string, string>();
  for (const g of lastGroups) if (g._max.date) lastMeeting.set(g.pairingId, fromDbDate(g._max.date));
  const latestMeeting = new Map<string, { id: string; date: string; nextMeetingDate: string | null }>();
  for (const m of withNext) latestMeeting.set(m.pairingId, { id: m.id, date: fromDbDate(m.date), nextMeetingDate: fromDbDateOrNull(m.nextMeetingDate) });
  const awayMap = new Map<string, Interval[]>();
  for (const a of aways) {
    const list = awayMap.get(a.personId) ?? [];
    list.push({ from: fromDbDate(a.fromDate), until: fromDbDate(a.untilDate) });
    awayMap.set(a.personId, list);
  }
  return {
    now,
    today,
    morning: program.rules.quietHours.end,
    people,
    active,
    coordinators,
    pairings: pairings.map((p) => ({ id: p.id, mentorId: p.mentorId, menteeId: p.menteeId, fromDate: fromDbDate(p.fromDate) })),
    lastMeeting,
    latestMeeting,
    aways: awayMap,
  };
}
